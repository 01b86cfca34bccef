import type { Db } from '../../db/client.js';
import { formatInr } from '../../lib/money.js';
import { notify } from '../notifications/notifications.service.js';
import { calendarAttachment, formatWhen } from './bookings.calendar.js';
import type { BookingContext } from './bookings.context.js';
import type { BookingView } from './bookings.queries.js';
import type { BookingRow } from './bookings.transitions.js';

/**
 * What bookings tell people, in words: in-app notifications and the emails beside them, written in the caller's
 * transaction (the outbox sends them after it commits). Each is keyed by its business event, so telling twice
 * is a no-op.
 */

type Person = { name: string; email: string; timeZone: string };
export interface People {
  mentor: Person;
  student: Person;
}

const bookingUrl = (ctx: BookingContext, bookingId: string) => `${ctx.publicUrl}/bookings/${bookingId}`;
const durationOf = (b: Pick<BookingRow, 'startsAt' | 'endsAt'>) => Math.round((b.endsAt.getTime() - b.startsAt.getTime()) / 60_000);

export async function notifyConfirmed(ctx: BookingContext, tx: Db, b: BookingRow, view: BookingView): Promise<void> {
  const attachments = [calendarAttachment(ctx.publicUrl, b, view)];
  const url = bookingUrl(ctx, b.id);
  const common = { code: b.code, durationMinutes: durationOf(b), topic: b.topic, agenda: b.agenda };
  await notify(tx, [
    {
      userId: b.studentId,
      recipient: view.student,
      type: 'booking_confirmed',
      title: `Booking ${b.code} confirmed`,
      body: `Your session with ${view.mentor.name} is confirmed. You paid ${formatInr(b.pricePaise)}.`,
      eventKey: `booking:${b.id}:confirmed`,
      data: { bookingId: b.id },
      actionUrl: url,
      email: { template: 'booking-confirmed', actionLabel: 'View booking', attachments, context: { ...common, when: formatWhen(b.startsAt, b.endsAt, view.student.timeZone), otherName: view.mentor.name, forMentor: false, price: formatInr(b.pricePaise) } },
    },
    {
      userId: b.mentorId,
      recipient: view.mentor,
      type: 'booking_confirmed',
      title: `New booking ${b.code}`,
      body: `${view.student.name} booked a session with you: "${b.topic}".`,
      eventKey: `booking:${b.id}:confirmed`,
      data: { bookingId: b.id },
      actionUrl: url,
      email: {
        template: 'booking-confirmed',
        actionLabel: 'View booking',
        attachments,
        context: {
          ...common,
          when: formatWhen(b.startsAt, b.endsAt, view.mentor.timeZone),
          otherName: view.student.name,
          forMentor: true,
          price: formatInr(b.pricePaise),
          commission: formatInr(b.commissionPaise),
          gatewayFee: formatInr(b.gatewayFeePaise),
          share: formatInr(b.mentorSharePaise),
        },
      },
    },
  ]);
}

/** `b` as it is now (cancelled); `paid` says whether an invite was ever sent, so its cancellation goes too. */
export async function notifyCancelled(ctx: BookingContext, tx: Db, b: BookingRow, input: { by: 'student' | 'mentor'; refundPaise: number; people: People; paid: boolean }): Promise<void> {
  const { by, refundPaise, people, paid } = input;
  const url = bookingUrl(ctx, b.id);
  // Only a paid booking was sent an invite; its cancellation takes the event off both calendars.
  const attachments = paid ? [calendarAttachment(ctx.publicUrl, b, people)] : undefined;
  const refundLine = !paid ? 'Nothing was charged.' : refundPaise > 0 ? `${formatInr(refundPaise)} is being refunded to the original payment method.` : 'No refund applies.';
  await notify(tx, [
    {
      userId: b.studentId,
      type: 'booking_cancelled',
      title: `Booking ${b.code} cancelled`,
      body: by === 'student' ? `You cancelled your session with ${people.mentor.name}. ${refundLine}` : `${people.mentor.name} cancelled your session. ${refundLine}`,
      eventKey: `booking:${b.id}:cancelled`,
      data: { bookingId: b.id, refundPaise },
      actionUrl: url,
      recipient: people.student,
      email: { template: 'booking-cancelled', actionLabel: 'View booking', attachments, context: { code: b.code, otherName: people.mentor.name, when: formatWhen(b.startsAt, b.endsAt, people.student.timeZone), refundLine, byYou: by === 'student' } },
    },
    {
      userId: b.mentorId,
      type: 'booking_cancelled',
      title: `Booking ${b.code} cancelled`,
      body:
        by === 'mentor'
          ? `You cancelled your session with ${people.student.name}${refundPaise > 0 ? `; they get ${formatInr(refundPaise)} back` : ''}.`
          : `${people.student.name} cancelled their session with you.`,
      eventKey: `booking:${b.id}:cancelled`,
      data: { bookingId: b.id },
      actionUrl: url,
      recipient: people.mentor,
      email: { template: 'booking-cancelled', actionLabel: 'View booking', attachments, context: { code: b.code, otherName: people.student.name, when: formatWhen(b.startsAt, b.endsAt, people.mentor.timeZone), refundLine: '', byYou: by === 'mentor' } },
    },
  ]);
}

