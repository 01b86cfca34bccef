import type { Conversation, Message, OutgoingMessage } from '../types';

/**
 * The state of one of the viewer's own messages, as its ticks show it: waiting for a connection, on its way, refused,
 * stored (✓), or read by everyone else in the conversation (✓✓).
 */
export type Delivery = 'queued' | 'sending' | 'failed' | 'sent' | 'read';

export function deliveryOfOutgoing(message: OutgoingMessage, connected: boolean): Delivery {
  if (message.status === 'failed') return 'failed';
  return message.status === 'sending' || connected ? 'sending' : 'queued';
}

/** A stored message of the viewer's is read once every other member's read position has reached it. */
export function deliveryOfStored(message: Message, conversation: Conversation, viewerId: string): Delivery {
  const others = conversation.members.filter((member) => member.id !== viewerId);
  return others.length > 0 && others.every((member) => member.lastReadSeq >= message.seq) ? 'read' : 'sent';
}
