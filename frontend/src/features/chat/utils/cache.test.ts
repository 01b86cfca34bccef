import { describe, expect, it } from 'vitest';
import type { Conversation, Message } from '../types';
import { afterMessage, afterRead, historyMessages, totalUnread, withConversation, withMessage, withNewerConversation, withNewerFromCache, type MessageHistory } from './cache';

// The cache's updates as pure functions: idempotent, and read positions never go backwards.

const me = 'u-me';
const other = 'u-other';

const message = (seq: number, senderId = other): Message => ({
  id: `m-${seq}`,
  conversationId: 'c-1',
  seq,
  senderId,
  clientId: `client-${seq}`,
  text: `text ${seq}`,
  createdAt: new Date(Date.UTC(2026, 10, 10, 0, seq)).toISOString(),
  attachments: [],
});

const conversation = (overrides: Partial<Conversation> = {}): Conversation => ({
  id: 'c-1',
  kind: 'pair',
  title: null,
  mentorId: other,
  muted: false,
  unread: 1,
  lastReadSeq: 1,
  lastMessage: null,
  members: [
    { id: other, name: 'Asha Rao', avatarUrl: null, role: 'mentor', lastReadSeq: 2 },
    { id: me, name: 'Zoya Khan', avatarUrl: null, role: 'student', lastReadSeq: 1 },
  ],
  createdAt: '2026-11-01T00:00:00.000Z',
  ...overrides,
});

const history = (...pages: number[][]): MessageHistory => ({
  pages: pages.map((seqs) => ({ items: seqs.map((seq) => message(seq)), nextBefore: null })),
  pageParams: pages.map((_, index) => (index === 0 ? null : index)),
});

describe('chat cache updates', () => {
  it('when a message is added twice, or arrives out of order, then the newest page holds it once, in seq order', () => {
    const start = history([3, 4], [1, 2]);
    const once = withMessage(withMessage(start, message(6)), message(5));
    const twice = withMessage(once, message(6));
    expect(historyMessages(twice).map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(twice).toBe(once);
    expect(withMessage(undefined, message(1))).toBeUndefined();
  });

  it('when a message of the viewer’s is stored, then it is the last message and the viewer has read up to it; an older one changes neither', () => {
    const after = afterMessage(conversation(), message(5, me), me);
    expect(after.lastMessage?.seq).toBe(5);
    expect(after.lastReadSeq).toBe(5);
    expect(after.members.find((m) => m.id === me)?.lastReadSeq).toBe(5);
    const older = afterMessage(after, message(3), me);
    expect(older.lastMessage?.seq).toBe(5);
  });

  it('when a read position comes in lower than the one held, then it stays where it was', () => {
    const read = afterRead(conversation(), other, 1, me);
    expect(read.members.find((m) => m.id === other)?.lastReadSeq).toBe(2);
    expect(afterRead(conversation(), me, 4, me).lastReadSeq).toBe(4);
  });

  it('when the list changes, then the total leaves out the mentor’s muted conversations, and an unknown conversation asks for a refetch', () => {
    const mine = conversation({ id: 'c-2', mentorId: me, muted: true, unread: 4 });
    const list = { items: [conversation({ unread: 2 }), mine], unread: 2 };
    expect(totalUnread(list.items, me)).toBe(2);
    expect(withConversation(list, 'c-2', (c) => ({ ...c, muted: false }), me)?.unread).toBe(6);
    expect(withConversation(list, 'c-404', (c) => c, me)).toBeUndefined();
  });

  it('when a fetch answers with less than live events told meanwhile, then the newer messages and read positions stay', () => {
    const fetched = { items: [message(1), message(2)], nextBefore: null };
    expect(withNewerFromCache(fetched, [message(2), message(3)]).items.map((m) => m.seq)).toEqual([1, 2, 3]);
    expect(withNewerFromCache(fetched, [message(1)])).toBe(fetched);

    const cached = conversation({ lastMessage: { id: 'm-7', seq: 7, senderId: other, text: 'later', createdAt: '2026-11-10T00:07:00.000Z' }, lastReadSeq: 6 });
    const merged = withNewerConversation(conversation(), cached);
    expect(merged.lastMessage?.seq).toBe(7);
    expect(merged.lastReadSeq).toBe(6);
  });
});
