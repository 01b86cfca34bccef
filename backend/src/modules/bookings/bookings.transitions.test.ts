import { eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf, type Database } from '../../db/client.js';
import { createTestDatabase } from '../../db/test-database.js';
import { inTransaction } from '../../db/transaction.js';
import { pgErrorCode, PG_CHECK_VIOLATION } from '../../lib/db-errors.js';
import { propertyRuns } from '../../test-support/properties.js';
import { createUser } from '../users/users.service.js';
import { bookings, bookingStatus, bookingTransitions, settlementStatus } from './bookings.tables.js';
import {
  cancel,
  canMoveSettlement,
  canMoveStatus,
  confirmIfHeld,
  createHeld,
  expire,
  finish,
  IllegalTransitionError,
  reschedule,
  settle,
  start,
  stateIsLegal,
  transitionPairs,
  type BookingRow,
  type BookingStatus,
  type Settlement,
} from './bookings.transitions.js';

/**
 * One writer of a booking's state: the transition functions and the database's trigger must agree on every move.
 * Each run takes a fresh booking through a random sequence of actions; before each action the same move is also
 * tried as a raw UPDATE (in a savepoint, rolled back), so the database is asked on its own.
 */

let database: Database;
let mentorId: string;
let studentId: string;
let runs = 0;

const STATUSES = bookingStatus.enumValues;
const SETTLEMENTS = settlementStatus.enumValues;
const T0 = new Date('2031-01-06T10:00:00.000Z');
const HOUR = 3_600_000;

beforeAll(async () => {
  database = await createTestDatabase();
  const user = (n: string) => createUser(database.db, { name: n, email: `${n.toLowerCase().replace(' ', '.')}@transitions.test`, passwordHash: 'x', role: 'student' });
  mentorId = (await user('Machine Mentor')).id;
  studentId = (await user('Machine Student')).id;
});
afterAll(async () => {
  await database?.close();
});

async function freshBooking(): Promise<BookingRow> {
  runs += 1;
  return createHeld(database.db, {
    code: `MC-20310106-${String(runs).padStart(6, '0')}`,
    mentorId,
    studentId,
    kind: 'one_to_one',
    startsAt: T0,
    endsAt: new Date(T0.getTime() + HOUR),
    earliestStartsAt: T0,
    topic: 'The state machine',
    pricePaise: 100_000,
    commissionPaise: 20_000,
    gatewayFeePaise: 2_360,
    mentorSharePaise: 77_640,
    holdExpiresAt: new Date(T0.getTime() - HOUR),
  });
}

/** Whether the database itself accepts moving `id` to this status and settlement (the change is rolled back). */
async function databaseAccepts(id: string, to: { status: BookingStatus; settlement: Settlement | null }): Promise<boolean> {
  const probe = new Error('roll back the probe');
  try {
    await inTransaction(database.db, async (tx) => {
      await tx.execute(sql`update bookings set status = ${to.status}::booking_status, settlement = ${to.settlement}::booking_settlement where id = ${id}`);
      throw probe;
    });
  } catch (error) {
    if (error === probe) return true;
    if (pgErrorCode(error) === PG_CHECK_VIOLATION) return false;
    throw error;
  }
  return true;
}

type Action =
  | { kind: 'confirm' }
  | { kind: 'cancel'; by: 'student' | 'mentor' }
  | { kind: 'expire' }
  | { kind: 'reschedule'; hours: number }
  | { kind: 'start' }
  | { kind: 'finish'; outcome: 'completed' | 'no_show_mentor' | 'no_show_student' }
  | { kind: 'settle'; to: Settlement };

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.constant({ kind: 'confirm' as const }),
  fc.record({ kind: fc.constant('cancel' as const), by: fc.constantFrom('student' as const, 'mentor' as const) }),
  fc.constant({ kind: 'expire' as const }),
  fc.record({ kind: fc.constant('reschedule' as const), hours: fc.integer({ min: -48, max: 48 }) }),
  fc.constant({ kind: 'start' as const }),
  fc.record({ kind: fc.constant('finish' as const), outcome: fc.constantFrom('completed' as const, 'no_show_mentor' as const, 'no_show_student' as const) }),
  fc.record({ kind: fc.constant('settle' as const), to: fc.constantFrom(...SETTLEMENTS) }),
);

/** Where the action would take the booking by the machine's tables (status and settlement), if anywhere. */
function intended(b: BookingRow, a: Action): { status: BookingStatus; settlement: Settlement | null } {
  switch (a.kind) {
    case 'confirm':
      return { status: 'confirmed', settlement: 'held' };
    case 'cancel':
      return { status: 'cancelled', settlement: b.settlement };
    case 'expire':
      return { status: 'expired', settlement: b.settlement };
    case 'reschedule':
      return { status: b.status, settlement: b.settlement };
    case 'start':
      return { status: 'in_progress', settlement: b.settlement };
    case 'finish':
      return { status: a.outcome, settlement: b.settlement };
    case 'settle':
      return { status: b.status, settlement: a.to };
  }
}

