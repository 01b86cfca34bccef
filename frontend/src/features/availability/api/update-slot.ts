import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { slotSchema, type Slot } from '../types';
import type { SlotInput } from './create-slot';

/** PATCH /api/mentors/me/slots/:id (mentors): any fields; 409 `slot_has_bookings` once someone booked, or `slot_overlap`. */
export async function updateSlot({ id, ...patch }: Partial<SlotInput> & { id: string }): Promise<Slot> {
  return slotSchema.parse(await apiClient.patch(`/api/mentors/me/slots/${encodeURIComponent(id)}`, patch));
}

export function useUpdateSlot() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateSlot,
    onSettled: async () => {
      // Settled, not just success: a 409 `slot_has_bookings` means our list is out of date.
      await queryClient.invalidateQueries({ queryKey: queryKeys.availability.mySlots });
      await queryClient.invalidateQueries({ queryKey: queryKeys.availability.publicAll });
    },
  });
}
