import { describe, expect, it } from 'vitest';
import type { Conversation } from '../types';
import { conversationName, messagePreview, previewText, typingText } from './names';

const member = (id: string, name: string, role: 'mentor' | 'student' = 'student') => ({ id, name, role, avatarUrl: null, lastReadSeq: 0 });
const group = (title: string | null, names: string[]): Conversation => ({
  id: 'c-1',
  kind: 'group',
  title,
  mentorId: 'm',
  muted: false,
  unread: 0,
  lastReadSeq: 0,
  lastMessage: null,
  members: [member('me', 'Zoya Khan'), ...names.map((name, index) => member(index === 0 ? 'm' : `s-${index}`, name, index === 0 ? 'mentor' : 'student'))],
  createdAt: '2026-11-01T00:00:00.000Z',
});

describe('chat names', () => {
  it('when people type, then the line names them by first name', () => {
    expect(typingText([])).toBe('');
    expect(typingText(['Asha Rao'])).toBe('Asha is typing…');
    expect(typingText(['Asha Rao', 'Ravi Menon'])).toBe('Asha and Ravi are typing…');
    expect(typingText(['Asha Rao', 'Ravi Menon', 'Zoya Khan'])).toBe('Asha and 2 others are typing…');
  });

  it('when a message is previewed, then Markdown’s marks and fences are dropped and it is one line', () => {
    expect(previewText('**Hi** _there_,\n\n```ts\nconst a = 1;\n```\n[docs](https://x.example) `code`')).toBe('Hi there, const a = 1; docs code');
    expect(previewText('# Plan\n> quoted\n- one\n1. two')).toBe('Plan quoted one two');
    // Angle brackets are text: the preview shows them as written (and as text, never as HTML).
    expect(previewText('Yes! <script>alert(1)</script> a > b')).toBe('Yes! <script>alert(1)</script> a > b');
  });

  it('when a group conversation has its session’s title, then it is called by it; without one, by who is in it, the mentor first', () => {
    expect(conversationName(group('System design circle', ['Asha Rao', 'Ravi Menon']), 'me')).toBe('System design circle');
    expect(conversationName(group(null, []), 'me')).toBe('Group session');
    expect(conversationName(group(null, ['Asha Rao']), 'me')).toBe('Group session with Asha');
    expect(conversationName(group('  ', ['Asha Rao', 'Ravi Menon']), 'me')).toBe('Group session with Asha and Ravi');
    expect(conversationName(group(null, ['Asha Rao', 'Ravi Menon', 'Meera Iyer']), 'me')).toBe('Group session with Asha, Ravi and 1 other');
    expect(conversationName(group(null, ['Asha Rao', 'Ravi Menon', 'Meera Iyer', 'Kabir Das']), 'me')).toBe('Group session with Asha, Ravi and 2 others');
  });

  it('when a message is files alone, then its preview says so', () => {
    expect(messagePreview('')).toBe('Sent a file');
    expect(messagePreview('**See** this')).toBe('See this');
  });
});
