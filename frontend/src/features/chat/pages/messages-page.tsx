import { Button, Center, Paper, Text, Title, VisuallyHidden } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { EmptyState } from '@/components/empty-state';
import { ListSkeleton } from '@/components/list-skeleton';
import { LoadErrorAlert } from '@/components/load-error-alert';
import { paths } from '@/config/paths';
import { useFillViewport } from '@/hooks/use-fill-viewport';
import { useSocketConnected, type RealtimeSocket } from '@/lib/realtime';
import { useChatSocket } from '../api/chat-socket';
import { useConversations } from '../api/get-conversations';
import { useChatLiveUpdates } from '../api/live-updates';
import { ConversationList } from '../components/conversation-list';
import { ConversationView } from '../components/conversation-view';
import { useOutbox } from '../hooks/use-outbox';
import type { Viewer } from '../types';
import classes from './messages-page.module.css';

interface MessagesPageProps {
  viewer: Viewer;
  /** Times and day separators are on this zone's clocks. */
  timeZone: string;
  /** The open conversation, if any. */
  conversationId: string | null;
}

/** A short drop is not worth a word: "offline" shows once the socket has been away this long. */
const OFFLINE_NOTICE_DELAY_MS = 2_000;

/** Says so when the live connection has been away for a while (messages then wait, and go when it is back). */
function ConnectionNotice({ socket, connected }: { socket: RealtimeSocket | null; connected: boolean }) {
  const [away, setAway] = useState(false);
  useEffect(() => {
    if (connected || !socket) {
      setAway(false);
      return;
    }
    const timer = setTimeout(() => setAway(true), OFFLINE_NOTICE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [connected, socket]);
  return (
    <div role="status" data-testid="connection-notice">
      {away ? (
        <Text size="xs" c="yellow" mb="xs">
          Reconnecting… new messages wait and are sent when you’re back.
        </Text>
      ) : null}
    </div>
  );
}

/**
 * Messages: the viewer's conversations and the open one, live over the chat socket (with a refetch every 30 s while it
 * is down). Messages written here wait in order, while there is no connection, and are sent when it is back.
 */
export function MessagesPage({ viewer, timeZone, conversationId }: MessagesPageProps) {
  const socket = useChatSocket(viewer.id);
  const connected = useSocketConnected(socket);
  useChatLiveUpdates(socket, viewer.id);
  const list = useConversations({ live: connected });
  // The page keeps what is not sent yet across conversations: switching to another one doesn't lose it.
  const outbox = useOutbox({ socket, connected, viewerId: viewer.id });
  const layout = useRef<HTMLDivElement>(null);
  useFillViewport(layout);

  return (
    <>
      <ConnectionNotice socket={socket} connected={connected} />
      <div ref={layout} className={classes.layout} data-open={conversationId ? 'conversation' : 'list'}>
        <section className={classes.listPane} aria-labelledby="messages-heading">
          <Title order={1} size="h3" id="messages-heading" mb="xs">
            Messages
          </Title>
          {list.data ? (
            list.data.items.length === 0 ? (
              <EmptyState
                title="No conversations yet"
                description={
                  viewer.role === 'student'
                    ? 'Message a mentor from their profile, or book a session: its conversation opens here.'
                    : 'When a student messages you or books a session, the conversation opens here.'
                }
              >
                {viewer.role === 'student' ? (
                  <Button component={Link} to={paths.mentors.list.getHref()} variant="light">
                    Find mentors
                  </Button>
                ) : null}
              </EmptyState>
            ) : (
              <ConversationList conversations={list.data.items} activeId={conversationId} viewerId={viewer.id} timeZone={timeZone} />
            )
          ) : list.isError ? (
            <LoadErrorAlert title="Couldn’t load your conversations" message={list.error.message} onRetry={() => void list.refetch()} />
          ) : (
            <ListSkeleton label="Loading conversations" height={56} count={4} />
          )}
        </section>
        <div className={classes.conversationPane}>
          {conversationId ? (
            <>
              {/* On a phone the list (and its heading) is out of sight: the page keeps a heading for screen readers. */}
              <VisuallyHidden component="h1" hiddenFrom="md" style={{ flex: 'none' }}>
                Messages
              </VisuallyHidden>
              <ConversationView key={conversationId} conversationId={conversationId} viewer={viewer} timeZone={timeZone} socket={socket} connected={connected} outbox={outbox} />
            </>
          ) : (
            <Paper withBorder radius="md">
              <Center h="100%" p="xl">
                <Text c="dimmed">Choose a conversation to read it and reply.</Text>
              </Center>
            </Paper>
          )}
        </div>
      </div>
    </>
  );
}
