import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { walletSchema, type Wallet } from '../types';

/** GET /api/wallet (mentors): available, in escrow, withdrawn, lifetime earned and in transit, from the ledger. */
export async function getWallet({ signal }: { signal?: AbortSignal } = {}): Promise<Wallet> {
  return walletSchema.parse(await apiClient.get('/api/wallet', signal ? { signal } : {}));
}

export const walletQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.wallet.summary,
    queryFn: ({ signal }) => getWallet({ signal }),
  });

export function useWallet() {
  return useQuery(walletQueryOptions());
}
