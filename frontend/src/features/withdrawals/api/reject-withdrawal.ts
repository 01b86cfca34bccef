import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { decidedWithdrawalSchema, type DecidedWithdrawal } from '../types';

export const REJECT_REASON_MIN = 3;
export const REJECT_REASON_MAX = 500;

export const rejectInputSchema = z.object({
  reason: z
    .string()
    .trim()
    .min(REJECT_REASON_MIN, `Say why, for the mentor (at least ${REJECT_REASON_MIN} characters)`)
    .max(REJECT_REASON_MAX, `At most ${REJECT_REASON_MAX} characters`),
});

/** POST /api/admin/withdrawals/:id/reject (admins): the money goes back to the mentor's wallet; they read the reason. */
export async function rejectWithdrawal({ id, reason }: { id: string; reason: string }): Promise<DecidedWithdrawal> {
  return decidedWithdrawalSchema.parse(await apiClient.post(`/api/admin/withdrawals/${encodeURIComponent(id)}/reject`, { reason }));
}

export function useRejectWithdrawal() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: rejectWithdrawal,
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.adminWithdrawals.all }),
  });
}
