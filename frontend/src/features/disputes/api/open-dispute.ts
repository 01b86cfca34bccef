import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { DISPUTE_RULES } from '../rules';
import { disputeSchema, type BookingDispute, type Dispute } from '../types';

export const openDisputeInputSchema = z.object({
  reason: z
    .string()
    .refine((reason) => reason.trim().length >= DISPUTE_RULES.reasonMinLength, 'Say what went wrong (10–2,000 characters)')
    .refine((reason) => reason.trim().length <= DISPUTE_RULES.reasonMaxLength, 'At most 2,000 characters'),
});

export type OpenDisputeInput = z.infer<typeof openDisputeInputSchema>;

/**
 * POST /api/bookings/:id/dispute: the student reports a problem with a completed session, and its payment stays
 * held until an admin decides. 422 names `reason`; 409 `not_completed`, `already_disputed`, `already_released`,
 * `dispute_window_closed` or `not_yours_to_dispute`.
 */
export async function openDispute({ bookingId, reason }: OpenDisputeInput & { bookingId: string }): Promise<Dispute> {
  return disputeSchema.parse(await apiClient.post(`/api/bookings/${encodeURIComponent(bookingId)}/dispute`, { reason: reason.trim() }));
}

export function useOpenDispute() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: openDispute,
    onSuccess: (dispute) => queryClient.setQueryData<BookingDispute>(queryKeys.disputes.ofBooking(dispute.bookingId), { dispute }),
    // Opened or refused (a 409 says the booking moved on), the booking's settlement and actions may have changed.
    onSettled: (_dispute, _error, { bookingId }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.disputes.ofBooking(bookingId) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.bookings.detail(bookingId) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.bookings.lists }),
      ]),
  });
}
