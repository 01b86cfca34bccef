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

export async function notifyReleased(ctx: BookingContext, tx: Db, rows: BookingRow[]): Promise<void> {
  await notify(
    tx,
    rows.map((b) => ({
      userId: b.mentorId,
      type: 'payment_released',
      title: `${formatInr(b.mentorSharePaise)} released to your wallet`,
      body: `Your share for booking ${b.code} is now available in your wallet.`,
      eventKey: `booking:${b.id}:released`,
      data: { bookingId: b.id, amountPaise: b.mentorSharePaise },
      actionUrl: bookingUrl(ctx, b.id),
    })),
  );
}

/** Both people of each session hear how it ended and what happens to the money (in-app and email, each on their clock). */
export async function notifySettled(ctx: BookingContext, tx: Db, settled: { booking: BookingRow; people: People }[]): Promise<void> {
  await notify(
    tx,
    settled.flatMap(({ booking: b, people }) => {
      const outcome = b.status as 'completed' | 'no_show_mentor' | 'no_show_student';
      const releaseOn = (zone: string) => (b.releaseAt ? formatWhen(b.releaseAt, b.releaseAt, zone).replace(/–.*\(/, ' (') : '');
      const words: Record<typeof outcome, { student: (zone: string) => string; mentor: (zone: string) => string; title: string }> = {
        completed: {
          title: `Session ${b.code} completed`,
          student: (zone) =>
            `Your session with ${people.mentor.name} is complete. Its payment goes to ${people.mentor.name} on ${releaseOn(zone)} unless you report a problem before then; confirming it went well releases it now.`,
          mentor: (zone) => `Your session with ${people.student.name} is complete. Your share of ${formatInr(b.mentorSharePaise)} is released to your wallet on ${releaseOn(zone)} unless the student reports a problem.`,
        },
        no_show_mentor: {
          title: `Session ${b.code}: the mentor did not join`,
          student: () => `${people.mentor.name} did not join your session, so the full ${formatInr(b.pricePaise)} is being refunded to your original payment method.`,
          mentor: () => `You did not join your session with ${people.student.name}, so the student is refunded in full.`,
        },
        no_show_student: {
          title: `Session ${b.code}: the student did not join`,
          student: () => `You were not in your session with ${people.mentor.name} for long enough, so it counts as missed and is not refunded.`,
          mentor: () => `${people.student.name} did not join the session, so your share of ${formatInr(b.mentorSharePaise)} is released to your wallet.`,
        },
      };
      const text = words[outcome];
      const url = bookingUrl(ctx, b.id);
      return [
        { id: b.studentId, person: people.student, message: text.student(people.student.timeZone) },
        { id: b.mentorId, person: people.mentor, message: text.mentor(people.mentor.timeZone) },
      ].map(({ id, person, message }) => ({
        userId: id,
        recipient: person,
        type: 'session_settled',
        title: text.title,
        body: message,
        eventKey: `booking:${b.id}:settled`,
        data: { bookingId: b.id, outcome },
        actionUrl: url,
        email: { template: 'session-settled', actionLabel: 'View booking', context: { message, code: b.code, when: formatWhen(b.startsAt, b.endsAt, person.timeZone) } },
      }));
    }),
  );
}

/** An admin decided a disputed session: both people are told where the money went and why. */
export async function notifyDisputeResolved(
  ctx: BookingContext,
  tx: Db,
  b: BookingRow,
  decision: { outcome: 'release' | 'refund' | 'partial'; refundPaise?: number },
  note: string,
  people: People,
): Promise<void> {
  const refunded = decision.outcome === 'refund' ? b.pricePaise : (decision.refundPaise ?? 0);
  const student = {
    release: `We looked into the problem you reported with your session with ${people.mentor.name}: the payment goes to the mentor.`,
    refund: `We looked into the problem you reported with your session with ${people.mentor.name}: the full ${formatInr(b.pricePaise)} is being refunded.`,
    partial: `We looked into the problem you reported with your session with ${people.mentor.name}: ${formatInr(refunded)} of ${formatInr(b.pricePaise)} is being refunded.`,
  }[decision.outcome];
  const mentor = {
    release: `The dispute about your session with ${people.student.name} is resolved: your share is released to your wallet.`,
    refund: `The dispute about your session with ${people.student.name} is resolved: the student is refunded in full.`,
    partial: `The dispute about your session with ${people.student.name} is resolved: ${formatInr(refunded)} is refunded to the student and the rest is split as usual.`,
  }[decision.outcome];
  const title = `Session ${b.code}: dispute resolved`;
  const url = bookingUrl(ctx, b.id);
  await notify(
    tx,
    [
      { id: b.studentId, person: people.student, message: `${student} Note from Mentor Connect: ${note}` },
      { id: b.mentorId, person: people.mentor, message: `${mentor} Note from Mentor Connect: ${note}` },
    ].map(({ id, person, message }) => ({
      userId: id,
      recipient: person,
      type: 'dispute_resolved',
      title,
      body: message,
      eventKey: `booking:${b.id}:dispute-resolved`,
      data: { bookingId: b.id, outcome: decision.outcome },
      actionUrl: url,
      email: { template: 'session-settled', actionLabel: 'View booking', context: { message, code: b.code, when: formatWhen(b.startsAt, b.endsAt, person.timeZone) } },
    })),
  );
}
