import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { inTransaction } from '../../db/transaction.js';
import { BUSINESS_TIME_ZONE, businessDayStartFrom, businessWeekStart, previousBusinessDay } from '../../lib/business-time.js';
import { clock } from '../../lib/clock.js';
import { invalidField, notFound } from '../../lib/errors.js';
import { offsetOf } from '../../lib/pagination.js';
import { recordAudit } from '../audit/audit.service.js';
import { weeklyLedgerReport } from '../ledger/ledger.service.js';
import { userCards } from '../users/users.service.js';
import type { FinanceContext } from './finance.context.js';
import { notifyReconciliationMismatches } from './finance.notifications.js';
import { reconcile, type Mismatch, type ReconciliationResult } from './finance.reconciliation.js';
import { gatherSides } from './finance.sides.js';
import { reconciliationRuns } from './finance.tables.js';

/**
 * The admin's view of the platform's money (PRODUCT.md §9): the revenue dashboard, read from the ledger alone, and
 * reconciliation of our records and ledger against the gateway's payments, refunds and payouts — on demand, and
 * nightly for the day before, each run kept with everything it found.
 */

const DAY_MS = 24 * 3_600_000;
/** The longest period the dashboard sums up. */
export const MAX_SUMMARY_DAYS = 731;
/** The longest period one reconciliation compares (the gateway is listed for all of it). */
export const MAX_RECONCILIATION_DAYS = 92;
/** What the dashboard shows unasked: this week and the eleven before it. */
const DEFAULT_SUMMARY_WEEKS = 12;
/**
 * The nightly run waits this long into the day before it reconciles the one before, so that the day's last
 * payments have been confirmed and its refunds and payouts have reached the gateway.
 */
const NIGHTLY_SETTLE_MS = 2.5 * 3_600_000;

export interface PeriodQuery {
  from?: Date | undefined;
  to?: Date | undefined;
}

/** A period from the query (both ends, or neither for the default), checked: a 422 names the field at fault. */
export function periodOf(query: PeriodQuery, byDefault: () => { from: Date; to: Date }, maxDays: number): { from: Date; to: Date } {
  if (query.from && !query.to) throw invalidField('to', 'Give both from and to, or neither');
  if (query.to && !query.from) throw invalidField('from', 'Give both from and to, or neither');
  const period = query.from && query.to ? { from: query.from, to: query.to } : byDefault();
  if (period.to <= period.from) throw invalidField('to', 'Must be after from');
  if (period.to.getTime() - period.from.getTime() > maxDays * DAY_MS) throw invalidField('to', `At most ${maxDays} days after from`);
  return period;
}

// ---- the revenue dashboard ------------------------------------------------------------------------------

const FIGURES = ['bookings', 'grossPaise', 'platformRevenuePaise', 'gatewayFeesPaise', 'refundsPaise', 'payoutsPaise', 'payoutReversalsPaise'] as const;

/** The money of each week of the period, and the period's totals, in one statement over the ledger. */
export async function financeSummary(db: Db, query: PeriodQuery, now = clock.now()) {
  const period = periodOf(
    query,
    () => ({ from: businessWeekStart(new Date(now.getTime() - (DEFAULT_SUMMARY_WEEKS - 1) * 7 * DAY_MS)), to: businessDayStartFrom(now, 1) }),
    MAX_SUMMARY_DAYS,
  );
  const weeks = await weeklyLedgerReport(db, { ...period, timeZone: BUSINESS_TIME_ZONE });
  const totals = Object.fromEntries(FIGURES.map((figure) => [figure, weeks.reduce((sum, week) => sum + week[figure], 0)])) as Record<(typeof FIGURES)[number], number>;
  return { from: period.from.toISOString(), to: period.to.toISOString(), groupBy: 'week' as const, timeZone: BUSINESS_TIME_ZONE, weeks, totals };
}

// ---- reconciliation --------------------------------------------------------------------------------------

const previousDay = (now: Date) => previousBusinessDay(now);

/** Reconciles a period now, keeping nothing (the admin's look at a period; one per request, in two statements). */
export async function reconciliationOf(ctx: FinanceContext, query: PeriodQuery, now = clock.now()) {
  const period = periodOf(query, () => previousDay(now), MAX_RECONCILIATION_DAYS);
  const result = reconcile(await gatherSides(ctx, period));
  return { from: period.from.toISOString(), to: period.to.toISOString(), ...result };
}

type RunRow = typeof reconciliationRuns.$inferSelect;

