import { useParams } from 'react-router-dom';
import { useAuth } from '@/features/auth/auth-provider';
import { useNotificationsConnected } from '@/features/notifications/hooks/use-notifications-live';
import { FreeTimePicker } from '@/features/availability/components/free-time-picker';
import type { TimePickerRenderProps } from '@/features/bookings/components/reschedule-booking-modal';
import { BookingConfirmedPage } from '@/features/bookings/pages/booking-confirmed-page';
import { BookingDetailPage } from '@/features/bookings/pages/booking-detail-page';
import { MyBookingsPage } from '@/features/bookings/pages/my-bookings-page';
import { disputeIn } from './disputes';
import { BookingChat } from './messages';
import { reviewIn } from './reviews';
import { joinButtonIn, sharedNotesIn } from './sessions';
import { useViewerTimeZone } from './viewer-time-zone';

/** Rescheduling picks from the mentor's public free times: the availability feature's calendar. */
const renderTimePicker = ({ mentorSlug, durationMinutes, timeZone, value, onChange }: TimePickerRenderProps) => (
  <FreeTimePicker slug={mentorSlug} durationMinutes={durationMinutes} timeZone={timeZone} value={value} onChange={onChange} />
);

/** The booking's conversation: the chat feature's panel. */
const renderChat = (booking: { id: string }) => <BookingChat bookingId={booking.id} />;

export function MyBookingsRoute() {
  const { user } = useAuth();
  const timeZone = useViewerTimeZone();
  return <MyBookingsPage canMentor={user?.role === 'mentor'} timeZone={timeZone} renderJoin={joinButtonIn(timeZone)} />;
}

export function BookingDetailRoute() {
  const { id = '' } = useParams();
  const timeZone = useViewerTimeZone();
  const { user } = useAuth();
  const live = useNotificationsConnected(user?.id ?? null);
  return (
    <BookingDetailPage
      key={id}
      id={id}
      timeZone={timeZone}
      renderTimePicker={renderTimePicker}
      renderJoin={joinButtonIn(timeZone)}
      renderSessionNotes={sharedNotesIn(timeZone)}
      renderDispute={disputeIn(timeZone)}
      renderReview={reviewIn(timeZone)}
      renderChat={renderChat}
      live={live}
    />
  );
}

export function BookingConfirmedRoute() {
  const { id = '' } = useParams();
  const timeZone = useViewerTimeZone();
  return <BookingConfirmedPage key={id} id={id} timeZone={timeZone} />;
}
