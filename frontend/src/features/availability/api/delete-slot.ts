import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

/** DELETE /api/mentors/me/slots/:id (mentors): 204; 409 `slot_has_bookings` once someone booked. */
export async function deleteSlot(id: string): Promise<void> {
  await apiClient.delete(`/api/mentors/me/slots/${encodeURIComponent(id)}`);
}

export function useDeleteSlot() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteSlot,
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.availability.mySlots });
      await queryClient.invalidateQueries({ queryKey: queryKeys.availability.publicAll });
    },
  });
}
