import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { cancellationQuoteSchema, type CancellationQuote } from '../types';

/** GET /api/bookings/:id/cancellation-quote: what a cancellation now would refund, and the policy behind it. */
export async function getCancellationQuote(id: string, { signal }: { signal?: AbortSignal } = {}): Promise<CancellationQuote> {
  return cancellationQuoteSchema.parse(
    await apiClient.get(`/api/bookings/${encodeURIComponent(id)}/cancellation-quote`, signal ? { signal } : {}),
  );
}

export const cancellationQuoteQueryOptions = (id: string) =>
  queryOptions({
    queryKey: queryKeys.bookings.cancellationQuote(id),
    queryFn: ({ signal }) => getCancellationQuote(id, { signal }),
    // The refund tier changes as the session nears: ask afresh each time the modal opens.
    staleTime: 0,
    gcTime: 0,
  });

export function useCancellationQuote(id: string, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...cancellationQuoteQueryOptions(id), enabled });
}
