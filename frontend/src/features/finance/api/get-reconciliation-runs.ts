import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { reconciliationRunPageSchema, type ReconciliationRunPage } from '../types';

export interface RunsQuery {
  page: number;
  limit: number;
}

/** GET /api/admin/reconciliation/runs (admins): the runs kept, nightly and on demand, newest first. */
export async function getReconciliationRuns(query: RunsQuery, { signal }: { signal?: AbortSignal } = {}): Promise<ReconciliationRunPage> {
  const search = new URLSearchParams({ page: String(query.page), limit: String(query.limit) });
  return reconciliationRunPageSchema.parse(await apiClient.get(`/api/admin/reconciliation/runs?${search}`, signal ? { signal } : {}));
}

export const reconciliationRunsQueryOptions = (query: RunsQuery) =>
  queryOptions({
    queryKey: queryKeys.adminReconciliation.runs(query),
    queryFn: ({ signal }) => getReconciliationRuns(query, { signal }),
    placeholderData: keepPreviousData,
  });

export function useReconciliationRuns(query: RunsQuery) {
  return useQuery(reconciliationRunsQueryOptions(query));
}
