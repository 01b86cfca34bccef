import { newIdempotencyKey } from '@/lib/idempotency-key';
import type { Attachment, OutgoingMessage } from '../types';

/**
 * The messages written on this page that the server has not stored yet, in the order they were written. Each keeps the
 * clientId it was given when written, so sending it again (after a lost answer, or a reconnection) stores it once. A
 * small external store: React reads it with useSyncExternalStore, the sending loop changes it between awaits.
 */
export class Outbox {
  private items: OutgoingMessage[] = [];
  private readonly listeners = new Set<() => void>();

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): readonly OutgoingMessage[] => this.items;

  add(conversationId: string, text: string, attachments: Attachment[] = []): OutgoingMessage {
    const message: OutgoingMessage = { clientId: newIdempotencyKey(), conversationId, text, attachments, status: 'queued', error: null };
    this.set([...this.items, message]);
    return message;
  }

  /** The first message waiting to be sent: messages go in the order they were written. */
  next(): OutgoingMessage | undefined {
    return this.items.find((message) => message.status === 'queued');
  }

  update(clientId: string, change: Pick<OutgoingMessage, 'status' | 'error'>): void {
    this.set(this.items.map((message) => (message.clientId === clientId ? { ...message, ...change } : message)));
  }

  /** A failed message goes back in the queue, in its place, with its clientId. */
  retry(clientId: string): void {
    this.update(clientId, { status: 'queued', error: null });
  }

  remove(clientId: string): void {
    this.set(this.items.filter((message) => message.clientId !== clientId));
  }

  private set(items: OutgoingMessage[]): void {
    this.items = items;
    for (const listener of this.listeners) listener();
  }
}
