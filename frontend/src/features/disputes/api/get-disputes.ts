import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { disputeListSchema, type DisputeList, type DisputeStatus } from '../types';

export interface DisputesQuery {
  status: DisputeStatus;
  page: number;
  limit: number;
}

/** GET /api/admin/disputes (admins): open ones oldest first, resolved ones newest first. */
export async function getDisputes(query: DisputesQuery, { signal }: { signal?: AbortSignal } = {}): Promise<DisputeList> {
  const search = new URLSearchParams({ status: query.status, page: String(query.page), limit: String(query.limit) });
  return disputeListSchema.parse(await apiClient.get(`/api/admin/disputes?${search}`, signal ? { signal } : {}));
}

export const disputesQueryOptions = (query: DisputesQuery) =>
  queryOptions({
    queryKey: queryKeys.adminDisputes.list(query),
    queryFn: ({ signal }) => getDisputes(query, { signal }),
    placeholderData: keepPreviousData,
  });

export function useDisputes(query: DisputesQuery) {
  return useQuery(disputesQueryOptions(query));
}
