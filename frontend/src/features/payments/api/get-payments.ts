import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { paymentListSchema, type PaymentList } from '../types';

export interface PaymentsQuery {
  page: number;
  limit: number;
}

/** GET /api/payments: the student's payments, newest first, with their refunds. */
export async function getPayments(query: PaymentsQuery, { signal }: { signal?: AbortSignal } = {}): Promise<PaymentList> {
  const search = new URLSearchParams({ page: String(query.page), limit: String(query.limit) });
  return paymentListSchema.parse(await apiClient.get(`/api/payments?${search.toString()}`, signal ? { signal } : {}));
}

export const paymentsQueryOptions = (query: PaymentsQuery) =>
  queryOptions({
    queryKey: queryKeys.payments.list(query),
    queryFn: ({ signal }) => getPayments(query, { signal }),
    placeholderData: keepPreviousData,
  });

export function usePayments(query: PaymentsQuery) {
  return useQuery(paymentsQueryOptions(query));
}
