import { useSocketConnected } from '@/lib/realtime';
import { useChatSocket } from '../api/chat-socket';
import { useConversations } from '../api/get-conversations';
import { useChatLiveUpdates } from '../api/live-updates';

/**
 * The header's count of unread messages for the signed-in user (null for nobody, or until it is known). It holds the
 * chat socket open for as long as someone is signed in, so the count, and any open conversation, stay live.
 */
export function useMessagesUnread(userId: string | null): number | null {
  const socket = useChatSocket(userId);
  const connected = useSocketConnected(socket);
  useChatLiveUpdates(socket, userId);
  const list = useConversations({ live: connected, enabled: userId !== null });
  return userId && list.data ? list.data.unread : null;
}
