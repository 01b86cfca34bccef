import { useParams } from 'react-router-dom';
import type { RenderJoin, RenderSessionNotes } from '@/features/bookings/types';
import { JoinSessionButton } from '@/features/sessions/components/join-session-button';
import { SharedNotes } from '@/features/sessions/components/shared-notes';
import { CallPage } from '@/features/sessions/pages/call-page';
import { BookingChat } from './messages';
import { useViewerTimeZone } from './viewer-time-zone';

/** The sessions feature's join button, for the bookings feature's pages and the dashboard. */
export const joinButtonIn =
  (timeZone: string): RenderJoin =>
  (booking, { compact }) => (
    <JoinSessionButton
      bookingId={booking.id}
      opensAt={booking.meeting.opensAt}
      closesAt={booking.meeting.closesAt}
      timeZone={timeZone}
      size={compact ? 'compact-sm' : 'sm'}
    />
  );

/** The mentor's notes as the student reads them on the booking's page. */
export const sharedNotesIn =
  (timeZone: string): RenderSessionNotes =>
  (booking) => <SharedNotes bookingId={booking.id} mentorName={booking.mentor.name} timeZone={timeZone} />;

/** The booking's conversation beside its call: the chat feature's panel. */
const renderChat = (bookingId: string) => <BookingChat bookingId={bookingId} />;

/** /bookings/:id/call */
export function CallRoute() {
  const { id = '' } = useParams();
  const timeZone = useViewerTimeZone();
  return <CallPage key={id} bookingId={id} timeZone={timeZone} renderChat={renderChat} />;
}
