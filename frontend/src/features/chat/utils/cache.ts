import type { InfiniteData } from '@tanstack/react-query';
import type { Conversation, ConversationList, Message, MessagePage } from '../types';

/**
 * How live events change what the cache holds, as pure functions: the history's pages, a conversation, the list and
 * its unread total. Each is idempotent (an event heard twice, or a message both acknowledged and echoed, changes
 * things once) and never moves a read position backwards.
 */

/** The pages of a conversation's history: the first is the newest, each next one goes further back. */
export type MessageHistory = InfiniteData<MessagePage, number | null>;

/** Every message loaded, oldest first. */
export function historyMessages(history: InfiniteData<MessagePage, unknown> | undefined): Message[] {
  if (!history) return [];
  return history.pages.toReversed().flatMap((page) => page.items);
}

/** The history with `message` among the newest (once, in its place by seq). Nothing loaded yet: left for the fetch. */
export function withMessage(history: MessageHistory | undefined, message: Message): MessageHistory | undefined {
  const [newest, ...older] = history?.pages ?? [];
  if (!history || !newest) return history;
  if (history.pages.some((page) => page.items.some((m) => m.id === message.id))) return history;
  const items = [...newest.items, message].sort((a, b) => a.seq - b.seq);
  return { ...history, pages: [{ ...newest, items }, ...older] };
}

/** The conversation after `message`: its last message, and where its sender has read up to (their own message). */
export function afterMessage(conversation: Conversation, message: Message, viewerId: string): Conversation {
  const newer = !conversation.lastMessage || message.seq >= conversation.lastMessage.seq;
  const lastMessage = newer
    ? { id: message.id, seq: message.seq, senderId: message.senderId, text: message.text, createdAt: message.createdAt }
    : conversation.lastMessage;
  return afterRead({ ...conversation, lastMessage }, message.senderId, message.seq, viewerId);
}

/** `userId` has read up to `seq` (read receipts); the viewer's own position too when it is them. */
export function afterRead(conversation: Conversation, userId: string, seq: number, viewerId: string): Conversation {
  return {
    ...conversation,
    lastReadSeq: userId === viewerId ? Math.max(conversation.lastReadSeq, seq) : conversation.lastReadSeq,
    members: conversation.members.map((member) => (member.id === userId ? { ...member, lastReadSeq: Math.max(member.lastReadSeq, seq) } : member)),
  };
}

/** When the conversation last moved: its last message, or its opening. */
const activityAt = (conversation: Conversation) => Date.parse(conversation.lastMessage?.createdAt ?? conversation.createdAt);

/** Latest activity first, as the server lists them. */
export function sortConversations(items: Conversation[]): Conversation[] {
  return items.toSorted((a, b) => activityAt(b) - activityAt(a) || a.id.localeCompare(b.id));
}

/** The header's total, counted as the server counts it: a mentor's muted conversations are left out. */
export function totalUnread(items: Conversation[], viewerId: string): number {
  return items.filter((c) => !(c.muted && c.mentorId === viewerId)).reduce((sum, c) => sum + c.unread, 0);
}

/**
 * The list with one conversation changed (and re-ordered, and the total counted again); undefined when the list does
 * not hold it, so the caller fetches the list anew (a conversation just opened).
 */
export function withConversation(list: ConversationList, conversationId: string, change: (conversation: Conversation) => Conversation, viewerId: string): ConversationList | undefined {
  if (!list.items.some((c) => c.id === conversationId)) return undefined;
  const items = sortConversations(list.items.map((c) => (c.id === conversationId ? change(c) : c)));
  return { items, unread: totalUnread(items, viewerId) };
}

/*
 * A fetch that was on its way while live events came in answers with the server's state from before them: its
 * answer must not undo them. Messages are never edited or deleted, and read positions only move forwards, so keeping
 * the newer of the two is always right.
 */

/** The newest page as fetched, with any message the cache already holds that is newer than all of it. */
export function withNewerFromCache(fetched: MessagePage, cached: readonly Message[]): MessagePage {
  const newest = fetched.items.at(-1)?.seq ?? 0;
  const newer = cached.filter((m) => m.seq > newest && !fetched.items.some((f) => f.id === m.id));
  return newer.length === 0 ? fetched : { ...fetched, items: [...fetched.items, ...newer].sort((a, b) => a.seq - b.seq) };
}

/** A conversation as fetched, with the later last message and read positions of what the cache held. */
export function withNewerConversation(fetched: Conversation, cached: Conversation | undefined): Conversation {
  if (!cached || cached.id !== fetched.id) return fetched;
  const lastMessage = (cached.lastMessage?.seq ?? 0) > (fetched.lastMessage?.seq ?? 0) ? cached.lastMessage : fetched.lastMessage;
  const readBefore = new Map(cached.members.map((m) => [m.id, m.lastReadSeq]));
  return {
    ...fetched,
    lastMessage,
    lastReadSeq: Math.max(fetched.lastReadSeq, cached.lastReadSeq),
    members: fetched.members.map((m) => ({ ...m, lastReadSeq: Math.max(m.lastReadSeq, readBefore.get(m.id) ?? 0) })),
  };
}

/** The list as fetched, each conversation kept as new as the cache had it, in order again. */
export function withNewerList(fetched: ConversationList, cached: ConversationList | undefined): ConversationList {
  if (!cached) return fetched;
  const before = new Map(cached.items.map((c) => [c.id, c]));
  return { ...fetched, items: sortConversations(fetched.items.map((c) => withNewerConversation(c, before.get(c.id)))) };
}
