import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderUi } from '@/testing/render-ui';
import { MessageMarkdown } from './message-markdown';

// A message's Markdown, as every member's browser renders it: whatever someone writes, no HTML of theirs runs.

function renderMessage(text: string) {
  const view = renderUi(<MessageMarkdown text={text} />);
  return view.container;
}

describe('message Markdown', () => {
  it('when a message carries HTML, then it shows as text and makes no element', async () => {
    const text = 'Look <script>window.hacked = true</script> and <img src=x onerror="window.hacked = true"> <b>bold?</b>';
    const container = renderMessage(text);

    expect(await screen.findByText(/window\.hacked = true<\/script>/)).toBeInTheDocument();
    expect(container).toHaveTextContent('<img src=x onerror="window.hacked = true">');
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
    expect(container.querySelector('[onerror]')).toBeNull();
    expect((window as { hacked?: boolean }).hacked).toBeUndefined();
  });

  it('when a link points at javascript:, then its address is dropped; a web link opens in a new tab without telling where from', async () => {
    const container = renderMessage('[click me](javascript:alert(1)) and [docs](https://example.com/docs)');

    const docs = await screen.findByRole('link', { name: 'docs' });
    expect(docs).toHaveAttribute('href', 'https://example.com/docs');
    expect(docs).toHaveAttribute('target', '_blank');
    expect(docs).toHaveAttribute('rel', 'noopener noreferrer nofollow');
    expect(screen.getByText('click me').closest('a')?.getAttribute('href') ?? '').not.toMatch(/javascript/i);
    expect(container.innerHTML).not.toMatch(/javascript:/i);
  });

  it('when an image is written in Markdown, then it becomes a link named by its alt text, and nothing loads', () => {
    const container = renderMessage('![my diagram](https://example.com/pixel.png)');
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getByRole('link', { name: 'my diagram' })).toHaveAttribute('href', 'https://example.com/pixel.png');
  });

  it('when a fenced code block names its language, then it is highlighted with highlight.js classes', () => {
    const container = renderMessage('Try this:\n\n```ts\nconst answer: number = 42;\nfunction greet() { return "hi"; }\n```');

    const code = container.querySelector('pre > code');
    expect(code).not.toBeNull();
    expect(code).toHaveClass('hljs');
    expect(code).toHaveClass('language-ts');
    expect(code!.querySelector('.hljs-keyword')).toHaveTextContent('const');
    expect(code!.querySelector('.hljs-number')).toHaveTextContent('42');
    expect(code!.querySelector('.hljs-string')).toHaveTextContent('"hi"');
  });

  it('when a message has GitHub-flavoured Markdown, then emphasis, lists and tables render, and a "# title" is no page heading', () => {
    const container = renderMessage('# Plan\n\n**bold** and ~~old~~\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |');

    expect(screen.queryByRole('heading')).not.toBeInTheDocument();
    expect(screen.getByText('Plan')).toBeInTheDocument();
    expect(container.querySelector('strong')).toHaveTextContent('bold');
    expect(container.querySelector('del')).toHaveTextContent('old');
    expect(screen.getAllByRole('listitem').map((item) => item.textContent)).toEqual(['one', 'two']);
    expect(screen.getByRole('table')).toBeInTheDocument();
  });
});