/** Both people hear of the move, each on their own clock, with the updated invite. */
export async function notifyRescheduled(ctx: BookingContext, tx: Db, before: BookingRow, moved: BookingRow, by: 'student' | 'mentor', people: People): Promise<void> {
  const byName = by === 'mentor' ? people.mentor.name : people.student.name;
  const otherId = by === 'mentor' ? moved.studentId : moved.mentorId;
  const attachments = [calendarAttachment(ctx.publicUrl, moved, people)];
  await notify(
    tx,
    [
      { id: moved.studentId, person: people.student },
      { id: moved.mentorId, person: people.mentor },
    ].map(({ id, person }) => ({
      userId: id,
      recipient: person,
      type: 'booking_rescheduled',
      title: `Booking ${moved.code} moved`,
      body: id === otherId ? `${byName} moved your session to a new time.` : 'Your session was moved to the new time.',
      eventKey: `booking:${moved.id}:rescheduled`,
      data: { bookingId: moved.id, startsAt: moved.startsAt.toISOString(), previousStartsAt: before.startsAt.toISOString() },
      actionUrl: bookingUrl(ctx, moved.id),
      email: {
        template: 'booking-rescheduled',
        actionLabel: 'View booking',
        context: {
          code: moved.code,
          when: formatWhen(moved.startsAt, moved.endsAt, person.timeZone),
          previousWhen: formatWhen(before.startsAt, before.endsAt, person.timeZone),
          movedBy: id === otherId ? byName : 'You',
        },
        attachments,
      },
    })),
  );
}

export async function notifyLatePayment(ctx: BookingContext, tx: Db, b: BookingRow): Promise<void> {
  await notify(tx, {
    userId: b.studentId,
    type: 'payment_refunded',
    title: `Your payment for ${b.code} is being refunded`,
    body: `The time was no longer held when your payment of ${formatInr(b.pricePaise)} arrived, so it is being refunded in full.`,
    eventKey: `booking:${b.id}:late_payment`,
    data: { bookingId: b.id },
    actionUrl: bookingUrl(ctx, b.id),
    email: { template: 'payment-refunded', actionLabel: 'View booking', context: { code: b.code, amount: formatInr(b.pricePaise), late: true } },
  });
}

export async function notifyRefundProcessed(ctx: BookingContext, tx: Db, b: Pick<BookingRow, 'id' | 'code' | 'studentId'>, refund: { id: string; amountPaise: number }): Promise<void> {
  await notify(tx, {
    userId: b.studentId,
    type: 'refund_processed',
    title: `Refund of ${formatInr(refund.amountPaise)} processed`,
    body: `Your refund for booking ${b.code} has been processed by the payment gateway.`,
    eventKey: `refund:${refund.id}:processed`,
    data: { bookingId: b.id, refundId: refund.id },
    actionUrl: bookingUrl(ctx, b.id),
    email: { template: 'payment-refunded', actionLabel: 'View booking', context: { code: b.code, amount: formatInr(refund.amountPaise), late: false } },
  });
}

export async function notifyReleased(ctx: BookingContext, tx: Db, b: BookingRow): Promise<void> {
  await notify(tx, {
    userId: b.mentorId,
    type: 'payment_released',
    title: `${formatInr(b.mentorSharePaise)} released to your wallet`,
    body: `Your share for booking ${b.code} is now available in your wallet.`,
    eventKey: `booking:${b.id}:released`,
    data: { bookingId: b.id, amountPaise: b.mentorSharePaise },
    actionUrl: bookingUrl(ctx, b.id),
  });
}
