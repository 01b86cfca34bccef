import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { FALLBACK_REFETCH_MS } from '../rules';
import { conversationListSchema, type ConversationList } from '../types';
import { withNewerList } from '../utils/cache';

/** GET /api/conversations: mine, latest activity first, each with its unread count, and the header's total. */
export async function getConversations({ signal }: { signal?: AbortSignal } = {}): Promise<ConversationList> {
  return conversationListSchema.parse(await apiClient.get('/api/conversations', signal ? { signal } : {}));
}

export const conversationsQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.chat.conversations,
    // What live events told while the list was on its way stays (see utils/cache).
    queryFn: async ({ signal, client }) => withNewerList(await getConversations({ signal }), client.getQueryData<ConversationList>(queryKeys.chat.conversations)),
  });

/**
 * The list, kept current by the socket's events while it is connected (see live-updates); asked for again every
 * 30 s while it is not.
 */
export function useConversations({ live, enabled = true }: { live: boolean; enabled?: boolean }) {
  return useQuery({ ...conversationsQueryOptions(), enabled, refetchInterval: live ? false : FALLBACK_REFETCH_MS });
}
