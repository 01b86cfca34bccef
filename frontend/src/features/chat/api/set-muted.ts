import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { withConversation } from '../utils/cache';
import { conversationSchema, type Conversation, type ConversationList } from '../types';

/** PATCH /api/conversations/:id (its mentor): a muted conversation stops counting towards the mentor's unread total. */
export async function setMuted({ conversationId, muted }: { conversationId: string; muted: boolean }): Promise<Conversation> {
  return conversationSchema.parse(await apiClient.patch(`/api/conversations/${encodeURIComponent(conversationId)}`, { muted }));
}

export function useSetMuted(viewerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setMuted,
    onSuccess: (conversation) => {
      queryClient.setQueryData(queryKeys.chat.conversation(conversation.id), conversation);
      queryClient.setQueryData<ConversationList>(queryKeys.chat.conversations, (list) => (list ? withConversation(list, conversation.id, () => conversation, viewerId) ?? list : list));
    },
  });
}
