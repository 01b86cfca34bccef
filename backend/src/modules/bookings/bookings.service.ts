import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { inTransaction } from '../../db/transaction.js';
import { clock } from '../../lib/clock.js';
import { PG_UNIQUE_VIOLATION, pgErrorCode } from '../../lib/db-errors.js';
import { AppError, conflict, invalidField, notFound } from '../../lib/errors.js';
import { publish } from '../../lib/events.js';
import { splitPayment } from '../../lib/money.js';
import { assertBookable, availabilityChanged, cancelSlot, getBookableSlot, holdTime, moveHeldTime, takeSeat, translateOccupancyConflict } from '../availability/availability.service.js';
import { getMentorPrices, recordMentorCancellation, recordSessionConfirmed } from '../mentors/mentors.service.js';
import { checkoutOf, isPaid, openOrder, paymentOfBooking, paymentRecords, verifyCheckout } from '../payments/payments.service.js';
import type { PaymentRow } from '../payments/payments.context.js';
import { userCards } from '../users/users.service.js';
import { calendarText } from './bookings.calendar.js';
import { splitRates, type BookingContext } from './bookings.context.js';
import { freeTime } from './bookings.jobs.js';
import { notifyCancelled, notifyRescheduled, type People } from './bookings.notifications.js';
import { refundEscrow } from './bookings.payments.js';
import { bookingCode, canCancel, canReschedule, cancellationQuote, rescheduleTarget, type Decision } from './bookings.policy.js';
import { getBooking, loadBookingView, participantView, toBookingDto, type BookingDto, type BookingView } from './bookings.queries.js';
import { bookings } from './bookings.tables.js';
import { cancel, createHeld, expire, lockBooking, reschedule, type BookingRow } from './bookings.transitions.js';

/**
 * The booking flows, top-down: create (hold the time, open the order), verify the checkout, cancel (refund by
 * the policy), reschedule. Each step is a named function; reads are in bookings.queries.ts, words in
 * bookings.notifications.ts, money in bookings.payments.ts, and every change of a row in bookings.transitions.ts.
 */

export type CreateBookingInput =
  | { mentorSlug: string; startsAt: Date; durationMinutes: number; topic: string; agenda: string }
  | { slotId: string; topic: string; agenda: string };

const refuse = (decision: Decision) => {
  if (!decision.ok) throw conflict(decision.code, decision.message);
};

// ---- creating a booking ---------------------------------------------------------------------------------

interface Planned {
  mentorId: string;
  kind: BookingRow['kind'];
  slotId: string | null;
  startsAt: Date;
  endsAt: Date;
  pricePaise: number;
  buffers: { bufferBeforeMinutes: number; bufferAfterMinutes: number } | null;
}

function priceFor(prices: { price30Paise: number; price60Paise: number }, durationMinutes: number): number {
  if (durationMinutes === 30) return prices.price30Paise;
  if (durationMinutes === 60) return prices.price60Paise;
  throw invalidField('durationMinutes', 'Sessions are 30 or 60 minutes long');
}

/** Works out who, when and how much — from our own data only; nothing the client says about price counts. */
async function plan(ctx: BookingContext, studentId: string, input: CreateBookingInput, now: Date): Promise<Planned> {
  if ('slotId' in input) {
    const slot = await getBookableSlot(ctx.db, input.slotId);
    if (slot.mentorId === studentId) throw invalidField('slotId', 'You cannot book your own session');
    if (!slot.acceptingBookings) throw conflict('mentor_not_accepting', 'This mentor is not accepting bookings right now');
    return { mentorId: slot.mentorId, kind: slot.capacity > 1 ? 'group' : 'one_to_one', slotId: slot.id, startsAt: slot.startsAt, endsAt: slot.endsAt, pricePaise: slot.pricePaise, buffers: null };
  }
  // The price and the free time are read side by side; the checks below keep their order.
  const [mentor, bookable] = await Promise.all([
    getMentorPrices(ctx.db, input.mentorSlug),
    assertBookable(ctx.db, input.mentorSlug, { startsAt: input.startsAt, durationMinutes: input.durationMinutes, now }).then(
      (found) => ({ found }),
      (error: unknown) => ({ error }),
    ),
  ]);
  if (!mentor) throw notFound('Mentor');
  if (mentor.userId === studentId) throw invalidField('mentorSlug', 'You cannot book yourself');
  const pricePaise = priceFor(mentor, input.durationMinutes);
  if ('error' in bookable) throw bookable.error;
  const { found } = bookable;
  const endsAt = new Date(input.startsAt.getTime() + input.durationMinutes * 60_000);
  return { mentorId: found.mentorId, kind: 'one_to_one', slotId: null, startsAt: input.startsAt, endsAt, pricePaise, buffers: { bufferBeforeMinutes: found.bufferBeforeMinutes, bufferAfterMinutes: found.bufferAfterMinutes } };
}

