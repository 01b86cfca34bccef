import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { bookingSchema, type Booking } from '../types';

export const CANCEL_REASON_MAX = 500;

export const cancelInputSchema = z.object({
  reason: z.string().trim().max(CANCEL_REASON_MAX, `Keep the reason under ${CANCEL_REASON_MAX} characters`),
});

export type CancelInput = z.infer<typeof cancelInputSchema>;

/**
 * POST /api/bookings/:id/cancel. A booking waiting for payment just lets its held time go; a paid one
 * is refunded by the cancellation policy. The key makes a retried cancel count once.
 */
export async function cancelBooking({ id, reason, idempotencyKey }: CancelInput & { id: string; idempotencyKey: string }): Promise<Booking> {
  const body = reason.trim() ? { reason: reason.trim() } : {};
  return bookingSchema.parse(
    await apiClient.post(`/api/bookings/${encodeURIComponent(id)}/cancel`, body, { headers: { 'Idempotency-Key': idempotencyKey } }),
  );
}

export function useCancelBooking() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: cancelBooking,
    onSuccess: (booking) => queryClient.setQueryData(queryKeys.bookings.detail(booking.id), booking),
    // Lists move the booking to "Cancelled"; payments show the refund.
    onSettled: () => Promise.all([queryClient.invalidateQueries({ queryKey: queryKeys.bookings.lists }), queryClient.invalidateQueries({ queryKey: queryKeys.payments.all })]),
  });
}
