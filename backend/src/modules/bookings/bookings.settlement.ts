import { and, eq, inArray, sql } from 'drizzle-orm';
import { lockDue } from '../../db/claim.js';
import type { Db } from '../../db/client.js';
import { inTransaction } from '../../db/transaction.js';
import { clock } from '../../lib/clock.js';
import { retryOnTransientConflict } from '../../lib/db-errors.js';
import { conflict, invalidField, notFound } from '../../lib/errors.js';
import { publish } from '../../lib/events.js';
import { lockMentorCounters, recordSessionOutcomes } from '../mentors/mentors.service.js';
import { getUsers } from '../users/users.service.js';
import { paymentOfBooking } from '../payments/payments.service.js';
import type { BookingContext } from './bookings.context.js';
import { notifyDisputeResolved, notifySettled } from './bookings.notifications.js';
import { refundEscrow, releaseHeld } from './bookings.payments.js';
import type { SessionOutcome } from './bookings.policy.js';
import { loadBookingView, participantView } from './bookings.queries.js';
import { bookings } from './bookings.tables.js';
import { finishMany, lockBooking, settle, start, type BookingRow } from './bookings.transitions.js';

/**
 * What the sessions module asks of bookings (PRODUCT.md §6): who may enter a booking's call, that it started, which
 * sessions are due to settle, and recording how one ended with what that does to its money. Sessions decides the
 * outcome from its attendance evidence; bookings owns the booking and its money.
 */

/** A participant's view of a session (an admin's, with `asAdmin`): the booking's facts and which call it meets in. Anyone else: 404. */
export async function sessionOf(db: Db, userId: string, bookingId: string, options: { asAdmin?: boolean } = {}) {
  const view = options.asAdmin ? await loadBookingView(db, bookingId) : await participantView(db, userId, bookingId);
  if (!view) throw notFound('Booking');
  const b = view.booking;
  return {
    bookingId: b.id,
    code: b.code,
    status: b.status,
    startsAt: b.startsAt,
    endsAt: b.endsAt,
    settlement: b.settlement,
    slotId: b.slotId,
    // A group session meets in one call for all its seats; a 1-to-1 session in its own.
    meetingId: b.slotId ?? b.id,
    role: userId === b.mentorId ? ('mentor' as const) : userId === b.studentId ? ('student' as const) : ('admin' as const),
    mentor: { id: view.mentor.id, name: view.mentor.name, email: view.mentor.email },
    student: { id: view.student.id, name: view.student.name, email: view.student.email },
  };
}

export type SessionFacts = Awaited<ReturnType<typeof sessionOf>>;

/**
 * Someone entered the call: their confirmed booking is under way — for the mentor of a group session, every
 * confirmed seat. Already started or settled bookings are left as they are.
 */
export async function markSessionStarted(db: Db, session: Pick<SessionFacts, 'bookingId' | 'slotId' | 'role' | 'status'>, now: Date): Promise<void> {
  if (session.status !== 'confirmed' && !(session.role === 'mentor' && session.slotId)) return;
  await inTransaction(db, async (tx) => {
    const seats =
      session.role === 'mentor' && session.slotId
        ? await tx.select().from(bookings).where(and(eq(bookings.slotId, session.slotId), eq(bookings.status, 'confirmed'))).orderBy(bookings.id).for('update')
        : [await lockBooking(tx, session.bookingId)].filter((b): b is BookingRow => b?.status === 'confirmed');
    for (const b of seats) await start(tx, b, now);
  });
}

/** Sessions whose window closed by `now` and that have not settled, locked for the caller's transaction. */
export function lockSessionsToSettle(tx: Db, ctx: BookingContext, now: Date, batchSize: number): Promise<BookingRow[]> {
  const closedBefore = new Date(now.getTime() - ctx.policy.joinGraceMinutes * 60_000);
  return lockDue(tx, bookings, {
    due: and(inArray(bookings.status, ['confirmed', 'in_progress']), sql`${bookings.endsAt} <= ${closedBefore.toISOString()}::timestamptz`),
    orderBy: bookings.endsAt,
    batchSize,
  });
}

/**
 * Records how a batch of sessions ended, in the caller's transaction (the bookings locked by
 * `lockSessionsToSettle`), and moves their money: the mentor never came → a full refund through the gateway; the
 * student did not come → the mentor is paid now; completed → released `releaseAfterHours` later unless the student
 * disputes. Both people of each are told. Set-based — a few statements for the whole batch — and every lock it
 * takes in a shared order (ledger balance rows sorted in one statement, then the mentors' counters sorted), so
 * batches on several instances never wait on each other in a cycle.
 */