/** Inserts the booking and holds its time (or seat) in one transaction; a taken time is 409 `slot_unavailable`. */
async function insertHeldBooking(ctx: BookingContext, studentId: string, input: CreateBookingInput, p: Planned, now: Date): Promise<BookingRow> {
  const split = splitPayment(p.pricePaise, splitRates(ctx.policy));
  for (let attempt = 0; ; attempt++) {
    try {
      return await translateOccupancyConflict(ctx.db, () =>
        inTransaction(ctx.db, async (tx) => {
          if (p.slotId) await takeSeat(tx, p.slotId, now);
          const row = await createHeld(tx, {
            code: bookingCode(now),
            mentorId: p.mentorId,
            studentId,
            kind: p.kind,
            slotId: p.slotId,
            startsAt: p.startsAt,
            endsAt: p.endsAt,
            earliestStartsAt: p.startsAt,
            topic: input.topic,
            agenda: input.agenda,
            pricePaise: p.pricePaise,
            commissionPaise: split.commissionPaise,
            gatewayFeePaise: split.gatewayFeePaise,
            mentorSharePaise: split.mentorSharePaise,
            holdExpiresAt: new Date(now.getTime() + ctx.policy.holdMinutes * 60_000),
            createdAt: now,
            updatedAt: now,
          });
          if (p.buffers) await holdTime(tx, { mentorId: p.mentorId, bookingId: row.id, startsAt: p.startsAt, endsAt: p.endsAt, ...p.buffers });
          return row;
        }),
      );
    } catch (error) {
      if (pgErrorCode(error) !== PG_UNIQUE_VIOLATION) throw error;
      const detail = String((error as { cause?: { constraint?: string } }).cause?.constraint ?? (error as { constraint?: string }).constraint ?? '');
      if (detail.includes('one_seat_per_student')) throw conflict('already_booked', 'You already have a seat in this session');
      // A booking code collided (four random characters per day): draw another.
      if (attempt >= 4) throw error;
    }
  }
}

/** Undo of the hold when the order could not be opened: the booking expires and its time is free at once. */
async function abandonHold(ctx: BookingContext, bookingId: string, now: Date): Promise<void> {
  await inTransaction(ctx.db, async (tx) => {
    const b = await lockBooking(tx, bookingId);
    if (!b || b.status !== 'pending_payment') return;
    await expire(tx, b, 'gateway_unavailable', now);
    await freeTime(tx, b);
  });
  availabilityChanged(ctx.db);
}

function checkoutFor(ctx: BookingContext, view: BookingView, payment: Pick<PaymentRow, 'gatewayOrderId' | 'amountPaise'>) {
  const name = 'Mentor Connect';
  return { ...checkoutOf(ctx.payments, payment), name, description: `${view.booking.code} · ${view.mentor.name}`, prefill: { name: view.student.name, email: view.student.email } };
}

/**
 * Books a time (or a seat) and opens a gateway order for it. The time is held for `holdMinutes` while the
 * student pays; the order is opened after the hold commits, so racers for a taken time never reach the gateway.
 */
export async function createBooking(ctx: BookingContext, studentId: string, input: CreateBookingInput, now = clock.now()) {
  const planned = await plan(ctx, studentId, input, now);
  const row = await insertHeldBooking(ctx, studentId, input, planned, now);
  let payment: PaymentRow;
  try {
    payment = await openOrder(ctx.payments, { bookingId: row.id, studentId, amountPaise: row.pricePaise, receipt: row.code, notes: { booking_id: row.id, booking_code: row.code }, now });
  } catch (error) {
    ctx.logger.error({ err: error, bookingId: row.id }, 'could not create the gateway order');
    await abandonHold(ctx, row.id, now);
    throw new AppError('gateway_unavailable', 'The payment service is not answering; please try again in a minute', 503);
  }
  const view = (await loadBookingView(ctx.db, row.id))!;
  return { booking: toBookingDto(view, studentId, ctx.policy, now), checkout: checkoutFor(ctx, view, payment) };
}