function runQuery(db: Db) {
  return db
    .select({
      run: reconciliationRuns,
      actor: { id: userCards.id, name: userCards.name },
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(reconciliationRuns)
    .leftJoin(userCards, eq(userCards.id, reconciliationRuns.actorId));
}

const toRunSummary = ({ run, actor }: { run: RunRow; actor: { id: string | null; name: string | null } | null }) => ({
  id: run.id,
  from: run.periodFrom.toISOString(),
  to: run.periodTo.toISOString(),
  trigger: run.trigger,
  actor: actor?.id ? { id: actor.id, name: actor.name ?? '' } : null,
  checked: run.checked,
  mismatchCount: run.mismatchCount,
  ranAt: run.ranAt.toISOString(),
});

const toRun = (row: { run: RunRow; actor: { id: string | null; name: string | null } | null }) => ({ ...toRunSummary(row), mismatches: row.run.mismatches as Mismatch[] });

export type ReconciliationRunDto = ReturnType<typeof toRun>;

async function storeRun(
  tx: Db,
  input: { period: { from: Date; to: Date }; trigger: RunRow['trigger']; actorId: string | null; result: ReconciliationResult; now: Date },
): Promise<RunRow> {
  const [run] = await tx
    .insert(reconciliationRuns)
    .values({
      periodFrom: input.period.from,
      periodTo: input.period.to,
      trigger: input.trigger,
      actorId: input.actorId,
      checked: input.result.checked,
      mismatches: input.result.mismatches,
      mismatchCount: input.result.mismatches.length,
      ranAt: input.now,
    })
    .returning();
  return run!;
}

/** The admin runs a reconciliation: it is kept (and audited) and returned whole. */
export async function runReconciliation(ctx: FinanceContext, adminId: string, query: PeriodQuery, now = clock.now()): Promise<ReconciliationRunDto> {
  const period = periodOf(query, () => previousDay(now), MAX_RECONCILIATION_DAYS);
  const result = reconcile(await gatherSides(ctx, period));
  const id = await inTransaction(ctx.db, async (tx) => {
    const run = await storeRun(tx, { period, trigger: 'manual', actorId: adminId, result, now });
    await recordAudit(
      tx,
      { actorId: adminId, action: 'reconciliation.run', subjectType: 'reconciliation_run', subjectId: run.id, data: { from: period.from.toISOString(), to: period.to.toISOString(), mismatchCount: run.mismatchCount } },
      now,
    );
    return run.id;
  });
  return getReconciliationRun(ctx.db, id);
}

/** The business day the nightly run at `now` reconciles: the one before the day `now` falls in, once settled. */
export function nightlyPeriod(now: Date): { from: Date; to: Date } {
  return previousDay(new Date(now.getTime() - NIGHTLY_SETTLE_MS));
}

/**
 * The nightly job's step: reconciles the previous business day once and returns how many items it compared. A
 * run already kept for that day makes it a no-op (0), so the schedule may fire it several times a night, on any
 * number of instances, and a failed attempt (the gateway down) is simply made again at the next firing. Mismatches
 * are told to every admin, in-app.
 */
export async function runNightlyReconciliation(ctx: FinanceContext, now = clock.now()): Promise<number> {
  const period = nightlyPeriod(now);
  const done = (db: Db) =>
    db
      .select({ id: reconciliationRuns.id })
      .from(reconciliationRuns)
      .where(and(eq(reconciliationRuns.trigger, 'nightly'), eq(reconciliationRuns.periodFrom, period.from), eq(reconciliationRuns.periodTo, period.to)))
      .limit(1);
  if ((await done(ctx.db)).length > 0) return 0;
  const result = reconcile(await gatherSides(ctx, period));
  return inTransaction(ctx.db, async (tx) => {
    // Two instances may have compared the same day at once: the first to take the day's lock keeps its run.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`reconciliation:nightly:${period.from.toISOString()}`}))`);
    if ((await done(tx)).length > 0) return 0;
    const run = await storeRun(tx, { period, trigger: 'nightly', actorId: null, result, now });
    if (run.mismatchCount > 0) {
      ctx.logger.warn({ runId: run.id, mismatches: run.mismatchCount, from: period.from.toISOString() }, 'reconciliation found mismatches');
      await notifyReconciliationMismatches(tx, run);
    }
    return result.checked.payments + result.checked.refunds + result.checked.payouts;
  });
}

/** The runs kept, newest first, without their mismatches (one statement; two for a page past the end). */
export async function listReconciliationRuns(db: Db, query: { page: number; limit: number }) {
  const rows = await runQuery(db)
    .orderBy(desc(reconciliationRuns.ranAt), desc(reconciliationRuns.id))
    .limit(query.limit)
    .offset(offsetOf(query.page, query.limit));
  const total = rows[0]?.total ?? (query.page > 1 ? await db.$count(reconciliationRuns) : 0);
  return { items: rows.map(toRunSummary), page: query.page, limit: query.limit, total };
}

export async function getReconciliationRun(db: Db, id: string): Promise<ReconciliationRunDto> {
  const [row] = await runQuery(db).where(eq(reconciliationRuns.id, id));
  if (!row) throw notFound('Reconciliation run');
  return toRun(row);
}
