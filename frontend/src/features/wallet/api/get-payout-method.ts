import { queryOptions, useQuery } from '@tanstack/react-query';
import { ApiError, apiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { payoutMethodSchema, type PayoutMethod } from '../types';

/** GET /api/wallet/payout-method (mentors): where withdrawals go, masked; null when none is set yet (404). */
export async function getPayoutMethod({ signal }: { signal?: AbortSignal } = {}): Promise<PayoutMethod | null> {
  try {
    return payoutMethodSchema.parse(await apiClient.get('/api/wallet/payout-method', signal ? { signal } : {}));
  } catch (error) {
    if (error instanceof ApiError && error.status === 404 && error.code === 'not_found') return null;
    throw error;
  }
}

export const payoutMethodQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.wallet.payoutMethod,
    queryFn: ({ signal }) => getPayoutMethod({ signal }),
  });

export function usePayoutMethod() {
  return useQuery(payoutMethodQueryOptions());
}