/** Opens checkout again for a booking still waiting for payment. */
export async function resumeCheckout(ctx: BookingContext, userId: string, bookingId: string, now = clock.now()) {
  const view = await participantView(ctx.db, userId, bookingId);
  if (view.booking.studentId !== userId) throw notFound('Booking');
  const payment = view.payment && (await paymentOfBooking(ctx.db, bookingId));
  if (view.booking.status !== 'pending_payment' || view.booking.holdExpiresAt.getTime() <= now.getTime() || !payment) {
    throw conflict('not_payable', 'This booking is no longer waiting for payment');
  }
  return { booking: toBookingDto(view, userId, ctx.policy, now), checkout: checkoutFor(ctx, view, payment) };
}

/** The checkout's result: payments verifies and confirms; the answer is the booking as it now stands. */
export async function verifyBookingPayment(ctx: BookingContext, userId: string, input: Parameters<typeof verifyCheckout>[2], now = clock.now()): Promise<BookingDto> {
  const { bookingId, confirmed } = await verifyCheckout(ctx.payments, userId, input, now);
  // Bookings' capture reaction returns the booking view it loaded inside the capture's transaction.
  if (confirmed) return toBookingDto(confirmed as BookingView, userId, ctx.policy, now);
  return getBooking(ctx, userId, bookingId, now);
}

// ---- cancelling -----------------------------------------------------------------------------------------

export async function getCancellationQuote(ctx: BookingContext, userId: string, bookingId: string, now = clock.now()) {
  const b = (await participantView(ctx.db, userId, bookingId)).booking;
  const by = userId === b.mentorId ? 'mentor' : 'student';
  refuse(canCancel(b, by, now));
  if (b.status === 'pending_payment') return { refundPaise: 0, percent: 0, reason: 'Nothing has been paid yet; cancelling releases the held time.' };
  return cancellationQuote(ctx.policy, { pricePaise: b.pricePaise, measuredFrom: b.earliestStartsAt, now, by });
}

/**
 * The seats a cancellation ends, locked, each with its payment and student: the booking itself, or — a mentor
 * calling off a group session — every seat, paid or still being paid for (one statement for up to 20).
 */
function seatsToCancel(tx: Db, b: BookingRow, by: 'student' | 'mentor') {
  return tx
    .select({ booking: bookings, payment: { id: paymentRecords.id, status: paymentRecords.status }, student: { name: userCards.name, email: userCards.email, timeZone: userCards.timeZone } })
    .from(bookings)
    .innerJoin(userCards, eq(userCards.id, bookings.studentId))
    .leftJoin(paymentRecords, eq(paymentRecords.bookingId, bookings.id))
    .where(by === 'mentor' && b.kind === 'group' && b.slotId ? and(eq(bookings.slotId, b.slotId), inArray(bookings.status, ['confirmed', 'pending_payment'])) : eq(bookings.id, b.id))
    .orderBy(bookings.id)
    .for('update', { of: bookings });
}

/**
 * Cancels a booking. Waiting for payment: the hold is released, no money moved. Confirmed: the refund follows
 * the policy (a mentor cancelling refunds in full — for a group session, every participant, and the session
 * is called off; seats still being paid for are released, and a payment arriving for one later is refunded).
 */
