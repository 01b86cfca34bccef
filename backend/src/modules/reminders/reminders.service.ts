import { inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { inTransaction } from '../../db/transaction.js';
import { clock } from '../../lib/clock.js';
import { retryOnTransientConflict } from '../../lib/db-errors.js';
import type { BookingContext } from '../bookings/bookings.context.js';
import { lockSeatsTakingPlace, seatsStartingWithin, type UpcomingSeat } from '../bookings/bookings.service.js';
import { notify } from '../notifications/notifications.service.js';
import { reminderNotices, type Reminder } from './reminders.notifications.js';
import { dueKinds, dueStarts, reminderRules } from './reminders.policy.js';
import { sessionReminders } from './reminders.tables.js';

/**
 * The `send-reminders` job (PRODUCT.md §6): both people of every session taking place are reminded 24 h and 15 min
 * before it and when its call opens, in-app and by email, once each (late limits: reminders.policy.ts).
 *
 * A pass reads the seats whose reminders are due (one statement of bookings'), leaves out the reminders already
 * decided (session_reminders), and tells the rest in transactions of up to `chunk`: each locks its seats (shared,
 * skipping any being changed), drops those cancelled or moved meanwhile, inserts the reminders' keys — a key another
 * instance inserted first makes the insert wait for it and then skip the reminder — and notifies for the keys it
 * inserted, in the same transaction. So a reminder is told exactly once however many instances run the job, and a
 * pass can be killed anywhere. Every instant is `now`.
 */

const chunkSize = 200;

/** A 1-to-1 session is one reminder for both people; a group session is one per seat (its student) and one for its mentor. */
function remindersDue(seats: UpcomingSeat[], rules: ReturnType<typeof reminderRules>, now: Date): Reminder[] {
  const byKey = new Map<string, Reminder>();
  for (const seat of seats) {
    const start = seat.startsAt.toISOString();
    for (const kind of dueKinds(rules, seat.startsAt, now)) {
      const group = seat.kind === 'group' && seat.slotId !== null;
      const own = `booking:${seat.bookingId}:reminder:${kind}:${start}`;
      byKey.set(own, { eventKey: own, kind, startsAt: seat.startsAt, audience: group ? 'student' : 'both', seats: [seat] });
      if (group) {
        const session = `slot:${seat.slotId}:reminder:${kind}:${start}`;
        const found = byKey.get(session);
        if (found) found.seats.push(seat);
        else byKey.set(session, { eventKey: session, kind, startsAt: seat.startsAt, audience: 'mentor', seats: [seat] });
      }
    }
  }
  // One order for every instance, so concurrent passes insert their keys in the same order and never deadlock.
  return [...byKey.values()].sort((a, b) => (a.eventKey < b.eventKey ? -1 : a.eventKey > b.eventKey ? 1 : 0));
}

async function decidedKeys(db: Db, keys: string[]): Promise<Set<string>> {
  const rows = await db.select({ eventKey: sessionReminders.eventKey }).from(sessionReminders).where(inArray(sessionReminders.eventKey, keys));
  return new Set(rows.map((r) => r.eventKey));
}

/** Tells one chunk in the caller's transaction; returns how many of its reminders are now decided (by this pass or another). */
async function tellChunk(ctx: BookingContext, tx: Db, part: Reminder[], now: Date): Promise<number> {
  const live = new Map((await lockSeatsTakingPlace(tx, [...new Set(part.flatMap((r) => r.seats.map((s) => s.bookingId)))])).map((s) => [s.id, s.startsAt.getTime()]));
  const still = part
    .map((r) => ({ ...r, seats: r.seats.filter((s) => live.get(s.bookingId) === r.startsAt.getTime()) }))
    .filter((r) => r.seats.length > 0);
  if (still.length === 0) return 0;
  const inserted = await tx
    .insert(sessionReminders)
    .values(still.map((r) => ({ eventKey: r.eventKey, kind: r.kind, startsAt: r.startsAt, sentAt: now })))
    .onConflictDoNothing()
    .returning({ eventKey: sessionReminders.eventKey });
  const ours = new Set(inserted.map((r) => r.eventKey));
  const words = { publicUrl: ctx.publicUrl, joinOpensMinutesBefore: ctx.policy.joinOpensMinutesBefore };
  await notify(
    tx,
    still.filter((r) => ours.has(r.eventKey)).flatMap((r) => reminderNotices(words, r, now)),
  );
  return still.length;
}

/** One pass at `now`; returns how many reminders it decided (0: nothing was due). */
export async function runSendReminders(ctx: BookingContext, now = clock.now(), chunk = chunkSize): Promise<number> {
  const rules = reminderRules(ctx.policy.joinOpensMinutesBefore);
  const due = remindersDue(await seatsStartingWithin(ctx.db, rules.map((rule) => dueStarts(rule, now))), rules, now);
  if (due.length === 0) return 0;
  const decided = await decidedKeys(ctx.db, due.map((r) => r.eventKey));
  const todo = due.filter((r) => !decided.has(r.eventKey));
  let handled = 0;
  for (let i = 0; i < todo.length; i += chunk) {
    const part = todo.slice(i, i + chunk);
    handled += await retryOnTransientConflict(() => inTransaction(ctx.db, (tx) => tellChunk(ctx, tx, part, now)));
  }
  return handled;
}
