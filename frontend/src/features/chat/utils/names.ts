import type { Conversation, Member } from '../types';

/** The people in a conversation besides the viewer. */
export const othersIn = (conversation: Conversation, viewerId: string): Member[] => conversation.members.filter((member) => member.id !== viewerId);

/** What a conversation is called for the viewer: the other person's name, or the group session's. */
export function conversationName(conversation: Conversation, viewerId: string): string {
  if (conversation.kind === 'group') return conversation.title ?? 'Group session';
  return othersIn(conversation, viewerId)[0]?.name ?? 'Conversation';
}

/** Whose picture the list shows: the other person's (a group shows its name's initials). */
export function conversationAvatar(conversation: Conversation, viewerId: string): { name: string; avatarUrl: string | null } {
  const name = conversationName(conversation, viewerId);
  if (conversation.kind === 'group') return { name, avatarUrl: null };
  return { name, avatarUrl: othersIn(conversation, viewerId)[0]?.avatarUrl ?? null };
}

/** "Asha" of "Asha Rao": how the typing line names people. */
export const firstName = (name: string): string => name.trim().split(/\s+/)[0] ?? name;

/** "Asha is typing…", "Asha and Ravi are typing…", "Asha and 2 others are typing…". */
export function typingText(names: string[]): string {
  const [first, second] = names.map(firstName);
  if (!first) return '';
  if (names.length === 1) return `${first} is typing…`;
  if (names.length === 2) return `${first} and ${second} are typing…`;
  return `${first} and ${names.length - 1} others are typing…`;
}

/**
 * A message's text as a one-line preview: Markdown's marks and fences dropped, whitespace collapsed. The list shows it
 * as plain text, never as Markdown.
 */
export function previewText(text: string): string {
  return text
    .replace(/```[^\n]*/g, ' ')
    .replace(/^\s{0,3}(?:#{1,6}|>|[-*+]|\d+[.)])\s+/gm, '')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__|~~|`)/g, '')
    .replace(/(^|\s)[*_](\S[^*_]*\S|\S)[*_](?=\s|$|[.,!?;:])/g, '$1$2')
    .replace(/\s+/g, ' ')
    .trim();
}
