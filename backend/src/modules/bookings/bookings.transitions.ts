import { and, eq, getTableColumns, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import { earliestStartAfterMove } from './bookings.policy.js';
import { bookings, type bookingStatus, type settlementStatus } from './bookings.tables.js';

/**
 * The one writer of a booking's row (PRODUCT.md §4: statuses and settlement states). Every change of `status` or
 * `settlement` — and every other update of a booking — goes through a function here, each a guarded UPDATE that
 * moves only from the states it names. The tables below are the whole machine; the database holds the same pairs
 * (`booking_transitions`) and a trigger refuses any other move, whoever writes the row.
 *
 *   pending_payment ──► confirmed ──► in_progress ──► completed | no_show_mentor | no_show_student
 *        │   └──► expired     │  └───────────────────► completed | no_show_mentor | no_show_student
 *        └──────────► cancelled ◄┘
 *
 *   settlement: none ──► held ──► released | refunded | partially_refunded | disputed
 *                                  disputed ──► released | refunded | partially_refunded
 */

export type BookingRow = typeof bookings.$inferSelect;
export type BookingStatus = (typeof bookingStatus.enumValues)[number];
export type Settlement = (typeof settlementStatus.enumValues)[number];

export const STATUS_TRANSITIONS: Record<BookingStatus, readonly BookingStatus[]> = {
  pending_payment: ['confirmed', 'cancelled', 'expired'],
  // A session nobody joined settles straight from confirmed (the mentor never came).
  confirmed: ['in_progress', 'completed', 'no_show_mentor', 'no_show_student', 'cancelled'],
  in_progress: ['completed', 'no_show_mentor', 'no_show_student'],
  completed: [],
  cancelled: [],
  no_show_mentor: [],
  no_show_student: [],
  expired: [],
};

/** `none`: no money was captured yet. A payment arriving after the hold lapsed is still held, then refunded. */
export const SETTLEMENT_TRANSITIONS: Record<Settlement | 'none', readonly Settlement[]> = {
  none: ['held'],
  held: ['released', 'refunded', 'partially_refunded', 'disputed'],
  disputed: ['released', 'refunded', 'partially_refunded'],
  released: [],
  refunded: [],
  partially_refunded: [],
};

export const canMoveStatus = (from: BookingStatus, to: BookingStatus) => STATUS_TRANSITIONS[from].includes(to);
export const canMoveSettlement = (from: Settlement | null, to: Settlement) => SETTLEMENT_TRANSITIONS[from ?? 'none'].includes(to);

/**
 * The two machines together: money is held from the confirmation on, so a booking waiting for payment holds none
 * and a confirmed one always some; a cancelled or expired one may be either (a payment can arrive after the hold
 * lapsed). The table has the same rule as a CHECK (`bookings_settlement_follows_status`).
 */
export const stateIsLegal = (status: BookingStatus, settlement: Settlement | null) =>
  status === 'cancelled' || status === 'expired' || (status === 'pending_payment') === (settlement === null);

/** A move the machine does not have: a programming error, or a race lost to another change of the same booking. */
export class IllegalTransitionError extends AppError {
  constructor(detail: string) {
    super('booking_state_changed', `This booking can no longer change that way (${detail})`, 409);
  }
}

type Patch = Partial<Omit<typeof bookings.$inferInsert, 'id' | 'status' | 'settlement'>>;

/**
 * Moves `current` to `to` (status, settlement or both) and writes `patch` with it, only if the row is still in
 * the state `current` shows: a concurrent change makes it an `IllegalTransitionError`, never a lost update.
 */
function assertMove(current: Pick<BookingRow, 'status' | 'settlement'>, to: { status?: BookingStatus; settlement?: Settlement }): void {
  // A move to where the booking already is, is no move: cancelling twice, settling twice.
  if (to.status && !canMoveStatus(current.status, to.status)) throw new IllegalTransitionError(`${current.status} → ${to.status}`);
  if (to.settlement && !canMoveSettlement(current.settlement, to.settlement)) {
    throw new IllegalTransitionError(`settlement ${current.settlement ?? 'none'} → ${to.settlement}`);
  }
  if (!stateIsLegal(to.status ?? current.status, to.settlement ?? current.settlement)) {
    throw new IllegalTransitionError(`${to.status ?? current.status} with money ${to.settlement ?? current.settlement ?? 'none'}`);
  }
}

async function move(tx: Db, current: Pick<BookingRow, 'id' | 'status' | 'settlement'>, to: { status?: BookingStatus; settlement?: Settlement }, patch: Patch, now: Date): Promise<BookingRow> {
  assertMove(current, to);
  const unchanged: SQL[] = [eq(bookings.id, current.id), eq(bookings.status, current.status)];
  unchanged.push(current.settlement === null ? isNull(bookings.settlement) : eq(bookings.settlement, current.settlement));
  const [row] = await tx
    .update(bookings)
    .set({ ...patch, ...to, updatedAt: now })
    .where(and(...unchanged))
    .returning();
  if (!row) throw new IllegalTransitionError('it changed meanwhile');
  return row;
}

/**
 * The same guarded move for many bookings in one statement (a job's batch): each row moves from the state its
 * `current` shows to its own target, with its own `release_at`; if any of them changed meanwhile, none moves.
 */
async function moveMany(
  tx: Db,
  items: { current: Pick<BookingRow, 'id' | 'status' | 'settlement'>; to: { status?: BookingStatus; settlement?: Settlement }; releaseAt?: Date | null }[],
  patch: Patch,
  now: Date,
): Promise<BookingRow[]> {
  if (items.length === 0) return [];
  for (const { current, to } of items) assertMove(current, to);
  const input = items.map(({ current, to, releaseAt }) => ({
    id: current.id,
    from_status: current.status,
    from_settlement: current.settlement,
    status: to.status ?? current.status,
    settlement: to.settlement ?? current.settlement,
    release_at: releaseAt?.toISOString() ?? null,
  }));
  const rows = await tx
    .update(bookings)
    .set({
      ...patch,
      status: sql`v.status`,
      settlement: sql`v.settlement`,
      ...(items.some((i) => i.releaseAt !== undefined) ? { releaseAt: sql`v.release_at` } : {}),
      updatedAt: now,
    })
    .from(
      sql`jsonb_to_recordset(${JSON.stringify(input)}::jsonb) as v(id uuid, from_status booking_status, from_settlement booking_settlement, status booking_status, settlement booking_settlement, release_at timestamptz)`,
    )
    .where(and(sql`${bookings.id} = v.id`, sql`${bookings.status} = v.from_status`, sql`${bookings.settlement} is not distinct from v.from_settlement`))
    .returning(getTableColumns(bookings));
  if (rows.length !== items.length) throw new IllegalTransitionError('one of them changed meanwhile');
  const byId = new Map(rows.map((r) => [r.id, r]));
  return items.map((i) => byId.get(i.current.id)!);
}

/** Locks a booking for the rest of the caller's transaction. */
export async function lockBooking(tx: Db, bookingId: string): Promise<BookingRow | undefined> {
  const [b] = await tx.select().from(bookings).where(eq(bookings.id, bookingId)).for('update');
  return b;
}

/** A new booking holds its time while the student pays: always `pending_payment`, nothing settled. */
export async function createHeld(tx: Db, values: Omit<typeof bookings.$inferInsert, 'status' | 'settlement'>): Promise<BookingRow> {
  const [row] = await tx.insert(bookings).values(values).returning();
  return row!;
}

/**
 * The money arrived while the time was still held: confirmed, money held in escrow. Returns undefined (and
 * changes nothing) when the booking is no longer waiting for payment — the caller refunds a late payment.
 * One guarded statement, because it runs on every checkout.
 */
export async function confirmIfHeld(tx: Db, bookingId: string, now: Date): Promise<BookingRow | undefined> {
  const [row] = await tx
    .update(bookings)
    .set({ status: 'confirmed', settlement: 'held', confirmedAt: now, updatedAt: now })
    .where(and(eq(bookings.id, bookingId), eq(bookings.status, 'pending_payment')))
    .returning();
  return row;
}

/** The hold ran out, or its order could not be created: the time is given back by the caller. */
export const expire = (tx: Db, b: BookingRow, reason: 'hold_expired' | 'gateway_unavailable', now: Date) =>
  move(tx, b, { status: 'expired' }, { cancelledBy: 'system', cancelReason: reason, cancelledAt: now }, now);

export const cancel = (tx: Db, b: BookingRow, input: { by: 'student' | 'mentor'; reason: string | null }, now: Date) =>
  move(tx, b, { status: 'cancelled' }, { cancelledBy: input.by, cancelReason: input.reason, cancelledAt: now }, now);

/**
 * Moves a confirmed session to another time. The earliest start it ever had is kept: the refund tier is measured
 * from it (PRODUCT.md §5), so a reschedule never improves a refund.
 */
export function reschedule(tx: Db, b: BookingRow, to: { startsAt: Date; endsAt: Date }, now: Date): Promise<BookingRow> {
  if (b.status !== 'confirmed') throw new IllegalTransitionError(`a ${b.status} booking cannot be moved`);
  // Once only: the table checks it too (bookings_reschedule_once).
  if (b.rescheduleCount > 0) throw new IllegalTransitionError('it was moved once already');
  return move(
    tx,
    b,
    {},
    {
      startsAt: to.startsAt,
      endsAt: to.endsAt,
      previousStartsAt: b.startsAt,
      earliestStartsAt: earliestStartAfterMove(b, to.startsAt),
      rescheduleCount: b.rescheduleCount + 1,
    },
    now,
  );
}

/** Someone joined the call (the sessions module). */
export const start = (tx: Db, b: BookingRow, now: Date) => move(tx, b, { status: 'in_progress' }, {}, now);

/** The session's outcome, once its window and grace have passed; `releaseAt` is when its held money goes out. */
export const finish = (tx: Db, b: BookingRow, outcome: 'completed' | 'no_show_mentor' | 'no_show_student', now: Date, releaseAt: Date | null = null) =>
  move(tx, b, { status: outcome }, { settledAt: now, releaseAt }, now);

/** `finish` for a batch of sessions, in one statement. */
export const finishMany = (tx: Db, items: { booking: BookingRow; outcome: 'completed' | 'no_show_mentor' | 'no_show_student'; releaseAt: Date | null }[], now: Date) =>
  moveMany(
    tx,
    items.map((i) => ({ current: i.booking, to: { status: i.outcome }, releaseAt: i.releaseAt })),
    { settledAt: now },
    now,
  );

/** Where the escrowed money went: held on capture; then released, refunded (in whole or part) or disputed. */
export const settle = (tx: Db, b: BookingRow, settlement: Settlement, now: Date) => move(tx, b, { settlement }, settlement === 'released' ? { releasedAt: now } : {}, now);

/** The held money of a batch released, in one statement. */
export const releaseMany = (tx: Db, rows: BookingRow[], now: Date) =>
  moveMany(
    tx,
    rows.map((b) => ({ current: b, to: { settlement: 'released' as const } })),
    { releasedAt: now },
    now,
  );

/** The pairs, as the database stores them (`booking_transitions`): a test checks the migration seeded exactly these. */
export function transitionPairs(): { machine: 'status' | 'settlement'; fromState: string; toState: string }[] {
  return [
    ...Object.entries(STATUS_TRANSITIONS).flatMap(([from, tos]) => tos.map((to) => ({ machine: 'status' as const, fromState: from, toState: to }))),
    ...Object.entries(SETTLEMENT_TRANSITIONS).flatMap(([from, tos]) => tos.map((to) => ({ machine: 'settlement' as const, fromState: from, toState: to }))),
  ];
}
