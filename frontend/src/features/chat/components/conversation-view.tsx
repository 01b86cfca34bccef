import { Button, Paper, Skeleton, Stack, Text, VisuallyHidden } from '@mantine/core';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { EmptyState } from '@/components/empty-state';
import { ErrorState } from '@/components/error-state';
import { LoadErrorAlert } from '@/components/load-error-alert';
import { paths } from '@/config/paths';
import { ApiError } from '@/lib/api-client';
import type { RealtimeSocket } from '@/lib/realtime';
import { useConversation } from '../api/get-conversation';
import { useMessages } from '../api/get-messages';
import { useUploadAttachment } from '../api/upload-attachment';
import type { OutboxControls } from '../hooks/use-outbox';
import { useMarkRead } from '../hooks/use-mark-read';
import { useTypingPeople, useTypingSignal } from '../hooks/use-typing';
import type { Message, Viewer } from '../types';
import { historyMessages } from '../utils/cache';
import { messagePreview, typingText } from '../utils/names';
import { ConversationHeader } from './conversation-header';
import { MessageComposer } from './message-composer';
import { MessageHistory } from './message-history';

interface ConversationViewProps {
  conversationId: string;
  viewer: Viewer;
  timeZone: string;
  socket: RealtimeSocket | null;
  connected: boolean;
  outbox: OutboxControls;
  /** Beside the header's name (the booking page's panel puts "Open in Messages" there). */
  headerActions?: ReactNode;
  /** The phone-width "← All conversations" link (the Messages page's; a panel elsewhere has none). */
  backLink?: boolean;
}

/** Screen readers hear each new message from someone else once (not the history as it loads). */
function useNewMessageAnnouncement(messages: Message[], viewerId: string, names: Map<string, string>): string {
  const [announcement, setAnnouncement] = useState('');
  const lastSeen = useRef<string | null>(null);
  const newest = messages.at(-1);
  useEffect(() => {
    if (!newest) return;
    const previous = lastSeen.current;
    lastSeen.current = newest.id;
    if (previous === null || previous === newest.id || newest.senderId === viewerId) return;
    setAnnouncement(`New message from ${names.get(newest.senderId) ?? 'someone'}: ${messagePreview(newest.text)}`);
  }, [newest, viewerId, names]);
  return announcement;
}

/** One conversation: who it is with, its history, who is typing, and the composer. */
export function ConversationView({ conversationId, viewer, timeZone, socket, connected, outbox, headerActions, backLink = true }: ConversationViewProps) {
  const conversation = useConversation(conversationId, { live: connected });
  const history = useMessages(conversationId, { live: connected });
  const messages = useMemo(() => historyMessages(history.data), [history.data]);
  const names = useMemo(() => new Map((conversation.data?.members ?? []).map((m) => [m.id, m.name])), [conversation.data?.members]);
  const typingIds = useTypingPeople(socket, conversationId, viewer.id);
  const signalTyping = useTypingSignal(socket, conversationId);
  const announcement = useNewMessageAnnouncement(messages, viewer.id, names);
  const outgoing = useMemo(() => outbox.items.filter((m) => m.conversationId === conversationId), [outbox.items, conversationId]);
  useMarkRead({ socket, conversation: conversation.data, newest: messages.at(-1), viewerId: viewer.id });
  const upload = useUploadAttachment(conversationId);

  if (!conversation.data && !conversation.isError) {
    return (
      <Paper withBorder radius="md" h="100%" p="md">
        <Stack gap="md" role="status" aria-label="Loading the conversation">
          <Skeleton height={40} width="50%" />
          <Skeleton height={48} width="70%" />
          <Skeleton height={48} width="60%" ml="auto" />
          <Skeleton height={48} width="65%" />
        </Stack>
      </Paper>
    );
  }
  if (!conversation.data) {
    if (conversation.error instanceof ApiError && conversation.error.status === 404) {
      return (
        <Paper withBorder radius="md" h="100%">
          <EmptyState title="Conversation not found" description="It may have been a mistyped link, or it isn’t one of yours.">
            <Button component={Link} to={paths.app.messages.getHref()} variant="light">
              All conversations
            </Button>
          </EmptyState>
        </Paper>
      );
    }
    return <ErrorState title="Couldn’t load this conversation" message={conversation.error?.message} onRetry={() => void conversation.refetch()} />;
  }

  const typingNames = typingIds.map((id) => names.get(id)).filter((name): name is string => Boolean(name));

  return (
    <Paper withBorder radius="md" h="100%" style={{ display: 'flex', flexDirection: 'column', overflow: 'hidden' }}>
      <ConversationHeader conversation={conversation.data} viewerId={viewer.id} actions={headerActions} backLink={backLink} />
      {history.data ? (
        <MessageHistory
          conversation={conversation.data}
          messages={messages}
          outgoing={outgoing}
          viewerId={viewer.id}
          timeZone={timeZone}
          connected={connected}
          hasEarlier={history.hasNextPage}
          loadingEarlier={history.isFetchingNextPage}
          earlierError={history.isFetchNextPageError ? history.error.message : null}
          onLoadEarlier={() => void history.fetchNextPage()}
          onRetry={outbox.retry}
          onDiscard={outbox.discard}
        />
      ) : history.isError ? (
        <Stack p="md" style={{ flex: 1 }}>
          <LoadErrorAlert title="Couldn’t load the messages" message={history.error.message} onRetry={() => void history.refetch()} />
        </Stack>
      ) : (
        <Stack gap="md" p="md" style={{ flex: 1 }} role="status" aria-label="Loading messages">
          <Skeleton height={48} width="70%" />
          <Skeleton height={48} width="60%" ml="auto" />
          <Skeleton height={48} width="65%" />
        </Stack>
      )}
      <Stack gap={2} px="sm" pb="xs" pt={4} style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}>
        <Text size="xs" c="dimmed" h={18} fs="italic" data-testid="typing">
          {typingText(typingNames)}
        </Text>
        <MessageComposer onSend={(text, attachments) => outbox.send(conversationId, text, attachments)} onTyping={signalTyping} onUpload={upload} />
      </Stack>
      <VisuallyHidden aria-live="polite" aria-atomic="true" data-testid="announcement">
        {announcement}
      </VisuallyHidden>
    </Paper>
  );
}
