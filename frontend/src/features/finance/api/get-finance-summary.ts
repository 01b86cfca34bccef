import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { financeSummarySchema, type DayRange, type FinanceSummary } from '../types';
import { apiPeriod } from '../utils/period';

/** GET /api/admin/finance/summary (admins): the period's money by week (Monday, India), from the ledger. */
export async function getFinanceSummary(range: DayRange, { signal }: { signal?: AbortSignal } = {}): Promise<FinanceSummary> {
  const search = new URLSearchParams({ ...apiPeriod(range), groupBy: 'week' });
  return financeSummarySchema.parse(await apiClient.get(`/api/admin/finance/summary?${search}`, signal ? { signal } : {}));
}

export const financeSummaryQueryOptions = (range: DayRange) =>
  queryOptions({
    queryKey: queryKeys.adminFinance.summary(range),
    queryFn: ({ signal }) => getFinanceSummary(range, { signal }),
    placeholderData: keepPreviousData,
  });

export function useFinanceSummary(range: DayRange) {
  return useQuery(financeSummaryQueryOptions(range));
}
