import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { queryKeys } from '@/lib/query-keys';
import type { RealtimeSocket, SocketListener } from '@/lib/realtime';
import { afterMessage, afterRead, withConversation, withMessage, type MessageHistory } from '../utils/cache';
import {
  conversationUpdatedEventSchema,
  messageNewEventSchema,
  readEventSchema,
  type Conversation,
  type ConversationList,
  type Message,
} from '../types';

/**
 * The chat socket's events written into the query cache, so nothing polls while it is connected: a new message joins
 * its history and moves its conversation up the list, `conversation:updated` sets an unread count (and the total),
 * `read` moves a member's read position (the ticks). A reconnection the server could not replay (a long drop) fetches
 * everything again.
 */

/** Changes one conversation wherever the cache holds it; a conversation the list doesn't hold yet fetches the list. */
export function updateConversation(queryClient: QueryClient, conversationId: string, change: (conversation: Conversation) => Conversation, viewerId: string): void {
  queryClient.setQueryData<Conversation>(queryKeys.chat.conversation(conversationId), (conversation) => (conversation ? change(conversation) : conversation));
  const list = queryClient.getQueryData<ConversationList>(queryKeys.chat.conversations);
  if (!list) return;
  const next = withConversation(list, conversationId, change, viewerId);
  if (next) queryClient.setQueryData(queryKeys.chat.conversations, next);
  else void queryClient.invalidateQueries({ queryKey: queryKeys.chat.conversations });
}

/** A stored message (heard from the socket, or acknowledged to the sender) in its history and its conversation. */
export function storeMessage(queryClient: QueryClient, message: Message, viewerId: string): void {
  queryClient.setQueryData<MessageHistory>(queryKeys.chat.messages(message.conversationId), (history) => withMessage(history, message));
  updateConversation(queryClient, message.conversationId, (conversation) => afterMessage(conversation, message, viewerId), viewerId);
}

function attach(socket: RealtimeSocket, queryClient: QueryClient, viewerId: string): () => void {
  const handlers: Record<string, SocketListener> = {
    connect: () => {
      // Events may have been missed before this connection (or while away, past what the server keeps).
      if (!socket.recovered) void queryClient.invalidateQueries({ queryKey: queryKeys.chat.all });
    },
    'message:new': (payload: unknown) => {
      const event = messageNewEventSchema.safeParse(payload);
      if (event.success) storeMessage(queryClient, event.data.message, viewerId);
    },
    'conversation:updated': (payload: unknown) => {
      const event = conversationUpdatedEventSchema.safeParse(payload);
      if (event.success) updateConversation(queryClient, event.data.conversationId, (conversation) => ({ ...conversation, unread: event.data.unread }), viewerId);
    },
    read: (payload: unknown) => {
      const event = readEventSchema.safeParse(payload);
      if (event.success) {
        const { conversationId, userId, seq } = event.data;
        updateConversation(queryClient, conversationId, (conversation) => afterRead(conversation, userId, seq, viewerId), viewerId);
      }
    },
  };
  for (const [event, handler] of Object.entries(handlers)) socket.on(event, handler);
  return () => {
    for (const [event, handler] of Object.entries(handlers)) socket.off(event, handler);
  };
}

/** The socket's handlers are attached once however many components ask (the header and the Messages page). */
const attached = new WeakMap<RealtimeSocket, { users: number; detach: () => void }>();

/** Keeps the chat's cache live from `socket` while the calling component is mounted. */
export function useChatLiveUpdates(socket: RealtimeSocket | null, viewerId: string | null): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!socket || !viewerId) return;
    const entry = attached.get(socket) ?? { users: 0, detach: attach(socket, queryClient, viewerId) };
    attached.set(socket, entry);
    entry.users += 1;
    return () => {
      entry.users -= 1;
      if (entry.users === 0) {
        entry.detach();
        attached.delete(socket);
      }
    };
  }, [socket, viewerId, queryClient]);
}
