import { and, asc, desc, eq, gt, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.js';
import { inTransaction } from '../../db/transaction.js';
import { PG_UNIQUE_VIOLATION, pgErrorCode } from '../../lib/db-errors.js';
import { AppError, conflict, invalidField, notFound } from '../../lib/errors.js';
import { formatInr, splitPayment } from '../../lib/money.js';
import { offsetOf } from '../../lib/pagination.js';
import {
  assertBookable,
  availabilityChanged,
  cancelSlot,
  getBookableSlot,
  holdTime,
  moveHeldTime,
  releaseHeldTime,
  releaseSeat,
  takeSeat,
  translateOccupancyConflict,
} from '../availability/availability.service.js';
import { mentorDirectory, recordMentorCancellation } from '../mentors/mentors.service.js';
import { notify } from '../notifications/notifications.service.js';
import { userDirectory } from '../users/users.service.js';
import { bookings } from './bookings.tables.js';
import { bookingCalendar, formatWhen } from './calendar.js';
import { splitRates, type BookingContext } from './context.js';
import { postRefundFromEscrow, postRelease, type BookingMoney } from './ledger-postings.js';
import { payments, refunds } from './payments.tables.js';
import { bookingCode, cancellationQuote } from './policy.js';
import { clock } from '../../lib/clock.js';

export type BookingRow = typeof bookings.$inferSelect;
type PaymentRow = typeof payments.$inferSelect;
type RefundRow = typeof refunds.$inferSelect;

export type CreateBookingInput =
  | { mentorSlug: string; startsAt: Date; durationMinutes: number; topic: string; agenda: string }
  | { slotId: string; topic: string; agenda: string };

const mentorUser = alias(userDirectory, 'mentor_user');
const studentUser = alias(userDirectory, 'student_user');

const ACTIVE: BookingRow['status'][] = ['pending_payment', 'confirmed', 'in_progress'];

/** A booking with the people, slot, payment and refund it shows, in one statement. */
function bookingViewQuery(db: Db) {
  return db
    .select({
      booking: bookings,
      mentor: { id: mentorUser.id, name: mentorUser.name, email: mentorUser.email, avatarUrl: mentorUser.avatarUrl, timeZone: mentorUser.timeZone },
      mentorSlug: mentorDirectory.slug,
      mentorTimeZone: mentorDirectory.timeZone,
      student: { id: studentUser.id, name: studentUser.name, email: studentUser.email, timeZone: studentUser.timeZone },
      slot: sql<{ id: string; title: string; capacity: number } | null>`(select json_build_object('id', s.id, 'title', s.title, 'capacity', s.capacity) from slots s where s.id = ${bookings.slotId})`,
      payment: payments,
      refund: refunds,
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(bookings)
    .innerJoin(mentorUser, eq(mentorUser.id, bookings.mentorId))
    .innerJoin(studentUser, eq(studentUser.id, bookings.studentId))
    .innerJoin(mentorDirectory, eq(mentorDirectory.userId, bookings.mentorId))
    .leftJoin(payments, eq(payments.bookingId, bookings.id))
    .leftJoin(refunds, eq(refunds.bookingId, bookings.id));
}

type BookingView = Awaited<ReturnType<ReturnType<typeof bookingViewQuery>['execute']>>[number];

const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;

export function toBookingDto(view: BookingView, viewerId: string, policy: BookingContext['policy'], now = clock.now()) {
  const b = view.booking;
  const viewerRole = viewerId === b.mentorId ? ('mentor' as const) : ('student' as const);
  const started = b.startsAt.getTime() <= now.getTime();
  return {
    id: b.id,
    code: b.code,
    kind: b.kind,
    status: b.status,
    settlement: b.settlement,
    viewerRole,
    mentor: { id: view.mentor.id, name: view.mentor.name, slug: view.mentorSlug, avatarUrl: view.mentor.avatarUrl, timeZone: view.mentorTimeZone },
    student: { id: view.student.id, name: view.student.name },
    slot: view.slot,
    startsAt: b.startsAt.toISOString(),
    endsAt: b.endsAt.toISOString(),
    durationMinutes: Math.round((b.endsAt.getTime() - b.startsAt.getTime()) / 60_000),
    topic: b.topic,
    agenda: b.agenda,
    pricePaise: b.pricePaise,
    breakdown:
      viewerRole === 'mentor'
        ? { pricePaise: b.pricePaise, commissionPaise: b.commissionPaise, gatewayFeePaise: b.gatewayFeePaise, mentorSharePaise: b.mentorSharePaise }
        : null,
    holdExpiresAt: b.status === 'pending_payment' ? b.holdExpiresAt.toISOString() : null,
    rescheduleCount: b.rescheduleCount,
    previousStartsAt: iso(b.previousStartsAt),
    refundMeasuredFrom: b.earliestStartsAt.toISOString(),
    cancellation: b.cancelledAt ? { by: b.cancelledBy, reason: b.cancelReason, at: b.cancelledAt.toISOString() } : null,
    refund: view.refund ? { amountPaise: view.refund.amountPaise, percent: view.refund.percent, status: view.refund.status, processedAt: iso(view.refund.processedAt) } : null,
    payment: view.payment ? { id: view.payment.id, status: view.payment.status, amountPaise: view.payment.amountPaise } : null,
    actions: {
      pay: viewerRole === 'student' && b.status === 'pending_payment' && b.holdExpiresAt.getTime() > now.getTime(),
      cancel: (b.status === 'pending_payment' && viewerRole === 'student') || (b.status === 'confirmed' && b.settlement === 'held' && !started),
      reschedule:
        b.status === 'confirmed' &&
        b.rescheduleCount === 0 &&
        b.slotId === null &&
        b.startsAt.getTime() > now.getTime() + policy.rescheduleMinNoticeHours * 3_600_000,
    },
    createdAt: b.createdAt.toISOString(),
  };
}

export type BookingDto = ReturnType<typeof toBookingDto>;

async function loadView(db: Db, bookingId: string): Promise<BookingView | undefined> {
  const [view] = await bookingViewQuery(db).where(eq(bookings.id, bookingId));
  return view;
}

/** A participant's booking; anyone else gets 404, never 403. */
async function participantView(db: Db, userId: string, bookingId: string): Promise<BookingView> {
  const view = await loadView(db, bookingId);
  if (!view || (view.booking.studentId !== userId && view.booking.mentorId !== userId)) throw notFound('Booking');
  return view;
}

export async function getBooking(ctx: BookingContext, userId: string, bookingId: string, now = clock.now()): Promise<BookingDto> {
  return toBookingDto(await participantView(ctx.db, userId, bookingId), userId, ctx.policy, now);
}

export interface ListBookingsQuery {
  role: 'student' | 'mentor';
  status: 'upcoming' | 'past' | 'cancelled' | 'all';
  page: number;
  limit: number;
}

export async function listBookings(ctx: BookingContext, userId: string, query: ListBookingsQuery, now = clock.now()) {
  const mine = query.role === 'mentor' ? eq(bookings.mentorId, userId) : eq(bookings.studentId, userId);
  const nowSql = sql`${now.toISOString()}::timestamptz`;
  const filters: Record<ListBookingsQuery['status'], SQL | undefined> = {
    upcoming: and(inArray(bookings.status, ACTIVE), gt(bookings.endsAt, nowSql)),
    past: or(inArray(bookings.status, ['completed', 'no_show_mentor', 'no_show_student']), and(inArray(bookings.status, ['confirmed', 'in_progress']), lte(bookings.endsAt, nowSql))),
    cancelled: inArray(bookings.status, ['cancelled', 'expired']),
    all: undefined,
  };
  const rows = await bookingViewQuery(ctx.db)
    .where(and(mine, filters[query.status]))
    .orderBy(query.status === 'upcoming' ? asc(bookings.startsAt) : desc(bookings.startsAt), desc(bookings.id))
    .limit(query.limit)
    .offset(offsetOf(query.page, query.limit));
  return { items: rows.map((r) => toBookingDto(r, userId, ctx.policy, now)), page: query.page, limit: query.limit, total: rows[0]?.total ?? 0 };
}

// ---- creating a booking ---------------------------------------------------------------------------------

function priceFor(prices: { price30Paise: number; price60Paise: number }, durationMinutes: number): number {
  if (durationMinutes === 30) return prices.price30Paise;
  if (durationMinutes === 60) return prices.price60Paise;
  throw invalidField('durationMinutes', 'Sessions are 30 or 60 minutes long');
}

interface Planned {
  mentorId: string;
  kind: BookingRow['kind'];
  slotId: string | null;
  startsAt: Date;
  endsAt: Date;
  pricePaise: number;
  buffers: { bufferBeforeMinutes: number; bufferAfterMinutes: number } | null;
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
  const [[mentor], bookable] = await Promise.all([
    ctx.db
      .select({ userId: mentorDirectory.userId, price30Paise: mentorDirectory.price30Paise, price60Paise: mentorDirectory.price60Paise })
      .from(mentorDirectory)
      .where(eq(mentorDirectory.slug, input.mentorSlug)),
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
  return {
    mentorId: found.mentorId,
    kind: 'one_to_one',
    slotId: null,
    startsAt: input.startsAt,
    endsAt: new Date(input.startsAt.getTime() + input.durationMinutes * 60_000),
    pricePaise,
    buffers: { bufferBeforeMinutes: found.bufferBeforeMinutes, bufferAfterMinutes: found.bufferAfterMinutes },
  };
}

/** Inserts the booking and holds its time (or seat) in one transaction; a taken time is 409 `slot_unavailable`. */
async function insertHeldBooking(ctx: BookingContext, studentId: string, input: CreateBookingInput, p: Planned, now: Date): Promise<BookingRow> {
  const split = splitPayment(p.pricePaise, splitRates(ctx.policy));
  for (let attempt = 0; ; attempt++) {
    try {
      return await translateOccupancyConflict(ctx.db, () =>
        inTransaction(ctx.db, async (tx) => {
          if (p.slotId) await takeSeat(tx, p.slotId, now);
          const [row] = await tx
            .insert(bookings)
            .values({
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
            })
            .returning();
          if (p.buffers) await holdTime(tx, { mentorId: p.mentorId, bookingId: row!.id, startsAt: p.startsAt, endsAt: p.endsAt, ...p.buffers });
          return row!;
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

export interface Checkout {
  provider: 'razorpay' | 'sandbox';
  keyId: string;
  orderId: string;
  amountPaise: number;
  currency: 'INR';
  name: string;
  description: string;
  prefill: { name: string; email: string };
}

async function checkoutFor(ctx: BookingContext, view: BookingView, payment: PaymentRow): Promise<Checkout> {
  return {
    provider: ctx.gateway.provider,
    keyId: ctx.gateway.keyId,
    orderId: payment.gatewayOrderId,
    amountPaise: payment.amountPaise,
    currency: 'INR',
    name: 'Mentor Connect',
    description: `${view.booking.code} · ${view.mentor.name}`,
    prefill: { name: view.student.name, email: view.student.email },
  };
}

/** Expires a booking whose order could not be created, so its time is free again at once. */
async function abandonHold(ctx: BookingContext, bookingId: string, reason: string, now: Date): Promise<void> {
  await inTransaction(ctx.db, async (tx) => {
    const [b] = await tx.select().from(bookings).where(eq(bookings.id, bookingId)).for('update');
    if (!b || b.status !== 'pending_payment') return;
    await tx.update(bookings).set({ status: 'expired', cancelledBy: 'system', cancelReason: reason, cancelledAt: now, updatedAt: now }).where(eq(bookings.id, bookingId));
    await freeTime(tx, b);
  });
  availabilityChanged(ctx.db);
}

/**
 * Books a time (or a seat) and opens a gateway order for it. The time is held for `holdMinutes` while the
 * student pays; the order is created after the hold commits, so racers for a taken time never reach the gateway.
 */
export async function createBooking(ctx: BookingContext, studentId: string, input: CreateBookingInput, now = clock.now()) {
  const planned = await plan(ctx, studentId, input, now);
  const row = await insertHeldBooking(ctx, studentId, input, planned, now);
  let orderId: string;
  try {
    const order = await createOrderWithRetry(ctx, row);
    orderId = order.id;
  } catch (error) {
    ctx.logger.error({ err: error, bookingId: row.id }, 'could not create the gateway order');
    await abandonHold(ctx, row.id, 'gateway_unavailable', now);
    throw new AppError('gateway_unavailable', 'The payment service is not answering; please try again in a minute', 503);
  }
  const [payment] = await ctx.db
    .insert(payments)
    .values({
      bookingId: row.id,
      studentId,
      provider: ctx.gateway.provider,
      gatewayOrderId: orderId,
      autoCapture: true,
      amountPaise: row.pricePaise,
      nextCheckAt: new Date(now.getTime() + ctx.policy.reconcileAfterMinutes * 60_000),
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  const view = (await loadView(ctx.db, row.id))!;
  return { booking: toBookingDto(view, studentId, ctx.policy, now), checkout: await checkoutFor(ctx, view, payment!) };
}

async function createOrderWithRetry(ctx: BookingContext, row: BookingRow) {
  const input = { amountPaise: row.pricePaise, receipt: row.code, notes: { booking_id: row.id, booking_code: row.code }, capture: 'automatic' as const };
  try {
    return await ctx.gateway.createOrder(input);
  } catch (error) {
    // No answer: try once more. A second order for the same booking is harmless — only the stored one is paid.
    if ((error as { outcomeUnknown?: boolean }).outcomeUnknown) return ctx.gateway.createOrder(input);
    throw error;
  }
}

/** Opens checkout again for a booking still waiting for payment. */
export async function resumeCheckout(ctx: BookingContext, userId: string, bookingId: string, now = clock.now()) {
  const view = await participantView(ctx.db, userId, bookingId);
  if (view.booking.studentId !== userId) throw notFound('Booking');
  if (view.booking.status !== 'pending_payment' || view.booking.holdExpiresAt.getTime() <= now.getTime() || !view.payment) {
    throw conflict('not_payable', 'This booking is no longer waiting for payment');
  }
  return { booking: toBookingDto(view, userId, ctx.policy, now), checkout: await checkoutFor(ctx, view, view.payment) };
}

// ---- cancelling -----------------------------------------------------------------------------------------

/** Gives back what a booking occupied: its seat in a slot, or its held time. */
export async function freeTime(tx: Db, b: Pick<BookingRow, 'id' | 'slotId'>): Promise<void> {
  if (b.slotId) await releaseSeat(tx, b.slotId);
  else await releaseHeldTime(tx, b.id);
}

export const moneyOf = (b: BookingRow): BookingMoney => ({
  id: b.id,
  mentorId: b.mentorId,
  pricePaise: b.pricePaise,
  commissionPaise: b.commissionPaise,
  gatewayFeePaise: b.gatewayFeePaise,
  mentorSharePaise: b.mentorSharePaise,
});

async function lockBooking(tx: Db, bookingId: string): Promise<BookingRow | undefined> {
  const [b] = await tx.select().from(bookings).where(eq(bookings.id, bookingId)).for('update');
  return b;
}

/** A payment whose money reached us (and may have gone back in part or whole). */
export const PAID_STATUSES: PaymentRow['status'][] = ['captured', 'refunded', 'partially_refunded'];

export async function getCancellationQuote(ctx: BookingContext, userId: string, bookingId: string, now = clock.now()) {
  const view = await participantView(ctx.db, userId, bookingId);
  const b = view.booking;
  if (b.status === 'pending_payment') return { refundPaise: 0, percent: 0, reason: 'Nothing has been paid yet; cancelling releases the held time.' };
  if (b.status !== 'confirmed' || b.startsAt.getTime() <= now.getTime() || b.settlement !== 'held') throw conflict('not_cancellable', 'This booking can no longer be cancelled');
  return cancellationQuote(ctx.policy, { pricePaise: b.pricePaise, measuredFrom: b.earliestStartsAt, now, by: userId === b.mentorId ? 'mentor' : 'student' });
}

/**
 * Refunds (part of) a captured booking inside the caller's transaction: ledger movements out of escrow and
 * a refund row that the refund worker sends to the gateway. With nothing to refund the escrow is released.
 */
export async function refundInTransaction(
  ctx: BookingContext,
  tx: Db,
  b: BookingRow,
  payment: PaymentRow,
  quote: { refundPaise: number; percent: number; reason: string },
  now: Date,
): Promise<RefundRow | undefined> {
  if (quote.refundPaise <= 0) {
    await postRelease(tx, moneyOf(b), now);
    await tx.update(bookings).set({ settlement: 'released', updatedAt: now }).where(eq(bookings.id, b.id));
    return undefined;
  }
  await postRefundFromEscrow(tx, moneyOf(b), quote.refundPaise, splitRates(ctx.policy), now);
  const [refund] = await tx
    .insert(refunds)
    .values({ paymentId: payment.id, bookingId: b.id, amountPaise: quote.refundPaise, percent: quote.percent, reason: quote.reason, createdAt: now, nextAttemptAt: now })
    .onConflictDoNothing()
    .returning();
  await tx
    .update(bookings)
    .set({ settlement: quote.refundPaise === b.pricePaise ? 'refunded' : 'partially_refunded', updatedAt: now })
    .where(eq(bookings.id, b.id));
  return refund;
}

interface People {
  mentor: { name: string; email: string; timeZone: string };
  student: { name: string; email: string; timeZone: string };
}

async function notifyCancelled(ctx: BookingContext, tx: Db, b: BookingRow, by: 'student' | 'mentor', refundPaise: number, people: People, paid = true) {
  const url = `${ctx.publicUrl}/bookings/${b.id}`;
  // Only a paid booking was sent an invite; its cancellation takes the event off both calendars.
  const attachments = paid ? [calendarAttachment(ctx, { ...b, status: 'cancelled' }, people)] : undefined;
  const refundLine = !paid ? 'Nothing was charged.' : refundPaise > 0 ? `${formatInr(refundPaise)} is being refunded to the original payment method.` : 'No refund applies.';
  await notify(tx, {
    userId: b.studentId,
    type: 'booking_cancelled',
    title: `Booking ${b.code} cancelled`,
    body: by === 'student' ? `You cancelled your session with ${people.mentor.name}. ${refundLine}` : `${people.mentor.name} cancelled your session. ${refundLine}`,
    eventKey: `booking:${b.id}:cancelled`,
    data: { bookingId: b.id, refundPaise },
    actionUrl: url,
    recipient: people.student,
    email: { template: 'booking-cancelled', actionLabel: 'View booking', attachments, context: { code: b.code, otherName: people.mentor.name, when: formatWhen(b.startsAt, b.endsAt, people.student.timeZone), refundLine, byYou: by === 'student' } },
  });
  await notify(tx, {
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
  });
}

/**
 * Cancels a booking. Waiting for payment: the hold is released, no money moved. Confirmed: the refund follows
 * the policy (a mentor cancelling refunds in full — for a group session, every participant, and the session
 * is called off).
 */
export async function cancelBooking(ctx: BookingContext, userId: string, bookingId: string, reason: string | null, now = clock.now()): Promise<BookingDto> {
  const view = await participantView(ctx.db, userId, bookingId);
  const by = userId === view.booking.mentorId ? ('mentor' as const) : ('student' as const);
  const people: People = { mentor: view.mentor, student: view.student };
  await inTransaction(ctx.db, async (tx) => {
    const b = (await lockBooking(tx, bookingId))!;
    if (b.status === 'pending_payment') {
      if (by !== 'student') throw conflict('not_cancellable', 'The student has not paid yet; the hold expires on its own');
      await tx.update(bookings).set({ status: 'cancelled', cancelledBy: 'student', cancelReason: reason ?? 'payment_abandoned', cancelledAt: now, updatedAt: now }).where(eq(bookings.id, b.id));
      await freeTime(tx, b);
      return;
    }
    if (b.status !== 'confirmed' || b.startsAt.getTime() <= now.getTime() || b.settlement !== 'held') {
      throw conflict('not_cancellable', 'This booking can no longer be cancelled');
    }
    // A mentor calling off a group session cancels every seat: paid ones are refunded in full, seats still
    // being paid for are released (a payment arriving for one later is refunded as lapsed).
    // One statement for every seat cancelled, with its payment and student (a group session has up to 20).
    const targets = await tx
      .select({ booking: bookings, payment: payments, student: { name: userDirectory.name, email: userDirectory.email, timeZone: userDirectory.timeZone } })
      .from(bookings)
      .innerJoin(userDirectory, eq(userDirectory.id, bookings.studentId))
      .leftJoin(payments, eq(payments.bookingId, bookings.id))
      .where(
        by === 'mentor' && b.kind === 'group' && b.slotId
          ? and(eq(bookings.slotId, b.slotId), inArray(bookings.status, ['confirmed', 'pending_payment']))
          : eq(bookings.id, b.id),
      )
      .orderBy(bookings.id)
      .for('update', { of: bookings });
    for (const { booking: target, payment, student } of targets) {
      const names: People = { ...people, student };
      await tx.update(bookings).set({ status: 'cancelled', cancelledBy: by, cancelReason: reason, cancelledAt: now, updatedAt: now }).where(eq(bookings.id, target.id));
      await freeTime(tx, target);
      if (target.status === 'pending_payment') {
        await notifyCancelled(ctx, tx, target, by, 0, names, false);
        continue;
      }
      const quote = cancellationQuote(ctx.policy, { pricePaise: target.pricePaise, measuredFrom: target.earliestStartsAt, now, by });
      const refunding = payment !== null && PAID_STATUSES.includes(payment.status) && target.settlement === 'held';
      if (refunding) await refundInTransaction(ctx, tx, target, payment, quote, now);
      await notifyCancelled(ctx, tx, target, by, refunding ? quote.refundPaise : 0, names);
    }
    if (by === 'mentor') {
      if (b.kind === 'group' && b.slotId) await cancelSlot(tx, b.slotId);
      await recordMentorCancellation(tx, b.mentorId);
    }
  });
  availabilityChanged(ctx.db);
  ctx.onWork?.();
  return getBooking(ctx, userId, bookingId, now);
}

// ---- rescheduling ---------------------------------------------------------------------------------------

/** Moves a confirmed 1-to-1 booking once, to another free time of its mentor more than the notice ahead. */
export async function rescheduleBooking(ctx: BookingContext, userId: string, bookingId: string, startsAt: Date, now = clock.now()): Promise<BookingDto> {
  const view = await participantView(ctx.db, userId, bookingId);
  const b = view.booking;
  if (b.status !== 'confirmed' || b.startsAt.getTime() <= now.getTime()) throw conflict('not_reschedulable', 'Only a confirmed booking that has not started can be moved');
  if (b.slotId) throw conflict('not_reschedulable', 'A session booked from a published slot cannot be moved; cancel it instead');
  if (b.rescheduleCount > 0) throw conflict('already_rescheduled', 'This booking has already been rescheduled once');
  const noticeMs = ctx.policy.rescheduleMinNoticeHours * 3_600_000;
  if (startsAt.getTime() - now.getTime() <= noticeMs) throw invalidField('startsAt', `Pick a time more than ${ctx.policy.rescheduleMinNoticeHours} hours from now`);
  if (startsAt.getTime() === b.startsAt.getTime()) throw invalidField('startsAt', 'Pick a different time');
  const durationMinutes = Math.round((b.endsAt.getTime() - b.startsAt.getTime()) / 60_000);
  await assertBookable(ctx.db, view.mentorSlug, { startsAt, durationMinutes, now, ignoreSourceId: b.id, minNoticeMinutes: ctx.policy.rescheduleMinNoticeHours * 60 });
  const endsAt = new Date(startsAt.getTime() + durationMinutes * 60_000);
  const by = userId === b.mentorId ? 'mentor' : 'student';
  await translateOccupancyConflict(ctx.db, () =>
    inTransaction(ctx.db, async (tx) => {
      const locked = (await lockBooking(tx, bookingId))!;
      if (locked.status !== 'confirmed' || locked.rescheduleCount > 0) throw conflict('already_rescheduled', 'This booking has already been rescheduled once');
      await tx
        .update(bookings)
        .set({
          startsAt,
          endsAt,
          previousStartsAt: locked.startsAt,
          earliestStartsAt: startsAt < locked.earliestStartsAt ? startsAt : locked.earliestStartsAt,
          rescheduleCount: locked.rescheduleCount + 1,
          updatedAt: now,
        })
        .where(eq(bookings.id, bookingId));
      await moveHeldTime(tx, { bookingId, mentorId: locked.mentorId, startsAt, endsAt });
      const moved = { ...locked, startsAt, endsAt, rescheduleCount: 1 };
      const other = by === 'mentor' ? { id: locked.studentId, by: view.mentor.name } : { id: locked.mentorId, by: view.student.name };
      const zoneOf = (userId: string) => (userId === locked.mentorId ? view.mentor.timeZone : view.student.timeZone);
      for (const person of [{ id: locked.studentId }, { id: locked.mentorId }]) {
        const isOther = person.id === other.id;
        await notify(tx, {
          userId: person.id,
          type: 'booking_rescheduled',
          title: `Booking ${locked.code} moved`,
          body: isOther ? `${other.by} moved your session to a new time.` : 'Your session was moved to the new time.',
          eventKey: `booking:${locked.id}:rescheduled`,
          data: { bookingId: locked.id, startsAt: startsAt.toISOString(), previousStartsAt: locked.startsAt.toISOString() },
          actionUrl: `${ctx.publicUrl}/bookings/${locked.id}`,
          email: {
            template: 'booking-rescheduled',
            actionLabel: 'View booking',
            context: {
              code: locked.code,
              when: formatWhen(startsAt, endsAt, zoneOf(person.id)),
              previousWhen: formatWhen(locked.startsAt, locked.endsAt, zoneOf(person.id)),
              movedBy: isOther ? other.by : 'You',
            },
            attachments: [calendarAttachment(ctx, moved, view)],
          },
        });
      }
    }),
  );
  ctx.onWork?.();
  return getBooking(ctx, userId, bookingId, now);
}

// ---- calendar -------------------------------------------------------------------------------------------

/** Who an invite names: the mentor and the student. */
type CalendarPeople = { mentor: { name: string; email: string }; student: { name: string; email: string } };

function calendarText(ctx: BookingContext, b: Pick<BookingRow, 'id' | 'code' | 'startsAt' | 'endsAt' | 'topic' | 'agenda' | 'rescheduleCount' | 'status'>, view: CalendarPeople): string {
  return bookingCalendar({
    id: b.id,
    code: b.code,
    startsAt: b.startsAt,
    endsAt: b.endsAt,
    topic: b.topic,
    agenda: b.agenda,
    mentor: { name: view.mentor.name, email: view.mentor.email },
    student: { name: view.student.name, email: view.student.email },
    url: `${ctx.publicUrl}/bookings/${b.id}`,
    sequence: b.rescheduleCount + (b.status === 'cancelled' ? 1 : 0),
    cancelled: b.status === 'cancelled',
  });
}

/** The invite of a booking; once it is cancelled, the cancellation that takes it off both calendars. */
export function calendarAttachment(ctx: BookingContext, b: BookingRow, view: CalendarPeople) {
  const method = b.status === 'cancelled' ? 'CANCEL' : 'REQUEST';
  return { filename: `${b.code}.ics`, contentType: `text/calendar; charset=utf-8; method=${method}`, content: calendarText(ctx, b, view) };
}

export async function bookingIcs(ctx: BookingContext, userId: string, bookingId: string): Promise<{ filename: string; content: string }> {
  const view = await participantView(ctx.db, userId, bookingId);
  if (view.booking.status === 'pending_payment' || view.booking.status === 'expired') throw conflict('not_confirmed', 'The booking is not confirmed yet');
  return { filename: `${view.booking.code}.ics`, content: calendarText(ctx, view.booking, view) };
}

export { loadView as loadBookingView };
export type { BookingView };
