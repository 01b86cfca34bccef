import { and, asc, desc, eq, gt, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.js';
import { clock } from '../../lib/clock.js';
import { notFound } from '../../lib/errors.js';
import { offsetOf } from '../../lib/pagination.js';
import { slotCards } from '../availability/availability.service.js';
import { mentorCards } from '../mentors/mentors.service.js';
import { paymentRecords, refundRecords } from '../payments/payments.service.js';
import { userCards } from '../users/users.service.js';
import type { BookingContext } from './bookings.context.js';
import { canCancel, canJoin, canReschedule, joinWindow, type BookingPolicy } from './bookings.policy.js';
import { bookings } from './bookings.tables.js';
import type { BookingStatus } from './bookings.transitions.js';

/**
 * Reading bookings: one statement gives a booking with its people, slot, payment and refund (other modules'
 * data through the views they publish for such joins, ADR 0006), and the response shape built from it.
 */

const mentorUser = alias(userCards, 'mentor_user');
const studentUser = alias(userCards, 'student_user');

const ACTIVE: BookingStatus[] = ['pending_payment', 'confirmed', 'in_progress'];

/** A booking with the people, slot, payment and refund it shows, in one statement. */
function bookingViewQuery(db: Db) {
  return db
    .select({
      booking: bookings,
      mentor: { id: mentorUser.id, name: mentorUser.name, email: mentorUser.email, avatarUrl: mentorUser.avatarUrl, timeZone: mentorUser.timeZone },
      mentorSlug: mentorCards.slug,
      mentorTimeZone: mentorCards.timeZone,
      student: { id: studentUser.id, name: studentUser.name, email: studentUser.email, timeZone: studentUser.timeZone },
      slot: { id: slotCards.id, title: slotCards.title, capacity: slotCards.capacity },
      payment: { id: paymentRecords.id, status: paymentRecords.status, amountPaise: paymentRecords.amountPaise },
      refund: { amountPaise: refundRecords.amountPaise, percent: refundRecords.percent, status: refundRecords.status, processedAt: refundRecords.processedAt },
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(bookings)
    .innerJoin(mentorUser, eq(mentorUser.id, bookings.mentorId))
    .innerJoin(studentUser, eq(studentUser.id, bookings.studentId))
    .innerJoin(mentorCards, eq(mentorCards.userId, bookings.mentorId))
    .leftJoin(slotCards, eq(slotCards.id, bookings.slotId))
    .leftJoin(paymentRecords, eq(paymentRecords.bookingId, bookings.id))
    .leftJoin(refundRecords, eq(refundRecords.bookingId, bookings.id));
}

export type BookingView = Awaited<ReturnType<ReturnType<typeof bookingViewQuery>['execute']>>[number];

const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;

export function toBookingDto(view: BookingView, viewerId: string, policy: BookingPolicy, now = clock.now()) {
  const b = view.booking;
  const viewerRole = viewerId === b.mentorId ? ('mentor' as const) : ('student' as const);
  const window = joinWindow(policy, b);
  return {
    id: b.id,
    code: b.code,
    kind: b.kind,
    status: b.status,
    settlement: b.settlement
      ? { status: b.settlement, releaseAt: iso(b.releaseAt), releasedAt: iso(b.releasedAt), refundPaise: view.refund?.status === 'failed' ? 0 : (view.refund?.amountPaise ?? 0) }
      : null,
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
    meeting: { opensAt: window.opensAt.toISOString(), closesAt: window.closesAt.toISOString() },
    cancellation: b.cancelledAt ? { by: b.cancelledBy, reason: b.cancelReason, at: b.cancelledAt.toISOString() } : null,
    refund: view.refund ? { amountPaise: view.refund.amountPaise, percent: view.refund.percent, status: view.refund.status, processedAt: iso(view.refund.processedAt) } : null,
    payment: view.payment,
    actions: {
      pay: viewerRole === 'student' && b.status === 'pending_payment' && b.holdExpiresAt.getTime() > now.getTime(),
      cancel: canCancel(b, viewerRole, now).ok,
      reschedule: canReschedule(policy, b, now).ok,
      join: canJoin(policy, b, now).ok,
      confirmCompletion: viewerRole === 'student' && b.status === 'completed' && b.settlement === 'held',
      dispute: viewerRole === 'student' && b.status === 'completed' && b.settlement === 'held' && b.releaseAt !== null && now.getTime() < b.releaseAt.getTime(),
    },
    createdAt: b.createdAt.toISOString(),
  };
}

export type BookingDto = ReturnType<typeof toBookingDto>;

export async function loadBookingView(db: Db, bookingId: string): Promise<BookingView | undefined> {
  const [view] = await bookingViewQuery(db).where(eq(bookings.id, bookingId));
  return view;
}

/** A participant's booking; anyone else gets 404, never 403. */
export async function participantView(db: Db, userId: string, bookingId: string): Promise<BookingView> {
  const view = await loadBookingView(db, bookingId);
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
