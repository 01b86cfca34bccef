import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { FALLBACK_REFETCH_MS } from '../rules';
import { conversationSchema, type Conversation, type ConversationList } from '../types';
import { withNewerConversation } from '../utils/cache';

/** GET /api/conversations/:id: one of mine (404 when it isn't, or doesn't exist). */
export async function getConversation(id: string, { signal }: { signal?: AbortSignal } = {}): Promise<Conversation> {
  return conversationSchema.parse(await apiClient.get(`/api/conversations/${encodeURIComponent(id)}`, signal ? { signal } : {}));
}

export const conversationQueryOptions = (id: string) =>
  queryOptions({
    queryKey: queryKeys.chat.conversation(id),
    // What live events told while it was on its way stays (see utils/cache).
    queryFn: async ({ signal, client }) => withNewerConversation(await getConversation(id, { signal }), client.getQueryData<Conversation>(queryKeys.chat.conversation(id))),
  });

/** One conversation, shown at once from the list when the list has it; live like the list. */
export function useConversation(id: string, { live }: { live: boolean }) {
  const queryClient = useQueryClient();
  return useQuery({
    ...conversationQueryOptions(id),
    initialData: () => queryClient.getQueryData<ConversationList>(queryKeys.chat.conversations)?.items.find((c) => c.id === id),
    initialDataUpdatedAt: () => queryClient.getQueryState(queryKeys.chat.conversations)?.dataUpdatedAt,
    refetchInterval: live ? false : FALLBACK_REFETCH_MS,
  });
}
