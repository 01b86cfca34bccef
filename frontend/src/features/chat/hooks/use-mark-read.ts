import { useDocumentVisibility } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { RealtimeSocket } from '@/lib/realtime';
import { updateConversation } from '../api/live-updates';
import { markRead } from '../api/mark-read';
import type { Conversation, Message } from '../types';
import { afterRead } from '../utils/cache';

/**
 * While the conversation is open and the tab visible, the newest message counts as read: told over the socket (or
 * over HTTP without one) once per newer message, and the unread counts follow the answer.
 */
export function useMarkRead({ socket, conversation, newest, viewerId }: { socket: RealtimeSocket | null; conversation: Conversation | undefined; newest: Message | undefined; viewerId: string }): void {
  const queryClient = useQueryClient();
  const visible = useDocumentVisibility() === 'visible';
  const toldUpTo = useRef(0);
  const conversationId = conversation?.id;
  const readUpTo = conversation?.lastReadSeq ?? 0;

  useEffect(() => {
    if (!visible || !conversationId || !newest || newest.seq <= readUpTo || newest.seq <= toldUpTo.current) return;
    toldUpTo.current = newest.seq;
    markRead(socket?.connected ? socket : null, conversationId, newest.id).then(
      ({ lastReadSeq, unread }) => updateConversation(queryClient, conversationId, (c) => ({ ...afterRead(c, viewerId, lastReadSeq, viewerId), unread }), viewerId),
      () => {
        // Told again with the next message, or the next time the page looks.
        toldUpTo.current = 0;
      },
    );
  }, [visible, conversationId, newest, readUpTo, socket, queryClient, viewerId]);
}
