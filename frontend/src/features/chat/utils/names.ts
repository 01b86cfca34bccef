import type { Conversation, Member } from '../types';

/** The people in a conversation besides the viewer. */
export const othersIn = (conversation: Conversation, viewerId: string): Member[] => conversation.members.filter((member) => member.id !== viewerId);

/** What a conversation is called for the viewer: the other person's name, or the group session's title. */
export function conversationName(conversation: Conversation, viewerId: string): string {
  if (conversation.kind === 'group') return conversation.title?.trim() || untitledGroupName(conversation, viewerId);
  return othersIn(conversation, viewerId)[0]?.name ?? 'Conversation';
}

/**
 * A group without a title (opened before sessions' titles were kept): "Group session with Asha, Ravi and 2 others",
 * the mentor named first.
 */
function untitledGroupName(conversation: Conversation, viewerId: string): string {
  const others = othersIn(conversation, viewerId).toSorted((a, b) => Number(b.id === conversation.mentorId) - Number(a.id === conversation.mentorId));
  const [first, second] = others.map((member) => firstName(member.name));
  if (!first) return 'Group session';
  if (others.length === 1) return `Group session with ${first}`;
  if (others.length === 2) return `Group session with ${first} and ${second}`;
  return `Group session with ${first}, ${second} and ${others.length - 2} other${others.length === 3 ? '' : 's'}`;
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

/** A message as one line: its text previewed, or that it is a file (a message may be files alone). */
export const messagePreview = (text: string): string => previewText(text) || 'Sent a file';

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
