import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { reconciliationRunSchema, type ReconciliationRun } from '../types';

/** GET /api/admin/reconciliation/runs/:id (admins): one kept run with every mismatch it found. */
export async function getReconciliationRun(id: string, { signal }: { signal?: AbortSignal } = {}): Promise<ReconciliationRun> {
  return reconciliationRunSchema.parse(await apiClient.get(`/api/admin/reconciliation/runs/${encodeURIComponent(id)}`, signal ? { signal } : {}));
}

export const reconciliationRunQueryOptions = (id: string) =>
  queryOptions({
    queryKey: queryKeys.adminReconciliation.run(id),
    queryFn: ({ signal }) => getReconciliationRun(id, { signal }),
    // A kept run never changes.
    staleTime: Infinity,
  });

/** The run `id`, when there is one to show. */
export function useReconciliationRun(id: string | null) {
  return useQuery({ ...reconciliationRunQueryOptions(id ?? ''), enabled: id !== null });
}
