import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import { publish } from '../../lib/events.js';

import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.js';
import { inTransaction } from '../../db/transaction.js';
import { clock } from '../../lib/clock.js';
import { conflict, notFound } from '../../lib/errors.js';
import { offsetOf } from '../../lib/pagination.js';
import { recordAudit } from '../audit/audit.service.js';
import { holdForDispute, resolveDisputedBooking, sessionOf, type BookingContext, type DisputeDecision } from '../bookings/bookings.service.js';
import { attendanceOf, getNotes, type SessionsContext } from '../sessions/sessions.service.js';
import { userCards } from '../users/users.service.js';
import { disputes } from './disputes.tables.js';

/**
 * Disputes (PRODUCT.md §7): inside the dispute window the student reports a problem with a completed session and
 * its money stays held; an admin sees both attendance timelines, the mentor's notes and the reason, and decides.
 * Bookings moves the money; this module keeps the case and the audit trail.
 */

export interface DisputesContext {
  db: Db;
  bookings: BookingContext;
  sessions: SessionsContext;
}

const studentUser = alias(userCards, 'student_user');
const mentorUser = alias(userCards, 'mentor_user');

function disputeQuery(db: Db) {
  return db
    .select({
      dispute: disputes,
      student: { id: studentUser.id, name: studentUser.name },
      mentor: { id: mentorUser.id, name: mentorUser.name },
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(disputes)
    .innerJoin(studentUser, eq(studentUser.id, disputes.studentId))
    .innerJoin(mentorUser, eq(mentorUser.id, disputes.mentorId));
}

type DisputeRow = Awaited<ReturnType<ReturnType<typeof disputeQuery>['execute']>>[number];

const iso = (d: Date | null) => d?.toISOString() ?? null;

function toDto({ dispute: d, student, mentor }: DisputeRow) {
  return {
    id: d.id,
    bookingId: d.bookingId,
    bookingCode: d.bookingCode,
    status: d.status,
    reason: d.reason,
    outcome: d.outcome,
    refundPaise: d.refundPaise,
    note: d.note,
    pricePaise: d.pricePaise,
    startsAt: d.startsAt.toISOString(),
    endsAt: d.endsAt.toISOString(),
    createdAt: d.createdAt.toISOString(),
    resolvedAt: iso(d.resolvedAt),
    student,
    mentor,
  };
}

export type DisputeDto = ReturnType<typeof toDto>;

async function loadDispute(db: Db, where: ReturnType<typeof eq>): Promise<DisputeRow | undefined> {
  const [row] = await disputeQuery(db).where(where);
  return row;
}

/** The student opens a dispute: the booking's money is put on hold in the same transaction. */
export async function openDispute(ctx: DisputesContext, userId: string, bookingId: string, reason: string, now = clock.now()): Promise<DisputeDto> {
  await inTransaction(ctx.db, async (tx) => {
    const b = await holdForDispute(tx, userId, bookingId, now);
    await tx.insert(disputes).values({
      bookingId: b.id,
      bookingCode: b.code,
      studentId: b.studentId,
      mentorId: b.mentorId,
      pricePaise: b.pricePaise,
      startsAt: b.startsAt,
      endsAt: b.endsAt,
      reason,
      createdAt: now,
    });
    publish(tx, { type: 'admin.queue', queue: 'disputes' });
    await recordAudit(tx, { actorId: userId, action: 'dispute.open', subjectType: 'booking', subjectId: b.id, data: { reason } }, now);
  });
  return toDto((await loadDispute(ctx.db, eq(disputes.bookingId, bookingId)))!);
}

/** A booking's dispute, for its participants (anyone else: 404). */
export async function disputeOfBooking(ctx: DisputesContext, userId: string, bookingId: string): Promise<{ dispute: DisputeDto | null }> {
  const row = await loadDispute(ctx.db, eq(disputes.bookingId, bookingId));
  if (row && row.dispute.studentId !== userId && row.dispute.mentorId !== userId) throw notFound('Booking');
  if (!row) {
    // No dispute: still only the participants may ask.
    await sessionOf(ctx.db, userId, bookingId);
    return { dispute: null };
  }
  return { dispute: toDto(row) };
}

export async function listDisputes(ctx: DisputesContext, query: { status: 'open' | 'resolved'; page: number; limit: number }) {
  const rows = await disputeQuery(ctx.db)
    .where(eq(disputes.status, query.status))
    .orderBy(query.status === 'open' ? disputes.createdAt : desc(disputes.resolvedAt), disputes.id)
    .limit(query.limit)
    .offset(offsetOf(query.page, query.limit));
  return { items: rows.map(toDto), page: query.page, limit: query.limit, total: rows[0]?.total ?? 0 };
}

/** What the admin decides on: the case, both attendance timelines and the mentor's notes. */
export async function disputeDetail(ctx: DisputesContext, admin: { userId: string; role: string }, id: string) {
  const row = await loadDispute(ctx.db, eq(disputes.id, id));
  if (!row) throw notFound('Dispute');
  const [attendance, notes] = await Promise.all([attendanceOf(ctx.sessions, admin, row.dispute.bookingId), getNotes(ctx.sessions, admin, row.dispute.bookingId)]);
  return { ...toDto(row), attendance, notes };
}

/** The admin's decision: the money moves, the case closes and the audit log says who decided what, all at once. */
export async function resolveDispute(ctx: DisputesContext, adminId: string, id: string, decision: DisputeDecision, note: string, now = clock.now()): Promise<DisputeDto> {
  await inTransaction(ctx.db, async (tx) => {
    const [d] = await tx.select().from(disputes).where(eq(disputes.id, id)).for('update');
    if (!d) throw notFound('Dispute');
    if (d.status !== 'open') throw conflict('already_resolved', 'This dispute has already been resolved');
    await resolveDisputedBooking(ctx.bookings, tx, d.bookingId, decision, note, now);
    const refundPaise = decision.outcome === 'refund' ? d.pricePaise : decision.outcome === 'partial' ? decision.refundPaise : null;
    await tx
      .update(disputes)
      .set({ status: 'resolved', outcome: decision.outcome, refundPaise, note, resolvedBy: adminId, resolvedAt: now })
      .where(and(eq(disputes.id, id), eq(disputes.status, 'open')));
    publish(tx, { type: 'admin.queue', queue: 'disputes' });
    await recordAudit(tx, { actorId: adminId, action: 'dispute.resolve', subjectType: 'booking', subjectId: d.bookingId, data: { disputeId: id, outcome: decision.outcome, refundPaise, note } }, now);
  });
  return toDto((await loadDispute(ctx.db, eq(disputes.id, id)))!);
}

/** How many disputes wait for an admin (for the admin's queue counts, composed into one statement). */
export const openDisputesCount = (): SQL<number> => sql<number>`(select count(*)::int from ${disputes} where status = 'open')`;
