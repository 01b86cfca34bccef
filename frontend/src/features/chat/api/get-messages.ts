import { infiniteQueryOptions, useInfiniteQuery, type InfiniteData } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { FALLBACK_REFETCH_MS, MESSAGES_PAGE_SIZE } from '../rules';
import { messagePageSchema, type MessagePage } from '../types';
import { withNewerFromCache } from '../utils/cache';

/** GET /api/conversations/:id/messages: a page of history, oldest first, before the message at `before` (a seq). */
export async function getMessages(conversationId: string, { before, signal }: { before: number | null; signal?: AbortSignal }): Promise<MessagePage> {
  const search = new URLSearchParams({ limit: String(MESSAGES_PAGE_SIZE) });
  if (before !== null) search.set('before', String(before));
  return messagePageSchema.parse(await apiClient.get(`/api/conversations/${encodeURIComponent(conversationId)}/messages?${search}`, signal ? { signal } : {}));
}

/** The history as pages: the first is the newest, "Load earlier messages" adds the one before. */
export const messagesQueryOptions = (conversationId: string) =>
  infiniteQueryOptions({
    queryKey: queryKeys.chat.messages(conversationId),
    queryFn: async ({ pageParam, signal, client }) => {
      const page = await getMessages(conversationId, { before: pageParam, signal });
      if (pageParam !== null) return page;
      // Messages heard live while this page was on its way are newer than it: they stay.
      const cached = client.getQueryData<InfiniteData<MessagePage, number | null>>(queryKeys.chat.messages(conversationId));
      return withNewerFromCache(page, cached?.pages[0]?.items ?? []);
    },
    initialPageParam: null as number | null,
    getNextPageParam: (page) => page.nextBefore,
  });

export function useMessages(conversationId: string, { live }: { live: boolean }) {
  return useInfiniteQuery({ ...messagesQueryOptions(conversationId), refetchInterval: live ? false : FALLBACK_REFETCH_MS });
}
