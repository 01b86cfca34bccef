import { Anchor, Box, Button, Container } from '@mantine/core';
import { useCallback, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { EmptyState } from '@/components/empty-state';
import { ErrorState } from '@/components/error-state';
import { PageLoader } from '@/components/page-loader';
import { paths } from '@/config/paths';
import { ApiError } from '@/lib/api-client';
import { callNotJoinable, useMeeting } from '../api/get-meeting';
import { CallNotOpen } from '../components/call-not-open';
import { CallRoom } from '../components/call-room';

export interface CallPageProps {
  bookingId: string;
  timeZone: string;
  /** The booking's chat beside the call; the app supplies the chat feature's. */
  renderChat?: (bookingId: string) => ReactNode;
}

/** /bookings/:id/call — the booking's video call, or why it can't be entered now. */
export function CallPage({ bookingId, timeZone, renderChat }: CallPageProps) {
  const access = useMeeting(bookingId);
  const backHref = paths.app.booking.getHref(bookingId);
  const { refetch } = access;
  const askAgain = useCallback(() => void refetch(), [refetch]);

  let content;
  if (access.isPending) {
    content = <PageLoader label="Getting your call ready…" />;
  } else if (access.isError) {
    const error = access.error;
    content =
      error instanceof ApiError && error.status === 404 ? (
        <EmptyState title="Booking not found" description="It doesn’t exist, or it isn’t one of yours." />
      ) : callNotJoinable(error) ? (
        <EmptyState title="This session can’t be joined" description="It was cancelled, or it was never paid for.">
          <Button component={Link} to={backHref} variant="light" mt="sm">
            Back to the booking
          </Button>
        </EmptyState>
      ) : (
        <ErrorState title="Couldn't open the call" message={error.message} onRetry={askAgain} />
      );
  } else if (access.data.status === 'not_open') {
    content = <CallNotOpen opensAt={access.data.opensAt} closesAt={access.data.closesAt} timeZone={timeZone} backHref={backHref} onOpen={askAgain} />;
  } else {
    content = <CallRoom bookingId={bookingId} meeting={access.data.meeting} timeZone={timeZone} backHref={backHref} chat={renderChat?.(bookingId)} />;
  }

  return (
    <Container size="xl" px={0}>
      <Anchor component={Link} to={backHref} size="sm">
        ← Back to the booking
      </Anchor>
      <Box mt="xs">{content}</Box>
    </Container>
  );
}
