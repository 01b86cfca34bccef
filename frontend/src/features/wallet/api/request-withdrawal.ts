import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { withdrawalSchema, type Withdrawal } from '../types';

/**
 * POST /api/wallet/withdrawals (mentors): from ₹500 up to the available balance, to the payout method. The money
 * leaves "available" at once; the key makes a retried request count once.
 */
export async function requestWithdrawal({ amountPaise, idempotencyKey }: { amountPaise: number; idempotencyKey: string }): Promise<Withdrawal> {
  return withdrawalSchema.parse(await apiClient.post('/api/wallet/withdrawals', { amountPaise }, { headers: { 'Idempotency-Key': idempotencyKey } }));
}

export function useRequestWithdrawal() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: requestWithdrawal,
    // The figures, the statement and the withdrawals all move.
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.wallet.all }),
  });
}
