import { and, eq, sql } from 'drizzle-orm';
import { lockDue } from '../../db/claim.js';
import type { Db } from '../../db/client.js';
import { inTransaction } from '../../db/transaction.js';
import { clock } from '../../lib/clock.js';
import { availabilityChanged, releaseHeldTime, releaseSeat } from '../availability/availability.service.js';
import { bookings } from './bookings.tables.js';
import { expire, type BookingRow } from './bookings.transitions.js';

/** Gives back what a booking occupied: its seat in a slot, or its held time. */
export async function freeTime(tx: Db, b: Pick<BookingRow, 'id' | 'slotId'>): Promise<void> {
  if (b.slotId) await releaseSeat(tx, b.slotId);
  else await releaseHeldTime(tx, b.id);
}

/** Frees the time of bookings whose payment hold ran out. Idempotent; safe to kill and re-run anywhere. */
export async function runExpireHolds(db: Db, now = clock.now(), batchSize = 50): Promise<number> {
  const expired = await inTransaction(db, async (tx) => {
    const due = await lockDue(tx, bookings, {
      due: and(eq(bookings.status, 'pending_payment'), sql`${bookings.holdExpiresAt} <= ${now.toISOString()}::timestamptz`),
      orderBy: bookings.holdExpiresAt,
      batchSize,
    });
    for (const b of due) {
      await expire(tx, b, 'hold_expired', now);
      await freeTime(tx, b);
    }
    return due.length;
  });
  if (expired > 0) availabilityChanged(db);
  return expired;
}
