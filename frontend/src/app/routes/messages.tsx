import { Paper, Skeleton, Stack } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { useParams } from 'react-router-dom';
import { PageLoader } from '@/components/page-loader';
import { useAuth } from '@/features/auth/auth-provider';
import { useViewerTimeZone } from './viewer-time-zone';

// The page (with Markdown rendering and code highlighting) loads when it is first opened, not with the app.
const MessagesPage = lazy(() => import('@/features/chat/pages/messages-page').then((module) => ({ default: module.MessagesPage })));
// The same for a booking's chat: the booking's page and its call show first, the chat as soon as it has loaded.
const BookingChatPanel = lazy(() => import('@/features/chat/components/booking-chat-panel').then((module) => ({ default: module.BookingChatPanel })));

/** /messages and /messages/:conversationId (signed-in students and mentors). */
export function MessagesRoute() {
  const { conversationId = null } = useParams();
  const { user } = useAuth();
  const timeZone = useViewerTimeZone();
  if (!user) return null;
  return (
    <Suspense fallback={<PageLoader label="Loading messages…" />}>
      <MessagesPage viewer={{ id: user.id, role: user.role }} timeZone={timeZone} conversationId={conversationId} />
    </Suspense>
  );
}

function ChatPanelLoader() {
  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap="sm" role="status" aria-label="Loading the chat">
        <Skeleton height={28} width="40%" />
        <Skeleton height={44} width="70%" />
      </Stack>
    </Paper>
  );
}

/** A booking's conversation (the chat feature's panel), for the booking's page and its call. */
export function BookingChat({ bookingId }: { bookingId: string }) {
  const { user } = useAuth();
  const timeZone = useViewerTimeZone();
  if (!user || user.role === 'admin') return null;
  return (
    <Suspense fallback={<ChatPanelLoader />}>
      <BookingChatPanel bookingId={bookingId} viewer={{ id: user.id, role: user.role }} timeZone={timeZone} />
    </Suspense>
  );
}
