import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { RealtimeSocket } from '@/lib/realtime';
import { storeMessage } from '../api/live-updates';
import { sendMessage } from '../api/send-message';
import { OFFLINE_RETRY_MS } from '../rules';
import type { Attachment, OutgoingMessage } from '../types';
import { Outbox } from '../utils/outbox';

export interface OutboxControls {
  /** Every message not stored yet, in the order written. */
  items: readonly OutgoingMessage[];
  send: (conversationId: string, text: string, attachments?: Attachment[]) => void;
  retry: (clientId: string) => void;
  discard: (clientId: string) => void;
}

/**
 * Sends the page's messages one at a time, in the order they were written. Without a connection they wait (and are
 * shown waiting) and go, in order, when the socket connects again, the browser is back online, or every 15 s; a message
 * whose answer was lost is sent again with its clientId, which the server stores once. A stored message joins the
 * history at once (acknowledged: ✓). While any is not stored yet, leaving the page asks first.
 */
export function useOutbox({ socket, connected, viewerId }: { socket: RealtimeSocket | null; connected: boolean; viewerId: string }): OutboxControls {
  const queryClient = useQueryClient();
  const [outbox] = useState(() => new Outbox());
  const items = useSyncExternalStore(outbox.subscribe, outbox.getSnapshot);
  const socketRef = useRef(socket);
  const loop = useRef({ running: false, waiting: false, timer: undefined as ReturnType<typeof setTimeout> | undefined });

  useEffect(() => {
    socketRef.current = socket;
  }, [socket]);

  const pump = useCallback(async () => {
    const state = loop.current;
    if (state.running) return;
    state.running = true;
    state.waiting = false;
    clearTimeout(state.timer);
    try {
      for (let item = outbox.next(); item; item = outbox.next()) {
        outbox.update(item.clientId, { status: 'sending', error: null });
        const outcome = await sendMessage(socketRef.current, { conversationId: item.conversationId, clientId: item.clientId, text: item.text, attachments: item.attachments }, viewerId);
        if (outcome.type === 'sent') {
          storeMessage(queryClient, outcome.message, viewerId);
          outbox.remove(item.clientId);
        } else if (outcome.type === 'failed') {
          outbox.update(item.clientId, { status: 'failed', error: outcome.error });
        } else if (outcome.type === 'offline' && socketRef.current?.connected) {
          // The socket came back while this went over HTTP: it goes again, over the socket.
          outbox.update(item.clientId, { status: 'queued', error: null });
        } else {
          // Not sent: it keeps its place at the head of the queue, and everything after it waits behind it.
          outbox.update(item.clientId, { status: 'queued', error: null });
          state.waiting = true;
          state.timer = setTimeout(() => void pump(), outcome.type === 'offline' ? OFFLINE_RETRY_MS : outcome.ms);
          break;
        }
      }
    } finally {
      state.running = false;
    }
  }, [outbox, queryClient, viewerId]);

  // Back online: the queue goes now.
  useEffect(() => {
    if (connected) void pump();
  }, [connected, pump]);

  useEffect(() => {
    const online = () => void pump();
    window.addEventListener('online', online);
    const state = loop.current;
    return () => {
      window.removeEventListener('online', online);
      clearTimeout(state.timer);
    };
  }, [pump]);

  // Messages not stored yet live only in this page: leaving it asks first (the browser's own "Leave site?" prompt).
  const unsent = items.some((item) => item.status !== 'failed');
  useEffect(() => {
    if (!unsent) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers show the prompt only when a return value is set.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [unsent]);

  const send = useCallback(
    (conversationId: string, text: string, attachments: Attachment[] = []) => {
      outbox.add(conversationId, text, attachments);
      // Waiting for a connection: the new message joins the queue without another attempt that would fail the same way.
      if (!loop.current.waiting) void pump();
    },
    [outbox, pump],
  );

  const retry = useCallback(
    (clientId: string) => {
      outbox.retry(clientId);
      void pump();
    },
    [outbox, pump],
  );

  const discard = useCallback((clientId: string) => outbox.remove(clientId), [outbox]);

  return { items, send, retry, discard };
}
