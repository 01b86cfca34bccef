import { describe, expect, it } from 'vitest';
import { previewText, typingText } from './names';

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
});
