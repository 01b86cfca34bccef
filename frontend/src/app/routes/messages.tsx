import { lazy, Suspense } from 'react';
import { useParams } from 'react-router-dom';
import { PageLoader } from '@/components/page-loader';
import { useAuth } from '@/features/auth/auth-provider';
import { useViewerTimeZone } from './viewer-time-zone';

// The page (with Markdown rendering and code highlighting) loads when it is first opened, not with the app.
const MessagesPage = lazy(() => import('@/features/chat/pages/messages-page').then((module) => ({ default: module.MessagesPage })));

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
