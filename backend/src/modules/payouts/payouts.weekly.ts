import { TZDate } from '@date-fns/tz';
import { getISOWeek, getISOWeekYear } from 'date-fns';
import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import { inTransaction } from '../../db/transaction.js';
import { clock } from '../../lib/clock.js';
import { PG_CHECK_VIOLATION, PG_UNIQUE_VIOLATION, pgErrorCode } from '../../lib/db-errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { walletBalance } from '../ledger/ledger.service.js';
import type { PayoutsContext } from './payouts.context.js';
import { holdWithdrawal } from './payouts.ledger.js';
import { notifyWithdrawal } from './payouts.notifications.js';
import { payoutMethods, withdrawals } from './payouts.tables.js';

/**
 * Weekly automatic payouts (PRODUCT.md §8): for every mentor who opted in, on Monday at 06:00 India time, the whole
 * available balance if it is at least the minimum. The mentor asked for it in advance, so it goes straight to the
 * gateway (approved by the schedule, audited as such). At most one per mentor and week (a unique index), so two
 * instances running the job at once, or a run repeated, pay each mentor once; a run within a day after the hour
 * catches up on a missed one, and outside that window the job does nothing.
 */

const ZONE = 'Asia/Kolkata';
const RUN_HOUR = 6;
const CATCH_UP_MS = 24 * 3_600_000;
const BATCH = 200;

/** The week's payout moment (its Monday 06:00 IST) at or before `now`, and the week's name (`2026-W49`). */
export function weeklyPayoutMoment(now: Date): { at: Date; week: string } {
  const local = new TZDate(now.getTime(), ZONE);
  const sinceMonday = (local.getDay() + 6) % 7;
  let monday = new TZDate(local.getFullYear(), local.getMonth(), local.getDate() - sinceMonday, RUN_HOUR, 0, ZONE);
  if (monday.getTime() > now.getTime()) monday = new TZDate(local.getFullYear(), local.getMonth(), local.getDate() - sinceMonday - 7, RUN_HOUR, 0, ZONE);
  return { at: new Date(monday.getTime()), week: `${getISOWeekYear(monday)}-W${String(getISOWeek(monday)).padStart(2, '0')}` };
}

export async function runWeeklyPayouts(ctx: PayoutsContext, now = clock.now()): Promise<number> {
  const { at, week } = weeklyPayoutMoment(now);
  if (now.getTime() - at.getTime() >= CATCH_UP_MS) return 0;
  let created = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    // Opted-in mentors without this week's payout, in id order (a cursor, so mentors skipped for a low balance are not seen twice).
    const batch = await ctx.db
      .select({ mentorId: payoutMethods.mentorId, type: payoutMethods.type, masked: payoutMethods.masked })
      .from(payoutMethods)
      .where(
        and(
          eq(payoutMethods.autoPayout, true),
          gt(payoutMethods.mentorId, after),
          sql`not exists (select 1 from ${withdrawals} w where w.mentor_id = ${payoutMethods.mentorId} and w.week = ${week})`,
        ),
      )
      .orderBy(asc(payoutMethods.mentorId))
      .limit(BATCH);
    for (const m of batch) {
      if (await payOne(ctx, m, week, now)) created++;
    }
    if (batch.length < BATCH) return created;
    after = batch[batch.length - 1]!.mentorId;
  }
}

async function payOne(ctx: PayoutsContext, m: { mentorId: string; type: 'bank' | 'upi'; masked: string }, week: string, now: Date): Promise<boolean> {
  try {
    return await inTransaction(ctx.db, async (tx) => {
      const { availablePaise } = await walletBalance(tx, m.mentorId);
      if (availablePaise < ctx.minWithdrawalPaise) return false;
      const open = await tx
        .select({ id: withdrawals.id })
        .from(withdrawals)
        .where(and(eq(withdrawals.mentorId, m.mentorId), inArray(withdrawals.status, ['requested', 'approved', 'processing'])));
      if (open.length > 0) return false;
      const [row] = await tx
        .insert(withdrawals)
        .values({
          mentorId: m.mentorId,
          amountPaise: availablePaise,
          status: 'approved',
          source: 'weekly',
          week,
          methodType: m.type,
          methodMasked: m.masked,
          requestedAt: now,
          approvedAt: now,
          nextAttemptAt: now,
        })
        .returning();
      await holdWithdrawal(tx, row!, now);
      await recordAudit(tx, { actorId: null, action: 'withdrawal.weekly', subjectType: 'withdrawal', subjectId: row!.id, data: { amountPaise: availablePaise, week } }, now);
      await notifyWithdrawal(ctx, tx, row!, 'requested');
      return true;
    });
  } catch (error) {
    // Another instance paid this mentor this week, or the mentor's own request took the money first: nothing to do.
    if (pgErrorCode(error) === PG_UNIQUE_VIOLATION || pgErrorCode(error) === PG_CHECK_VIOLATION) return false;
    throw error;
  }
}
