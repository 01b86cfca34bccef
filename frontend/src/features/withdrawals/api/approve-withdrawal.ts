import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { decidedWithdrawalSchema, type DecidedWithdrawal } from '../types';

/**
 * POST /api/admin/withdrawals/:id/approve (admins): the payout is made through the gateway, keyed on the withdrawal so a
 * retry can never pay twice (409 `withdrawal_not_requested` once decided). Audited; the mentor is told.
 */
export async function approveWithdrawal(id: string): Promise<DecidedWithdrawal> {
  return decidedWithdrawalSchema.parse(await apiClient.post(`/api/admin/withdrawals/${encodeURIComponent(id)}/approve`));
}

export function useApproveWithdrawal() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: approveWithdrawal,
    // Whatever happened, every tab may be stale.
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.adminWithdrawals.all }),
  });
}
