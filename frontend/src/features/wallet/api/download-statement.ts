import { useMutation } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { saveBlob } from '@/lib/download';
import { filterSearch, type TransactionFilters } from './get-transactions';

/** The name the server gives the file, else one of our own. */
function fileNameOf(filters: TransactionFilters): string {
  if (filters.from || filters.to) return `wallet-${filters.from ?? 'start'}-to-${filters.to ?? 'today'}.csv`;
  return 'wallet.csv';
}

/**
 * GET /api/wallet/transactions?format=csv: every line matching the filters (no paging), amounts in rupees. It needs
 * the bearer token, so it is fetched as a blob and handed to the browser as a download.
 */
export async function downloadStatement(filters: TransactionFilters): Promise<void> {
  const search = filterSearch(filters);
  search.set('format', 'csv');
  const file = await apiClient.getBlob(`/api/wallet/transactions?${search.toString()}`, { headers: { Accept: 'text/csv' } });
  saveBlob(file, fileNameOf(filters));
}

export function useDownloadStatement() {
  return useMutation({ mutationFn: downloadStatement });
}
