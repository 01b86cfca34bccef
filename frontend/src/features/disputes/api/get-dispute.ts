import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { disputeDetailSchema, type DisputeDetail } from '../types';

/** GET /api/admin/disputes/:id (admins): the case with both attendance timelines and the mentor's notes. */
export async function getDispute(id: string, { signal }: { signal?: AbortSignal } = {}): Promise<DisputeDetail> {
  return disputeDetailSchema.parse(await apiClient.get(`/api/admin/disputes/${encodeURIComponent(id)}`, signal ? { signal } : {}));
}

export const disputeQueryOptions = (id: string) =>
  queryOptions({
    queryKey: queryKeys.adminDisputes.detail(id),
    queryFn: ({ signal }) => getDispute(id, { signal }),
  });

export function useDispute(id: string) {
  return useQuery(disputeQueryOptions(id));
}
