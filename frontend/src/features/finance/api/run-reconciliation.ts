import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { reconciliationRunSchema, type DayRange, type ReconciliationRun } from '../types';
import { apiPeriod } from '../utils/period';

/**
 * POST /api/admin/reconciliation/run: compares the days with the gateway now and keeps the run. 422 names `from` or
 * `to`; 503 `gateway_unavailable` when the gateway did not answer (nothing kept).
 */
export async function runReconciliation(range: DayRange): Promise<ReconciliationRun> {
  return reconciliationRunSchema.parse(await apiClient.post('/api/admin/reconciliation/run', apiPeriod(range)));
}

export function useRunReconciliation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: runReconciliation,
    onSuccess: async (run) => {
      queryClient.setQueryData(queryKeys.adminReconciliation.run(run.id), run);
      await queryClient.invalidateQueries({ queryKey: queryKeys.adminReconciliation.all });
    },
  });
}
