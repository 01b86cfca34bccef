import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { bookingSchema, type Booking } from '../types';

/**
 * POST /api/bookings/:id/confirm-completion: the student says a completed session went well, which
 * releases the held payment to the mentor now rather than 24 hours after the session. 409 when the
 * booking isn't completed with its money still held.
 */
export async function confirmCompletion(id: string): Promise<Booking> {
  return bookingSchema.parse(await apiClient.post(`/api/bookings/${encodeURIComponent(id)}/confirm-completion`));
}

export function useConfirmCompletion() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: confirmCompletion,
    onSuccess: (booking) => queryClient.setQueryData(queryKeys.bookings.detail(booking.id), booking),
    onSettled: (_booking, _error, id) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.bookings.detail(id) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.bookings.lists }),
        queryClient.invalidateQueries({ queryKey: queryKeys.payments.all }),
      ]),
  });
}
