import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { transactionPageSchema, type TransactionPage, type TransactionType } from '../types';

/** The statement's filters: a type, and dates (YYYY-MM-DD, whole days in India) both ends included. */
export interface TransactionFilters {
  type: TransactionType | null;
  from: string | null;
  to: string | null;
}

export interface TransactionsQuery extends TransactionFilters {
  page: number;
  limit: number;
}

/** The filters as the API's query string (empty ones left out). */
export function filterSearch(filters: TransactionFilters): URLSearchParams {
  const search = new URLSearchParams();
  if (filters.type) search.set('type', filters.type);
  if (filters.from) search.set('from', filters.from);
  if (filters.to) search.set('to', filters.to);
  return search;
}

/** GET /api/wallet/transactions (mentors): a page of the wallet's statement, newest first. */
export async function getTransactions(query: TransactionsQuery, { signal }: { signal?: AbortSignal } = {}): Promise<TransactionPage> {
  const search = filterSearch(query);
  search.set('page', String(query.page));
  search.set('limit', String(query.limit));
  return transactionPageSchema.parse(await apiClient.get(`/api/wallet/transactions?${search.toString()}`, signal ? { signal } : {}));
}

export const transactionsQueryOptions = (query: TransactionsQuery) =>
  queryOptions({
    queryKey: queryKeys.wallet.transactions(query),
    queryFn: ({ signal }) => getTransactions(query, { signal }),
    placeholderData: keepPreviousData,
  });

export function useTransactions(query: TransactionsQuery) {
  return useQuery(transactionsQueryOptions(query));
}