export async function cancelBooking(ctx: BookingContext, userId: string, bookingId: string, reason: string | null, now = clock.now()): Promise<BookingDto> {
  const view = await participantView(ctx.db, userId, bookingId);
  const by = userId === view.booking.mentorId ? ('mentor' as const) : ('student' as const);
  await inTransaction(ctx.db, async (tx) => {
    const b = (await lockBooking(tx, bookingId))!;
    refuse(canCancel(b, by, now));
    if (b.status === 'pending_payment') {
      await cancel(tx, b, { by, reason: reason ?? 'payment_abandoned' }, now);
      await freeTime(tx, b);
      return;
    }
    for (const { booking: target, payment, student } of await seatsToCancel(tx, b, by)) {
      const people: People = { mentor: view.mentor, student };
      const cancelled = await cancel(tx, target, { by, reason }, now);
      await freeTime(tx, target);
      publish(tx, { type: 'booking.cancelled', bookingId: target.id, by });
      if (target.status === 'pending_payment') {
        await notifyCancelled(ctx, tx, cancelled, { by, refundPaise: 0, people, paid: false });
        continue;
      }
      const quote = cancellationQuote(ctx.policy, { pricePaise: target.pricePaise, measuredFrom: target.earliestStartsAt, now, by });
      const refunding = payment !== null && isPaid(payment.status) && target.settlement === 'held';
      if (refunding) await refundEscrow(ctx, tx, cancelled, payment.id, quote, now);
      await notifyCancelled(ctx, tx, cancelled, { by, refundPaise: refunding ? quote.refundPaise : 0, people, paid: true });
    }
    if (by === 'mentor') {
      if (b.kind === 'group' && b.slotId) await cancelSlot(tx, b.slotId);
      await recordMentorCancellation(tx, b.mentorId);
    } else if (b.status === 'confirmed') {
      await recordSessionConfirmed(tx, b.mentorId);
    }
  });
  availabilityChanged(ctx.db);
  return getBooking(ctx, userId, bookingId, now);
}

// ---- rescheduling ---------------------------------------------------------------------------------------

/** Moves a confirmed 1-to-1 booking once, to another free time of its mentor more than the notice ahead. */
export async function rescheduleBooking(ctx: BookingContext, userId: string, bookingId: string, startsAt: Date, now = clock.now()): Promise<BookingDto> {
  const view = await participantView(ctx.db, userId, bookingId);
  const b = view.booking;
  refuse(canReschedule(ctx.policy, b, now));
  const target = rescheduleTarget(ctx.policy, b, startsAt, now);
  if (!target.ok) throw invalidField('startsAt', target.message);
  const durationMinutes = Math.round((b.endsAt.getTime() - b.startsAt.getTime()) / 60_000);
  await assertBookable(ctx.db, view.mentorSlug, { startsAt, durationMinutes, now, ignoreSourceId: b.id, minNoticeMinutes: ctx.policy.rescheduleMinNoticeHours * 60 });
  const endsAt = new Date(startsAt.getTime() + durationMinutes * 60_000);
  const by = userId === b.mentorId ? 'mentor' : 'student';
  await translateOccupancyConflict(ctx.db, () =>
    inTransaction(ctx.db, async (tx) => {
      const locked = (await lockBooking(tx, bookingId))!;
      refuse(canReschedule(ctx.policy, locked, now));
      const moved = await reschedule(tx, locked, { startsAt, endsAt }, now);
      await moveHeldTime(tx, { bookingId, mentorId: locked.mentorId, startsAt, endsAt });
      await notifyRescheduled(ctx, tx, locked, moved, by, { mentor: view.mentor, student: view.student });
      publish(tx, { type: 'booking.rescheduled', bookingId });
    }),
  );
  return getBooking(ctx, userId, bookingId, now);
}

// ---- calendar -------------------------------------------------------------------------------------------

export async function bookingIcs(ctx: BookingContext, userId: string, bookingId: string): Promise<{ filename: string; content: string }> {
  const view = await participantView(ctx.db, userId, bookingId);
  if (view.booking.status === 'pending_payment' || view.booking.status === 'expired') throw conflict('not_confirmed', 'The booking is not confirmed yet');
  return { filename: `${view.booking.code}.ics`, content: calendarText(ctx.publicUrl, view.booking, view) };
}

// ---- sessions ---------------------------------------------------------------------------------------------

/** What the sessions module uses: who may join, that a session started, settling it, releasing its money. */
export { confirmCompletion, holdForDispute, resolveDisputedBooking, type DisputeDecision, lockSessionsToSettle, markSessionStarted, runReleaseDue, sessionOf, settleSessions, type SessionFacts } from './bookings.settlement.js';
export { canJoin, joinWindow, sessionOutcome, settlesAt, type SessionOutcome } from './bookings.policy.js';
export type { BookingContext } from './bookings.context.js';
export type { BookingRow } from './bookings.transitions.js';

// ---- reminders --------------------------------------------------------------------------------------------

/** What the reminders module reads: seats of sessions about to start, and which still take place (locked). */
export { lockSeatsTakingPlace, seatsStartingWithin, type StartRange, type UpcomingSeat } from './bookings.upcoming.js';
export { formatWhen } from './bookings.calendar.js';
