import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderUi } from '@/testing/render-ui';
import { MessageComposer } from './message-composer';

// The composer on its own: what it accepts, how Enter and Shift+Enter behave, the counter.

function renderComposer() {
  const onSend = vi.fn();
  const onTyping = vi.fn();
  renderUi(<MessageComposer onSend={onSend} onTyping={onTyping} />);
  return { onSend, onTyping, box: screen.getByRole('textbox', { name: 'Message' }) };
}

describe('message composer', () => {
  it('when Enter is pressed, then the message is sent and the box empties; Shift+Enter starts a new line instead', async () => {
    const { onSend, onTyping, box } = renderComposer();
    const ui = userEvent.setup();

    await ui.type(box, 'first line{Shift>}{Enter}{/Shift}second line');
    expect(box).toHaveValue('first line\nsecond line');
    expect(onSend).not.toHaveBeenCalled();
    expect(onTyping).toHaveBeenCalled();

    await ui.keyboard('{Enter}');
    expect(onSend).toHaveBeenCalledExactlyOnceWith('first line\nsecond line');
    expect(box).toHaveValue('');
    expect(screen.getByText('0 / 4000')).toBeInTheDocument();
  });

  it('when an empty message is sent, then nothing goes and the composer says to write something', async () => {
    const { onSend, box } = renderComposer();
    const ui = userEvent.setup();

    await ui.type(box, '   ');
    await ui.keyboard('{Enter}');
    expect(onSend).not.toHaveBeenCalled();
    expect(screen.getByRole('alert')).toHaveTextContent('Write a message first');
    expect(box).toHaveAttribute('aria-invalid', 'true');

    await ui.click(screen.getByRole('button', { name: 'Send' }));
    expect(onSend).not.toHaveBeenCalled();
    await ui.type(box, 'hello');
    expect(screen.getByRole('alert')).toBeEmptyDOMElement();
  });

  it('when the text passes 4000 characters, then the counter and an error say by how much, and Send is disabled until it is shorter', async () => {
    const { onSend, box } = renderComposer();
    const ui = userEvent.setup();

    await ui.click(box);
    await ui.paste('x'.repeat(4003));
    expect(screen.getByText('4003 / 4000')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('A message can be at most 4000 characters: 3 too many');
    expect(screen.getByRole('button', { name: 'Send' })).toBeDisabled();
    await ui.keyboard('{Enter}');
    expect(onSend).not.toHaveBeenCalled();

    await ui.keyboard('{Backspace}{Backspace}{Backspace}');
    expect(screen.getByText('4000 / 4000')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Send' })).toBeEnabled();
    await ui.keyboard('{Enter}');
    expect(onSend).toHaveBeenCalledExactlyOnceWith('x'.repeat(4000));
  });
});
