import { BookingPanel } from '@/features/availability/components/booking-panel';
import { useViewerTimeZone } from './viewer-time-zone';

interface MentorBookingPanelProps {
  mentor: { slug: string; price30Paise: number; price60Paise: number; acceptingBookings: boolean; sessionLengths: number[] };
}

/**
 * The booking calendar for a mentor's public page: times in the signed-in user's profile zone, or
 * this browser's for a visitor (the panel has a switcher either way).
 */
export function MentorBookingPanel({ mentor }: MentorBookingPanelProps) {
  const timeZone = useViewerTimeZone();
  return (
    <BookingPanel
      // A different zone (signing in, or a profile change) starts the calendar afresh.
      key={timeZone}
      slug={mentor.slug}
      price30Paise={mentor.price30Paise}
      price60Paise={mentor.price60Paise}
      acceptingBookings={mentor.acceptingBookings}
      defaultTimeZone={timeZone}
      sessionLengths={mentor.sessionLengths}
    />
  );
}
