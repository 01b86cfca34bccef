import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import type { PayoutMethod } from '../types';

const settingsSchema = z.object({ autoPayout: z.boolean() });

/** PATCH /api/wallet/settings (mentors): the weekly automatic payout, on or off (422 without a payout method). */
export async function updateWalletSettings(autoPayout: boolean): Promise<{ autoPayout: boolean }> {
  return settingsSchema.parse(await apiClient.patch('/api/wallet/settings', { autoPayout }));
}

export function useUpdateWalletSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateWalletSettings,
    onSuccess: ({ autoPayout }) => queryClient.setQueryData<PayoutMethod | null>(queryKeys.wallet.payoutMethod, (method) => (method ? { ...method, autoPayout } : method)),
  });
}
