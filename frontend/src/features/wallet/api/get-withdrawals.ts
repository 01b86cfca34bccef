import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { withdrawalPageSchema, type WithdrawalPage } from '../types';

export interface WithdrawalsQuery {
  page: number;
  limit: number;
}

/** GET /api/wallet/withdrawals (mentors): the mentor's withdrawals, newest first, each with its timeline. */
export async function getWithdrawals(query: WithdrawalsQuery, { signal }: { signal?: AbortSignal } = {}): Promise<WithdrawalPage> {
  const search = new URLSearchParams({ page: String(query.page), limit: String(query.limit) });
  return withdrawalPageSchema.parse(await apiClient.get(`/api/wallet/withdrawals?${search.toString()}`, signal ? { signal } : {}));
}

export const withdrawalsQueryOptions = (query: WithdrawalsQuery) =>
  queryOptions({
    queryKey: queryKeys.wallet.withdrawals(query),
    queryFn: ({ signal }) => getWithdrawals(query, { signal }),
    placeholderData: keepPreviousData,
  });

export function useWithdrawals(query: WithdrawalsQuery) {
  return useQuery(withdrawalsQueryOptions(query));
}
