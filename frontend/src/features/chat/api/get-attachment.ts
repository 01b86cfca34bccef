import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

/**
 * GET /api/attachments/:id: a file sent in one of my conversations. The server wants the bearer token (not a cookie),
 * so an <img src> or a link can't fetch it: it comes through the API client as a Blob.
 */
export async function getAttachment(id: string, { signal }: { signal?: AbortSignal } = {}): Promise<Blob> {
  return apiClient.getBlob(`/api/attachments/${encodeURIComponent(id)}`, signal ? { signal } : {});
}

export const attachmentQueryOptions = (id: string) =>
  queryOptions({
    queryKey: queryKeys.chat.attachment(id),
    queryFn: ({ signal }) => getAttachment(id, { signal }),
    // A file sent never changes.
    staleTime: Infinity,
  });

export function useAttachment(id: string) {
  return useQuery(attachmentQueryOptions(id));
}
