import { useCallback, useEffect, useRef, useState } from 'react';
import { useSocketEvent, type RealtimeSocket } from '@/lib/realtime';
import { TYPING_EMIT_INTERVAL_MS, TYPING_VISIBLE_MS } from '../rules';
import { messageNewEventSchema, typingEventSchema } from '../types';

/**
 * Tells the others that the viewer is typing in `conversationId`: at most once every 2 s however fast they type,
 * and only while connected (a typing signal sent late means nothing). Measured on the monotonic clock: a rate, not a date.
 */
export function useTypingSignal(socket: RealtimeSocket | null, conversationId: string): () => void {
  const lastSentAt = useRef<number | null>(null);
  return useCallback(() => {
    if (!socket?.connected) return;
    const now = performance.now();
    if (lastSentAt.current !== null && now - lastSentAt.current < TYPING_EMIT_INTERVAL_MS) return;
    lastSentAt.current = now;
    socket.emit('typing', { conversationId });
  }, [socket, conversationId]);
}

/** Who else is typing in `conversationId` now: each one shown until ~4 s pass without a signal, or their message comes. */
export function useTypingPeople(socket: RealtimeSocket | null, conversationId: string, viewerId: string): string[] {
  const [typing, setTyping] = useState<string[]>([]);
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());

  const stop = useCallback((userId: string) => {
    clearTimeout(timers.current.get(userId));
    timers.current.delete(userId);
    setTyping((ids) => (ids.includes(userId) ? ids.filter((id) => id !== userId) : ids));
  }, []);

  useSocketEvent(socket, 'typing', (payload: unknown) => {
    const event = typingEventSchema.safeParse(payload);
    if (!event.success || event.data.conversationId !== conversationId || event.data.userId === viewerId) return;
    const { userId } = event.data;
    clearTimeout(timers.current.get(userId));
    timers.current.set(
      userId,
      setTimeout(() => stop(userId), TYPING_VISIBLE_MS),
    );
    setTyping((ids) => (ids.includes(userId) ? ids : [...ids, userId]));
  });

  useSocketEvent(socket, 'message:new', (payload: unknown) => {
    const event = messageNewEventSchema.safeParse(payload);
    if (event.success && event.data.conversationId === conversationId) stop(event.data.message.senderId);
  });

  useEffect(() => {
    const pending = timers.current;
    return () => {
      for (const timer of pending.values()) clearTimeout(timer);
      pending.clear();
    };
  }, []);

  return typing;
}