export async function settleSessions(ctx: BookingContext, tx: Db, items: { booking: BookingRow; outcome: SessionOutcome }[], now: Date): Promise<BookingRow[]> {
  if (items.length === 0) return [];
  const releaseAt = new Date(now.getTime() + ctx.policy.releaseAfterHours * 3_600_000);
  const finished = await finishMany(
    tx,
    items.map(({ booking, outcome }) => ({ booking, outcome, releaseAt: outcome === 'completed' ? releaseAt : null })),
    now,
  );
  const settled = new Map(finished.map((b) => [b.id, b]));
  const held = finished.filter((b) => b.settlement === 'held');
  for (const b of await releaseHeld(
    ctx,
    tx,
    held.filter((b) => b.status === 'no_show_student'),
    now,
  ))
    settled.set(b.id, b);
  for (const b of held.filter((row) => row.status === 'no_show_mentor')) {
    const payment = (await paymentOfBooking(tx, b.id))!;
    settled.set(b.id, await refundEscrow(ctx, tx, b, payment.id, { refundPaise: b.pricePaise, percent: 100, reason: 'The mentor did not join the session, so the full amount is refunded.' }, now));
  }
  // A student's earlier sessions with the mentor are counted once the mentors' counters are ours: a concurrent batch
  // settling the same pair has committed by then, so each session is counted as the n-th exactly once.
  await lockMentorCounters(
    tx,
    finished.map((b) => b.mentorId),
  );
  await recordSessionOutcomes(tx, await withRepeats(tx, finished));
  const people = new Map((await getUsers(tx, [...new Set(finished.flatMap((b) => [b.mentorId, b.studentId]))])).map((u) => [u.id, { name: u.name, email: u.email, timeZone: u.timeZone }]));
  const rows = finished.map((b) => settled.get(b.id)!);
  await notifySettled(
    ctx,
    tx,
    rows.map((b) => ({ booking: b, people: { mentor: people.get(b.mentorId)!, student: people.get(b.studentId)! } })),
  );
  for (const b of rows) publish(tx, { type: 'booking.settled', bookingId: b.id, outcome: b.status });
  return rows;
}

/**
 * Each settled session with how many completed sessions its student had with its mentor before it (the repeat-
 * student counter counts the second): one query for the batch, counting sessions of the same pair settled earlier
 * in the batch as before the later ones.
 */
async function withRepeats(tx: Db, finished: BookingRow[]) {
  const completed = finished.filter((b) => b.status === 'completed');
  const pairKey = (b: Pick<BookingRow, 'mentorId' | 'studentId'>) => `${b.mentorId}:${b.studentId}`;
  const totals = new Map<string, number>();
  if (completed.length > 0) {
    const pairs = [...new Map(completed.map((b) => [pairKey(b), b])).values()];
    const counted = await tx
      .select({ mentorId: bookings.mentorId, studentId: bookings.studentId, n: sql<number>`count(*)::int` })
      .from(bookings)
      .where(and(eq(bookings.status, 'completed'), sql`(${bookings.mentorId}, ${bookings.studentId}) in (${sql.join(
        pairs.map((b) => sql`(${b.mentorId}::uuid, ${b.studentId}::uuid)`),
        sql`, `,
      )})`))
      .groupBy(bookings.mentorId, bookings.studentId);
    for (const row of counted) totals.set(pairKey(row), row.n);
  }
  const inBatch = new Map<string, number>();
  for (const b of completed) inBatch.set(pairKey(b), (inBatch.get(pairKey(b)) ?? 0) + 1);
  const seen = new Map<string, number>();
  return finished.map((b) => {
    if (b.status !== 'completed') return { mentorId: b.mentorId, status: b.status as SessionOutcome, completedWithStudentBefore: 0 };
    const key = pairKey(b);
    const earlierInBatch = seen.get(key) ?? 0;
    seen.set(key, earlierInBatch + 1);
    return { mentorId: b.mentorId, status: 'completed' as const, completedWithStudentBefore: (totals.get(key) ?? 0) - inBatch.get(key)! + earlierInBatch };
  });
}

/**
 * Releases the held money of up to `batchSize` completed sessions whose dispute window has passed (a disputed one is
 * no longer held), claimed with SKIP LOCKED `chunk` at a time, each chunk in its own transaction with one ledger
 * statement: safe on every instance at once, and to kill and re-run.
 */
