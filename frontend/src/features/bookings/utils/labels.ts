import { formatPaise } from '@/lib/money';
import { formatZonedDate, zonedHhmm } from '@/lib/time-zone-clock';
import type { Booking, BookingStatus, RefundStatus, Settlement } from '../types';

export const bookingStatusLabels: Record<BookingStatus, string> = {
  pending_payment: 'Awaiting payment',
  confirmed: 'Confirmed',
  in_progress: 'In progress',
  completed: 'Completed',
  cancelled: 'Cancelled',
  no_show_mentor: 'Mentor did not join — fully refunded',
  no_show_student: 'Student did not join',
  expired: 'Hold expired',
};

export const bookingStatusColors: Record<BookingStatus, string> = {
  pending_payment: 'yellow',
  confirmed: 'teal',
  in_progress: 'blue',
  completed: 'gray',
  cancelled: 'red',
  no_show_mentor: 'orange',
  no_show_student: 'orange',
  expired: 'gray',
};

/** "requested" means we decided to refund and the gateway has not been asked yet: to the student it is pending all the same. */
export const refundStatusLabels: Record<RefundStatus, string> = {
  requested: 'Pending',
  pending: 'Pending',
  processed: 'Processed',
  failed: 'Failed',
};

export const refundStatusColors: Record<RefundStatus, string> = {
  requested: 'yellow',
  pending: 'yellow',
  processed: 'teal',
  failed: 'red',
};

/** "1-to-1", "Group · System design AMA" or "1-to-1 · Resume review". */
export function kindText(booking: Pick<Booking, 'kind' | 'slot'>): string {
  const kind = booking.kind === 'group' ? 'Group' : '1-to-1';
  return booking.slot ? `${kind} · ${booking.slot.title}` : kind;
}

/** The person on the other side of the booking from the viewer. */
export function otherParty(booking: Pick<Booking, 'viewerRole' | 'mentor' | 'student'>): { label: string; name: string } {
  return booking.viewerRole === 'mentor' ? { label: 'Student', name: booking.student.name } : { label: 'Mentor', name: booking.mentor.name };
}

/** What the viewer paid (student) or what was paid for the session (mentor): the payment if there is one, else the price. */
export const amountPaise = (booking: Pick<Booking, 'payment' | 'pricePaise'>) => booking.payment?.amountPaise ?? booking.pricePaise;

const cancelledByText = { student: 'the student', mentor: 'the mentor', system: 'Mentor Connect' } as const;

/** "Cancelled by you", "Cancelled by the mentor", "Cancelled by Mentor Connect". */
export function cancelledByLabel(booking: Pick<Booking, 'viewerRole' | 'cancellation'>): string | null {
  if (!booking.cancellation) return null;
  const by = booking.cancellation.by;
  return `Cancelled by ${by === booking.viewerRole ? 'you' : cancelledByText[by]}`;
}

/** Bookings whose call is still ahead or running: they get the join button. */
export const joinableStatuses: ReadonlySet<BookingStatus> = new Set(['confirmed', 'in_progress']);

const atTime = (instant: string, timeZone: string) => `${formatZonedDate(instant, timeZone, 'medium')} at ${zonedHhmm(instant, timeZone)}`;

/**
 * Where the money stands, for the viewer: "Held until Thu, 26 Nov, 2026 at 10:30, then released to the
 * mentor", "Released to the mentor on …", "Refunded ₹2,500".
 */
export function settlementText(settlement: Settlement, viewerRole: Booking['viewerRole'], timeZone: string): string {
  const toMentor = viewerRole === 'mentor' ? 'paid out to you' : 'released to the mentor';
  switch (settlement.status) {
    case 'held':
      return settlement.releaseAt
        ? `Held until ${atTime(settlement.releaseAt, timeZone)}, then ${toMentor}`
        : 'Held by Mentor Connect until the session has taken place';
    case 'released': {
      const released = viewerRole === 'mentor' ? 'Paid out to you' : 'Released to the mentor';
      return settlement.releasedAt ? `${released} on ${atTime(settlement.releasedAt, timeZone)}` : released;
    }
    case 'refunded':
      return `Refunded ${formatPaise(settlement.refundPaise)}`;
    case 'partially_refunded':
      return `Partly refunded: ${formatPaise(settlement.refundPaise)}`;
    case 'disputed':
      return 'On hold: under dispute';
  }
}
