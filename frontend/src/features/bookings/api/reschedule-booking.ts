import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { bookingSchema, type Booking } from '../types';

/**
 * POST /api/bookings/:id/reschedule: moves a confirmed 1-to-1 booking, once, to another free time of
 * the mentor more than 4 hours ahead, same length, without paying again. 409 `slot_unavailable` when
 * the time went meanwhile.
 */
export async function rescheduleBooking({ id, startsAt }: { id: string; startsAt: string }): Promise<Booking> {
  return bookingSchema.parse(await apiClient.post(`/api/bookings/${encodeURIComponent(id)}/reschedule`, { startsAt }));
}

export function useRescheduleBooking() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: rescheduleBooking,
    onSuccess: (booking) => queryClient.setQueryData(queryKeys.bookings.detail(booking.id), booking),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.bookings.lists }),
  });
}