export async function runReleaseDue(ctx: BookingContext, now = clock.now(), batchSize = 2000, chunk = 500): Promise<number> {
  let released = 0;
  while (released < batchSize) {
    const n = await retryOnTransientConflict(() =>
      inTransaction(ctx.db, async (tx) => {
        const due = await lockDue(tx, bookings, {
          due: and(eq(bookings.settlement, 'held'), inArray(bookings.status, ['completed']), sql`${bookings.releaseAt} <= ${now.toISOString()}::timestamptz`),
          orderBy: bookings.releaseAt,
          batchSize: Math.min(chunk, batchSize - released),
        });
        return (await releaseHeld(ctx, tx, due, now)).length;
      }),
    );
    if (n === 0) break;
    released += n;
  }
  return released;
}

/** The student says the session went well: its money is released now instead of after the dispute window. */
export async function confirmCompletion(ctx: BookingContext, userId: string, bookingId: string, now = clock.now()): Promise<void> {
  await inTransaction(ctx.db, async (tx) => {
    const b = await lockBooking(tx, bookingId);
    if (!b || (b.studentId !== userId && b.mentorId !== userId)) throw notFound('Booking');
    if (b.studentId !== userId) throw conflict('not_yours_to_confirm', 'Only the student confirms that a session went well');
    if (b.status !== 'completed') throw conflict('not_completed', 'Only a completed session can be confirmed');
    if (b.settlement === 'disputed') throw conflict('disputed', 'This session is under dispute; the admin decides where the money goes');
    // Released already (by the job, or a confirmation before): nothing left to do.
    if (b.settlement === 'held') await releaseHeld(ctx, tx, [b], now);
  });
}

// ---- disputes ---------------------------------------------------------------------------------------------------

/**
 * The student reports a problem with a completed session inside its dispute window: its held money stays held
 * until an admin decides. In the caller's transaction (the disputes module records the dispute beside it).
 */
export async function holdForDispute(tx: Db, userId: string, bookingId: string, now: Date): Promise<BookingRow> {
  const b = await lockBooking(tx, bookingId);
  if (!b || (b.studentId !== userId && b.mentorId !== userId)) throw notFound('Booking');
  if (b.studentId !== userId) throw conflict('not_yours_to_dispute', 'Only the student can report a problem with a session');
  if (b.status !== 'completed') throw conflict('not_completed', 'Only a completed session can be disputed');
  if (b.settlement === 'disputed') throw conflict('already_disputed', 'This session is already under dispute');
  if (b.settlement !== 'held' || !b.releaseAt) throw conflict('already_released', 'The payment for this session has already been released');
  if (now.getTime() >= b.releaseAt.getTime()) throw conflict('dispute_window_closed', 'The time to report a problem with this session has passed', { closedAt: b.releaseAt.toISOString() });
  return settle(tx, b, 'disputed', now);
}

export type DisputeDecision = { outcome: 'release' } | { outcome: 'refund' } | { outcome: 'partial'; refundPaise: number };

/**
 * An admin's decision on a disputed session, in the caller's transaction: the money goes to the mentor, back to the
 * student in full, or a part back (the rest split and paid out as for a late cancellation). Both are told.
 */
export async function resolveDisputedBooking(ctx: BookingContext, tx: Db, bookingId: string, decision: DisputeDecision, note: string, now: Date): Promise<BookingRow> {
  const b = await lockBooking(tx, bookingId);
  if (!b) throw notFound('Booking');
  if (b.settlement !== 'disputed') throw conflict('not_disputed', 'This session is not under dispute');
  let resolved: BookingRow;
  if (decision.outcome === 'release') {
    [resolved] = (await releaseHeld(ctx, tx, [b], now)) as [BookingRow];
  } else {
    const refundPaise = decision.outcome === 'refund' ? b.pricePaise : decision.refundPaise;
    if (refundPaise <= 0 || refundPaise > b.pricePaise) throw invalidField('refundPaise', `Must be between 1 and ${b.pricePaise} paise (what was paid)`);
    const payment = (await paymentOfBooking(tx, b.id))!;
    const percent = Math.max(1, Math.floor((refundPaise * 100) / b.pricePaise));
    resolved = await refundEscrow(ctx, tx, b, payment.id, { refundPaise, percent, reason: `Dispute resolved by Mentor Connect: ${note}` }, now);
  }
  const view = await participantView(tx, b.studentId, b.id);
  await notifyDisputeResolved(ctx, tx, resolved, decision, note, { mentor: view.mentor, student: view.student });
  publish(tx, { type: 'booking.dispute_resolved', bookingId: b.id });
  return resolved;
}
