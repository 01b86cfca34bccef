import { Button, Group, Paper, Stack, Text, VisuallyHidden } from '@mantine/core';
import type { Attachment } from '../types';
import type { Delivery } from '../utils/delivery';
import { DeliveryStatus } from './delivery-status';
import { MessageAttachments } from './message-attachments';
import { MessageMarkdown } from './message-markdown';

interface MessageBubbleProps {
  text: string;
  /** The files it carries (a message may be files alone). */
  attachments?: readonly Attachment[] | undefined;
  mine: boolean;
  /** Who wrote it (named above others' messages in a group; read out to screen readers always). */
  senderName: string;
  showSender: boolean;
  /** "14:05" on the viewer's clock; null until the server has stored it. */
  time: string | null;
  /** The viewer's own messages only. */
  delivery?: Delivery | undefined;
  error?: string | null | undefined;
  onRetry?: (() => void) | undefined;
  onDiscard?: (() => void) | undefined;
}

/** One message: the viewer's on the right with its ticks, everyone else's on the left. */
export function MessageBubble({ text, attachments = [], mine, senderName, showSender, time, delivery, error, onRetry, onDiscard }: MessageBubbleProps) {
  return (
    <Group component="li" justify={mine ? 'flex-end' : 'flex-start'} wrap="nowrap" data-testid="message" data-mine={mine || undefined} style={{ listStyle: 'none' }}>
      <Stack gap={4} align={mine ? 'flex-end' : 'flex-start'} maw="min(85%, 40rem)" miw={0}>
        <Paper
          px="sm"
          py={6}
          radius="md"
          bg={mine ? 'var(--mantine-primary-color-light)' : 'var(--mantine-color-default-hover)'}
          withBorder={delivery === 'failed'}
          style={{ minWidth: 0, maxWidth: '100%', ...(delivery === 'failed' ? { borderColor: 'var(--mantine-color-red-outline)' } : {}) }}
        >
          {showSender && !mine ? (
            <Text size="xs" fw={700} c="dimmed" aria-hidden>
              {senderName}
            </Text>
          ) : null}
          <VisuallyHidden>{mine ? 'You' : senderName}{time ? `, ${time}` : ''}:</VisuallyHidden>
          {text.trim() ? <MessageMarkdown text={text} /> : null}
          {attachments.length > 0 ? (
            <div style={text.trim() ? { marginTop: 'var(--mantine-spacing-xs)' } : { marginTop: 2 }}>
              <MessageAttachments attachments={attachments} />
            </div>
          ) : null}
        </Paper>
        <Group gap={6} wrap="nowrap" c="dimmed">
          {time ? (
            <Text size="xs" c="dimmed" aria-hidden>
              {time}
            </Text>
          ) : null}
          {delivery ? <DeliveryStatus delivery={delivery} /> : null}
        </Group>
        {delivery === 'failed' ? (
          <Group gap="xs" justify="flex-end" wrap="wrap">
            {error ? (
              <Text size="xs" c="red" role="alert">
                {error}
              </Text>
            ) : null}
            {onRetry ? (
              <Button size="compact-xs" variant="light" color="red" onClick={onRetry}>
                Retry
              </Button>
            ) : null}
            {onDiscard ? (
              <Button size="compact-xs" variant="subtle" color="gray" onClick={onDiscard}>
                Discard
              </Button>
            ) : null}
          </Group>
        ) : null}
      </Stack>
    </Group>
  );
}