/** What the machine's tables say about a move (a reschedule changes no state but needs a confirmed booking, once). */
function legal(b: BookingRow, a: Action, to: { status: BookingStatus; settlement: Settlement | null }): boolean {
  if (a.kind === 'reschedule') return b.status === 'confirmed' && b.rescheduleCount === 0;
  if (!stateIsLegal(to.status, to.settlement)) return false;
  if (a.kind === 'confirm') return b.status === 'pending_payment' && canMoveSettlement(b.settlement, 'held');
  const statusOk = to.status === b.status || canMoveStatus(b.status, to.status);
  const settlementOk = to.settlement === b.settlement || (to.settlement !== null && canMoveSettlement(b.settlement, to.settlement));
  return statusOk && settlementOk && (to.status !== b.status || to.settlement !== b.settlement);
}

/** Runs the action through the transition functions: the moved row, or null when they refused it. */
async function perform(b: BookingRow, a: Action): Promise<BookingRow | null> {
  const now = new Date(T0.getTime() - 48 * HOUR);
  try {
    return await inTransaction(database.db, async (tx) => {
      switch (a.kind) {
        case 'confirm':
          return (await confirmIfHeld(tx, b.id, now)) ?? null;
        case 'cancel':
          return cancel(tx, b, { by: a.by, reason: null }, now);
        case 'expire':
          return expire(tx, b, 'hold_expired', now);
        case 'reschedule': {
          const startsAt = new Date(b.startsAt.getTime() + a.hours * HOUR);
          return reschedule(tx, b, { startsAt, endsAt: new Date(startsAt.getTime() + HOUR) }, now);
        }
        case 'start':
          return start(tx, b, now);
        case 'finish':
          return finish(tx, b, a.outcome, now);
        case 'settle':
          return settle(tx, b, a.to, now);
      }
    });
  } catch (error) {
    if (error instanceof IllegalTransitionError) return null;
    throw error;
  }
}

describe('the booking state machine', () => {
  it('when the migrations ran, then the database holds exactly the transition table of bookings.transitions.ts', async () => {
    const stored = await database.db.select().from(bookingTransitions);
    const key = (p: { machine: string; fromState: string; toState: string }) => `${p.machine}:${p.fromState}→${p.toState}`;
    expect(stored.map(key).sort()).toEqual(transitionPairs().map(key).sort());
  });

  it('when a booking is inserted in any state but pending_payment with nothing settled, then the database refuses it', async () => {
    const b = await freshBooking();
    expect(b).toMatchObject({ status: 'pending_payment', settlement: null });
    for (const status of STATUSES.filter((s) => s !== 'pending_payment')) {
      const error = await database.db
        .execute(sql`insert into bookings (code, mentor_id, student_id, kind, starts_at, ends_at, earliest_starts_at, topic, price_paise, commission_paise, gateway_fee_paise, mentor_share_paise, hold_expires_at, status)
          select 'MC-X-' || ${status}, mentor_id, student_id, kind, starts_at, ends_at, earliest_starts_at, topic, price_paise, commission_paise, gateway_fee_paise, mentor_share_paise, hold_expires_at, ${status}::booking_status from bookings where id = ${b.id}`)
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(pgErrorCode(error), status).toBe(PG_CHECK_VIOLATION);
    }
  });

  it(
    'for any sequence of booking actions, the transition functions and the database rule give the same answer, and every row stays in a legal state',
    async () => {
      let refusedByBoth = 0;
      let acceptedByBoth = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 8 }), async (actions) => {
          let b = await freshBooking();
          const path: string[] = [`${b.status}/${b.settlement ?? 'none'}`];
          for (const a of actions) {
            const to = intended(b, a);
            const allowed = legal(b, a, to);
            // The database on its own (a state change only; a reschedule changes none).
            if (a.kind !== 'reschedule' && (to.status !== b.status || to.settlement !== b.settlement)) {
              expect(await databaseAccepts(b.id, to), `database on ${JSON.stringify(a)} from ${path.at(-1)}`).toBe(allowed);
            }
            const moved = await perform(b, a);
            expect(moved !== null, `transition functions on ${JSON.stringify(a)} from ${path.at(-1)}`).toBe(allowed);
            if (allowed) acceptedByBoth += 1;
            else refusedByBoth += 1;
            const [stored] = await database.db.select().from(bookings).where(eq(bookings.id, b.id));
            if (moved) {
              expect({ status: stored!.status, settlement: stored!.settlement }).toEqual(to);
              b = stored!;
              path.push(`${b.status}/${b.settlement ?? 'none'}`);
            } else {
              expect({ status: stored!.status, settlement: stored!.settlement }, 'a refused move changes nothing').toEqual({ status: b.status, settlement: b.settlement });
            }
            expect(stateIsLegal(b.status, b.settlement), `a legal state after ${path.join(' → ')}`).toBe(true);
            expect(b.earliestStartsAt.getTime()).toBeLessThanOrEqual(b.startsAt.getTime());
          }
        }),
        { numRuns: propertyRuns() },
      );
      // Both kinds of answer were exercised.
      expect(acceptedByBoth).toBeGreaterThan(100);
      expect(refusedByBoth).toBeGreaterThan(100);
      const [row] = rowsOf<{ n: number }>(await database.db.execute(sql`select count(*)::int as n from bookings`));
      expect(row!.n).toBeGreaterThanOrEqual(propertyRuns());
    },
    120_000,
  );
});
