import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { disputeSchema, type Dispute, type DisputeDetail, type DisputeOutcome } from '../types';

export interface ResolveDisputeInput {
  id: string;
  outcome: DisputeOutcome;
  /** Only for a partial refund: 1 to the price, in paise. */
  refundPaise?: number;
  note: string;
}

/**
 * POST /api/admin/disputes/:id/resolve: the money goes to the mentor, back to the student in full, or a part back.
 * 422 names `refundPaise` or `note`; 409 `already_resolved` when another admin decided first.
 */
export async function resolveDispute({ id, outcome, refundPaise, note }: ResolveDisputeInput): Promise<Dispute> {
  const body = outcome === 'partial' ? { outcome, refundPaise, note: note.trim() } : { outcome, note: note.trim() };
  return disputeSchema.parse(await apiClient.post(`/api/admin/disputes/${encodeURIComponent(id)}/resolve`, body));
}

export function useResolveDispute() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: resolveDispute,
    // The case shows its decision at once; attendance and notes don't change, so they stay.
    onSuccess: (dispute) =>
      queryClient.setQueryData<DisputeDetail>(queryKeys.adminDisputes.detail(dispute.id), (detail) => (detail ? { ...detail, ...dispute } : detail)),
    // Whatever happened (even a 409), the queue and the case may be stale: fetch them again rather than guess.
    onSettled: (dispute, _error, { id }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.adminDisputes.all }),
        ...(dispute
          ? [
              queryClient.invalidateQueries({ queryKey: queryKeys.disputes.ofBooking(dispute.bookingId) }),
              queryClient.invalidateQueries({ queryKey: queryKeys.bookings.detail(dispute.bookingId) }),
            ]
          : [queryClient.invalidateQueries({ queryKey: queryKeys.adminDisputes.detail(id) })]),
      ]),
  });
}
