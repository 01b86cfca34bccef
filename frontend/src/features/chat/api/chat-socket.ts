import { useRealtimeSocket, type RealtimeSocket } from '@/lib/realtime';

/** The chat's Socket.IO namespace (messages, typing, read receipts, unread counts). */
export const CHAT_NAMESPACE = '/chat';

/** The signed-in user's shared chat socket; null for nobody. */
export function useChatSocket(userId: string | null): RealtimeSocket | null {
  return useRealtimeSocket(CHAT_NAMESPACE, userId);
}
