import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { adminWithdrawalListSchema, type AdminWithdrawalList, type QueueTab } from '../types';

export interface AdminWithdrawalsQuery {
  status: QueueTab;
  page: number;
  limit: number;
}

/** GET /api/admin/withdrawals (admins): waiting ones oldest first, the others newest first; `all` sends no status. */
export async function getAdminWithdrawals(query: AdminWithdrawalsQuery, { signal }: { signal?: AbortSignal } = {}): Promise<AdminWithdrawalList> {
  const search = new URLSearchParams({ page: String(query.page), limit: String(query.limit) });
  if (query.status !== 'all') search.set('status', query.status);
  return adminWithdrawalListSchema.parse(await apiClient.get(`/api/admin/withdrawals?${search.toString()}`, signal ? { signal } : {}));
}

export const adminWithdrawalsQueryOptions = (query: AdminWithdrawalsQuery) =>
  queryOptions({
    queryKey: queryKeys.adminWithdrawals.list(query),
    queryFn: ({ signal }) => getAdminWithdrawals(query, { signal }),
    placeholderData: keepPreviousData,
  });

export function useAdminWithdrawals(query: AdminWithdrawalsQuery) {
  return useQuery(adminWithdrawalsQueryOptions(query));
}
