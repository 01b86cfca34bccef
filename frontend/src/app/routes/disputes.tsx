import { useParams } from 'react-router-dom';
import type { RenderDispute } from '@/features/bookings/types';
import { amountPaise } from '@/features/bookings/utils/labels';
import { BookingDispute } from '@/features/disputes/components/booking-dispute';
import { AdminDisputePage } from '@/features/disputes/pages/admin-dispute-page';
import { AdminDisputesPage } from '@/features/disputes/pages/admin-disputes-page';
import { useViewerTimeZone } from './viewer-time-zone';

/** The disputes feature's part of a completed booking's page: reporting a problem, and the case as it stands. */
export const disputeIn =
  (timeZone: string): RenderDispute =>
  (booking) => (
    <BookingDispute
      bookingId={booking.id}
      viewerRole={booking.viewerRole}
      canDispute={booking.actions.dispute}
      settlementStatus={booking.settlement?.status ?? null}
      releaseAt={booking.settlement?.releaseAt ?? null}
      mentorName={booking.mentor.name}
      amountPaise={amountPaise(booking)}
      timeZone={timeZone}
    />
  );

/** /admin/disputes */
export function AdminDisputesRoute() {
  const timeZone = useViewerTimeZone();
  return <AdminDisputesPage timeZone={timeZone} />;
}

/** /admin/disputes/:id */
export function AdminDisputeRoute() {
  const { id = '' } = useParams();
  const timeZone = useViewerTimeZone();
  return <AdminDisputePage key={id} id={id} timeZone={timeZone} />;
}
