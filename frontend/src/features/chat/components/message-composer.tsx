import { ActionIcon, Group, Text, Textarea } from '@mantine/core';
import { useId, useState, type KeyboardEvent } from 'react';
import { SendIcon } from '@/components/icons';
import { messageTextSchema } from '../api/send-message';
import { MAX_MESSAGE_LENGTH } from '../rules';

interface MessageComposerProps {
  onSend: (text: string) => void;
  /** Called as the viewer types (the caller decides how often the others hear of it). */
  onTyping: () => void;
}

/**
 * Writing a message: Enter sends, Shift+Enter starts a new line; at most 4000 characters, counted as they are typed.
 * An empty message isn't sent; a message too long says by how much.
 */
export function MessageComposer({ onSend, onTyping }: MessageComposerProps) {
  const [text, setText] = useState('');
  const [emptyTried, setEmptyTried] = useState(false);
  const counterId = useId();
  const errorId = useId();
  const hintId = useId();
  const over = text.length - MAX_MESSAGE_LENGTH;
  const error = over > 0 ? `A message can be at most ${MAX_MESSAGE_LENGTH} characters: ${over} too many` : emptyTried ? 'Write a message first' : null;

  const submit = () => {
    const checked = messageTextSchema.safeParse(text);
    if (!checked.success) {
      setEmptyTried(text.trim().length === 0);
      return;
    }
    onSend(text.replace(/\s+$/, ''));
    setText('');
    setEmptyTried(false);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    }
  };

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
      aria-label="Write a message"
    >
      <Group align="flex-end" gap="xs" wrap="nowrap">
        <Textarea
          style={{ flex: 1 }}
          aria-label="Message"
          placeholder="Write a message…"
          autosize
          minRows={1}
          maxRows={6}
          value={text}
          onChange={(event) => {
            setText(event.currentTarget.value);
            if (event.currentTarget.value.trim()) {
              setEmptyTried(false);
              onTyping();
            }
          }}
          onKeyDown={onKeyDown}
          error={error !== null}
          aria-describedby={`${hintId} ${counterId}${error ? ` ${errorId}` : ''}`}
        />
        <ActionIcon type="submit" size={36} radius="xl" aria-label="Send" disabled={over > 0}>
          <SendIcon size={18} />
        </ActionIcon>
      </Group>
      <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap" mt={4}>
        <div>
          <Text id={errorId} size="xs" c="red" role="alert">
            {error ?? ''}
          </Text>
          {error ? null : (
            <Text id={hintId} size="xs" c="dimmed" visibleFrom="sm">
              Enter sends · Shift+Enter for a new line · Markdown and ```code``` work
            </Text>
          )}
        </div>
        <Text id={counterId} size="xs" c={over > 0 ? 'red' : 'dimmed'} style={{ flexShrink: 0 }}>
          {text.length} / {MAX_MESSAGE_LENGTH}
        </Text>
      </Group>
    </form>
  );
}
