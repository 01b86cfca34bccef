import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { invoiceSchema, type Invoice } from '../types';

/** GET /api/payments/:id/invoice: the printable record of one payment and its refunds. */
export async function getInvoice(paymentId: string, { signal }: { signal?: AbortSignal } = {}): Promise<Invoice> {
  return invoiceSchema.parse(await apiClient.get(`/api/payments/${encodeURIComponent(paymentId)}/invoice`, signal ? { signal } : {}));
}

export const invoiceQueryOptions = (paymentId: string) =>
  queryOptions({
    queryKey: queryKeys.payments.invoice(paymentId),
    queryFn: ({ signal }) => getInvoice(paymentId, { signal }),
  });

export function useInvoice(paymentId: string) {
  return useQuery(invoiceQueryOptions(paymentId));
}
