import { Anchor, Box, Paper, Skeleton, Stack, Text, Title, type BoxProps } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { LoadErrorAlert } from '@/components/load-error-alert';
import { paths } from '@/config/paths';
import { ApiError } from '@/lib/api-client';
import { useSocketConnected } from '@/lib/realtime';
import { useChatSocket } from '../api/chat-socket';
import { useConversationByBooking } from '../api/get-conversation-by-booking';
import { useChatLiveUpdates } from '../api/live-updates';
import { useOutbox } from '../hooks/use-outbox';
import type { Viewer } from '../types';
import { ConversationView } from './conversation-view';

export interface BookingChatPanelProps {
  bookingId: string;
  viewer: Viewer;
  /** Times and day separators are on this zone's clocks. */
  timeZone: string;
  /** The card's height: it scrolls within it (a phone gets the smaller default). */
  height?: BoxProps['h'];
}

const DEFAULT_HEIGHT: BoxProps['h'] = { base: 440, sm: 520 };

/** The panel's frame while there is no conversation to show: a heading, and why. */
function PanelMessage({ children }: { children: ReactNode }) {
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
      <Stack gap="xs">
        <Title order={2} size="h4">
          Chat
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}

/**
 * A booking's conversation (its pair's, or its group session's) in a card of its own height, for the booking's page
 * and its call: the history, the composer with files, who is typing and the ticks, live over the chat socket, and a
 * way to the whole conversation in Messages. Before the booking is confirmed there is none yet, and it says so.
 */
export function BookingChatPanel({ bookingId, viewer, timeZone, height = DEFAULT_HEIGHT }: BookingChatPanelProps) {
  const conversation = useConversationByBooking(bookingId);
  const socket = useChatSocket(viewer.id);
  const connected = useSocketConnected(socket);
  useChatLiveUpdates(socket, viewer.id);
  const outbox = useOutbox({ socket, connected, viewerId: viewer.id });

  let content;
  if (conversation.isPending) {
    content = (
      <Paper withBorder radius="md" p="md">
        <Stack gap="sm" role="status" aria-label="Loading the chat">
          <Skeleton height={28} width="40%" />
          <Skeleton height={44} width="70%" />
          <Skeleton height={44} width="55%" ml="auto" />
        </Stack>
      </Paper>
    );
  } else if (conversation.isError) {
    content =
      conversation.error instanceof ApiError && conversation.error.status === 404 ? (
        <PanelMessage>
          <Text size="sm" c="dimmed" data-testid="chat-not-open">
            Chat opens once the booking is confirmed.
          </Text>
        </PanelMessage>
      ) : (
        <PanelMessage>
          <LoadErrorAlert title="Couldn’t load the chat" message={conversation.error.message} onRetry={() => void conversation.refetch()} />
        </PanelMessage>
      );
  } else {
    const id = conversation.data.id;
    content = (
      <Box h={height} mih={320}>
        <ConversationView
          conversationId={id}
          viewer={viewer}
          timeZone={timeZone}
          socket={socket}
          connected={connected}
          outbox={outbox}
          backLink={false}
          headerActions={
            <Anchor component={Link} to={paths.app.messages.getHref(id)} size="sm" style={{ whiteSpace: 'nowrap' }}>
              Open in Messages
            </Anchor>
          }
        />
      </Box>
    );
  }

  return (
    <section aria-label="Chat" data-testid="booking-chat">
      {content}
    </section>
  );
}
