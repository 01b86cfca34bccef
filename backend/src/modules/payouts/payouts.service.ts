import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { claimDue, retryLater } from '../../db/claim.js';
import type { Db } from '../../db/client.js';
import { inTransaction } from '../../db/transaction.js';
import { nextAttemptAt } from '../../lib/backoff.js';
import { clock } from '../../lib/clock.js';
import { PG_CHECK_VIOLATION, PG_UNIQUE_VIOLATION, pgErrorCode } from '../../lib/db-errors.js';
import { conflict, invalidField, notFound } from '../../lib/errors.js';
import { publish } from '../../lib/events.js';
import { formatInr } from '../../lib/money.js';
import { offsetOf } from '../../lib/pagination.js';
import { recordAudit } from '../audit/audit.service.js';
import { walletBalance } from '../ledger/ledger.service.js';
import { ProviderError } from '../payments/payments.service.js';
import type { ProviderPayout } from '../payments/payments.context.js';
import { getUsers } from '../users/users.service.js';
import type { PayoutsContext, WithdrawalRow } from './payouts.context.js';
import { holdWithdrawal, postPayoutReversal, postWithdrawalPaid, returnWithdrawal } from './payouts.ledger.js';
import { findPayoutMethod, fundAccountFor, payoutMethodMissing, payoutModeFor } from './payouts.methods.js';
import { notifyWithdrawal } from './payouts.notifications.js';
import type { WITHDRAWAL_STATUSES } from './payouts.schemas.js';
import { payoutWebhookEvents, withdrawals } from './payouts.tables.js';

/**
 * Withdrawals (PRODUCT.md §8, property 8): requested by the mentor (the money leaves "available" in the same
 * transaction), approved or rejected by an admin, paid out through RazorpayX by the `process-payouts` job, and
 * followed to processed (with the bank's UTR), failed or reversed by webhooks and, when they don't come, by asking.
 * Every status change happens under the withdrawal's row lock and only moves forwards; the ledger's ids and its
 * resolve-once rule make "paid at most once, returned at most once" hold even against a bug here.
 */

type Status = (typeof WITHDRAWAL_STATUSES)[number];

/** A sent payout that has not finished is asked about after 2 minutes, then less and less often, at most hourly. */
const POLL = { baseMs: 120_000, maxMs: 3_600_000 };
/** Retries of a payout the gateway did not take (or never answered): 30 s, 1 min, 2 min, … at most every 30 min. */
const SEND_RETRY = { baseMs: 30_000, maxMs: 1_800_000 };
/** A claimed withdrawal is sent (or asked about) within this time, or a later pass takes it over. */
const PAYOUT_LEASE_MS = 60_000;
/** Withdrawals of one pass sent at once. */
const PAYOUT_CONCURRENCY = 5;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toWithdrawalDto(row: WithdrawalRow) {
  const steps: Array<[Status, Date | null]> = [
    ['requested', row.requestedAt],
    ['approved', row.approvedAt],
    ['rejected', row.rejectedAt],
    ['processing', row.processingAt],
    ['processed', row.processedAt],
    ['failed', row.failedAt],
    ['reversed', row.reversedAt],
  ];
  return {
    id: row.id,
    amountPaise: row.amountPaise,
    status: row.status,
    source: row.source,
    method: { type: row.methodType, masked: row.methodMasked },
    requestedAt: row.requestedAt.toISOString(),
    timeline: steps.filter(([, at]) => at !== null).map(([status, at]) => ({ status, at: iso(at)! })),
    payoutId: row.payoutId,
    utr: row.utr,
    failureReason: row.failureReason,
    rejectReason: row.rejectReason,
  };
}

export type WithdrawalDto = ReturnType<typeof toWithdrawalDto>;

// ---- the mentor ------------------------------------------------------------------------------------------

/**
 * Requests a withdrawal of `amountPaise` (at least the minimum, at most what is available) to the current payout
 * method. The pending ledger transfer is written in the same transaction: the wallet's CHECK refuses a request the
 * balance can't cover even when two race, and the one-open-request index refuses a second request.
 */
export async function requestWithdrawal(ctx: PayoutsContext, mentorId: string, amountPaise: number, now = clock.now()): Promise<WithdrawalDto> {
  if (amountPaise < ctx.minWithdrawalPaise) throw invalidField('amountPaise', `The smallest withdrawal is ${formatInr(ctx.minWithdrawalPaise)}`);
  const method = await findPayoutMethod(ctx, mentorId);
  if (!method) throw payoutMethodMissing();
  try {
    return await inTransaction(ctx.db, async (tx) => {
      const { availablePaise } = await walletBalance(tx, mentorId);
      if (amountPaise > availablePaise) throw invalidField('amountPaise', `You can withdraw at most ${formatInr(availablePaise)}`);
      const [row] = await tx
        .insert(withdrawals)
        .values({ mentorId, amountPaise, methodType: method.type, methodMasked: method.masked, requestedAt: now, nextAttemptAt: now })
        .returning();
      await holdWithdrawal(tx, row!, now);
      await recordAudit(tx, { actorId: mentorId, action: 'withdrawal.requested', subjectType: 'withdrawal', subjectId: row!.id, data: { amountPaise } }, now);
      await notifyWithdrawal(ctx, tx, row!, 'requested');
      return toWithdrawalDto(row!);
    });
  } catch (error) {
    if (pgErrorCode(error) === PG_UNIQUE_VIOLATION) throw conflict('withdrawal_open', 'You already have a withdrawal on its way; request another once it is done');
    if (pgErrorCode(error) === PG_CHECK_VIOLATION) throw invalidField('amountPaise', 'That is more than your available balance');
    throw error;
  }
}

const NEWEST_FIRST = [desc(withdrawals.requestedAt), desc(withdrawals.id)];

/** A page of withdrawals with the total (counted apart only for a page past the end, where no row carries it). */
const pageOf = async (db: Db, where: ReturnType<typeof and>, page: number, limit: number, order: SQL[] = NEWEST_FIRST) => {
  const rows = await db
    .select({ row: withdrawals, total: sql<number>`count(*) over ()`.mapWith(Number) })
    .from(withdrawals)
    .where(where)
    .orderBy(...order)
    .limit(limit)
    .offset(offsetOf(page, limit));
  return { rows: rows.map((r) => r.row), total: rows[0]?.total ?? (page === 1 ? 0 : await countOf(db, where)) };
};

const countOf = async (db: Db, where: ReturnType<typeof and>) => (await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(withdrawals).where(where))[0]?.n ?? 0;

export async function listWithdrawals(ctx: PayoutsContext, mentorId: string, query: { page: number; limit: number }) {
  const { rows, total } = await pageOf(ctx.db, and(eq(withdrawals.mentorId, mentorId)), query.page, query.limit);
  return { items: rows.map(toWithdrawalDto), page: query.page, limit: query.limit, total };
}

export async function getWithdrawal(ctx: PayoutsContext, mentorId: string, id: string): Promise<WithdrawalDto> {
  const [row] = await ctx.db.select().from(withdrawals).where(and(eq(withdrawals.id, id), eq(withdrawals.mentorId, mentorId)));
  if (!row) throw notFound('Withdrawal');
  return toWithdrawalDto(row);
}

// ---- the admin -------------------------------------------------------------------------------------------

/** The queue: requested ones oldest first (the next to decide on top); any other status newest first. */
export async function adminListWithdrawals(ctx: PayoutsContext, query: { status?: Status; page: number; limit: number }) {
  const where = query.status ? eq(withdrawals.status, query.status) : undefined;
  const order = query.status === 'requested' ? [asc(withdrawals.requestedAt), asc(withdrawals.id)] : NEWEST_FIRST;
  const { rows, total } = await pageOf(ctx.db, where, query.page, query.limit, order);
  const mentors = new Map((await getUsers(ctx.db, [...new Set(rows.map((r) => r.mentorId))])).map((u) => [u.id, { id: u.id, name: u.name, email: u.email }]));
  return { items: rows.map((r) => ({ ...toWithdrawalDto(r), mentor: mentors.get(r.mentorId)! })), page: query.page, limit: query.limit, total };
}

async function lockWithdrawal(tx: Db, id: string): Promise<WithdrawalRow> {
  const [row] = await tx.select().from(withdrawals).where(eq(withdrawals.id, id)).for('update');
  if (!row) throw notFound('Withdrawal');
  return row;
}

const notRequested = (row: WithdrawalRow) => conflict('withdrawal_not_requested', `This withdrawal is ${row.status}, no longer waiting for a decision`, { status: row.status });

/** Approves a requested withdrawal; the payout is made by the `process-payouts` job right after this commits. */
export async function approveWithdrawal(ctx: PayoutsContext, adminId: string, id: string, now = clock.now()): Promise<WithdrawalDto> {
  return inTransaction(ctx.db, async (tx) => {
    const row = await lockWithdrawal(tx, id);
    if (row.status !== 'requested') throw notRequested(row);
    const [updated] = await tx
      .update(withdrawals)
      .set({ status: 'approved', approvedAt: now, decidedBy: adminId, nextAttemptAt: now })
      .where(eq(withdrawals.id, id))
      .returning();
    await recordAudit(tx, { actorId: adminId, action: 'withdrawal.approved', subjectType: 'withdrawal', subjectId: id, data: { amountPaise: row.amountPaise, mentorId: row.mentorId } }, now);
    await notifyWithdrawal(ctx, tx, updated!, 'approved');
    publish(tx, { type: 'withdrawal.approved', withdrawalId: id });
    return toWithdrawalDto(updated!);
  });
}

/** Rejects a requested withdrawal: the money is back in the wallet in the same transaction. */
export async function rejectWithdrawal(ctx: PayoutsContext, adminId: string, id: string, reason: string, now = clock.now()): Promise<WithdrawalDto> {
  return inTransaction(ctx.db, async (tx) => {
    const row = await lockWithdrawal(tx, id);
    if (row.status !== 'requested') throw notRequested(row);
    await returnWithdrawal(tx, row, now);
    const [updated] = await tx
      .update(withdrawals)
      .set({ status: 'rejected', rejectedAt: now, rejectReason: reason, decidedBy: adminId })
      .where(eq(withdrawals.id, id))
      .returning();
    await recordAudit(tx, { actorId: adminId, action: 'withdrawal.rejected', subjectType: 'withdrawal', subjectId: id, data: { amountPaise: row.amountPaise, mentorId: row.mentorId, reason } }, now);
    await notifyWithdrawal(ctx, tx, updated!, 'rejected');
    return toWithdrawalDto(updated!);
  });
}

// ---- what the gateway says -------------------------------------------------------------------------------

/** The gateway's payout states in ours: on its way, arrived, or it did not go (or came back). */
const TARGET: Record<ProviderPayout['status'], Status> = {
  queued: 'processing',
  pending: 'processing',
  processing: 'processing',
  processed: 'processed',
  failed: 'failed',
  rejected: 'failed',
  cancelled: 'failed',
  reversed: 'reversed',
};

/** Which moves are forwards. A late `processing` after `processed`, or a `failed` after `processed`, changes nothing. */
const NEXT: Partial<Record<Status, Status[]>> = {
  approved: ['processing', 'processed', 'failed', 'reversed'],
  processing: ['processed', 'failed', 'reversed'],
  processed: ['reversed'],
};

/**
 * Applies what the gateway says of one of our payouts (the create call's answer, a webhook, or a poll), in the
 * caller's transaction, under the withdrawal's row lock. Only forward moves apply, each moving the money once.
 * Returns the withdrawal as it now stands, or null when the payout is not one of ours.
 */
export async function applyPayoutTx(ctx: PayoutsContext, tx: Db, payout: ProviderPayout, now: Date): Promise<WithdrawalRow | null> {
  const byPayout = await tx.select({ id: withdrawals.id }).from(withdrawals).where(eq(withdrawals.payoutId, payout.id));
  const id = byPayout[0]?.id ?? (UUID.test(payout.referenceId) ? payout.referenceId : null);
  if (!id) return null;
  const [row] = await tx.select().from(withdrawals).where(eq(withdrawals.id, id)).for('update');
  if (!row || (row.payoutId && row.payoutId !== payout.id)) return null;
  if (payout.amountPaise !== row.amountPaise) throw new Error(`payout ${payout.id} is for ${payout.amountPaise} paise, withdrawal ${row.id} for ${row.amountPaise}`);
  const target = TARGET[payout.status];
  const moves = NEXT[row.status]?.includes(target) ?? false;
  const utr = payout.utr ?? row.utr;
  if (!moves) {
    // Nothing to move; still learn the payout id and the UTR if this is the first we hear of them.
    if (row.payoutId === payout.id && row.utr === utr) return row;
    const [same] = await tx.update(withdrawals).set({ payoutId: payout.id, utr }).where(eq(withdrawals.id, row.id)).returning();
    return same!;
  }
  const set: Partial<WithdrawalRow> = { status: target, payoutId: payout.id, utr, lastError: null };
  if (target === 'processing') {
    set.processingAt = now;
    set.nextAttemptAt = nextAttemptAt(now, 0, POLL);
    set.attempts = 0;
  }
  if (target === 'processed') {
    await postWithdrawalPaid(tx, row, payout.id, now);
    Object.assign(set, { processingAt: row.processingAt ?? now, processedAt: now });
  }
  if (target === 'failed') {
    await returnWithdrawal(tx, row, now);
    Object.assign(set, { failedAt: now, failureReason: payout.failureReason ?? 'The bank did not accept the transfer' });
  }
  if (target === 'reversed') {
    // Reversed after we saw it paid: the bank sent the money back. Before that (the processed webhook was lost), it never left.
    if (row.status === 'processed') await postPayoutReversal(tx, row, payout.id, now);
    else await returnWithdrawal(tx, row, now);
    Object.assign(set, { reversedAt: now, failureReason: payout.failureReason ?? 'The bank returned the transfer' });
  }
  const [updated] = await tx.update(withdrawals).set(set).where(eq(withdrawals.id, row.id)).returning();
  await recordAudit(tx, { actorId: null, action: `withdrawal.${target}`, subjectType: 'withdrawal', subjectId: row.id, data: { payoutId: payout.id, utr, amountPaise: row.amountPaise } }, now);
  await notifyWithdrawal(ctx, tx, updated!, target);
  return updated!;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function applyPayout(ctx: PayoutsContext, payout: ProviderPayout, now = clock.now()): Promise<WithdrawalRow | null> {
  return inTransaction(ctx.db, (tx) => applyPayoutTx(ctx, tx, payout, now));
}

/**
 * A verified payout webhook: stored once per (payout, status) as RazorpayX advises, and applied in the same
 * transaction (a short one: no gateway call). Returns whether it was new.
 */
export async function receivePayoutWebhook(ctx: PayoutsContext, payload: Record<string, unknown>, now = clock.now()): Promise<'applied' | 'duplicate' | 'ignored'> {
  let webhook;
  try {
    webhook = ctx.provider.parseWebhook(payload);
  } catch (error) {
    // A status this adapter does not know: logged to be looked at, answered 200 so the gateway does not retry for a day.
    ctx.logger.error({ err: error, event: payload.event }, 'payout webhook not understood');
    return 'ignored';
  }
  if (webhook.kind !== 'payout') return 'ignored';
  return inTransaction(ctx.db, async (tx) => {
    const fresh = await tx
      .insert(payoutWebhookEvents)
      .values({ payoutId: webhook.payout.id, status: webhook.payout.status, event: webhook.event, payload, receivedAt: now })
      .onConflictDoNothing()
      .returning({ payoutId: payoutWebhookEvents.payoutId });
    if (fresh.length === 0) return 'duplicate';
    return (await applyPayoutTx(ctx, tx, webhook.payout, now)) ? 'applied' : 'ignored';
  });
}

// ---- the job ---------------------------------------------------------------------------------------------

/** Refused outright (bad details, a rule of the gateway): the withdrawal fails and the money comes back. */
const refused = (error: unknown) => error instanceof ProviderError && !error.outcomeUnknown && (error.statusCode === 400 || error.statusCode === 422);

async function failWithdrawal(ctx: PayoutsContext, id: string, reason: string, now: Date): Promise<void> {
  await inTransaction(ctx.db, async (tx) => {
    const row = await lockWithdrawal(tx, id);
    if (row.status !== 'approved') return;
    await returnWithdrawal(tx, row, now);
    const [updated] = await tx.update(withdrawals).set({ status: 'failed', failedAt: now, failureReason: reason.slice(0, 300) }).where(eq(withdrawals.id, id)).returning();
    await recordAudit(tx, { actorId: null, action: 'withdrawal.failed', subjectType: 'withdrawal', subjectId: id, data: { reason } }, now);
    await notifyWithdrawal(ctx, tx, updated!, 'failed');
  });
}

/** Sends an approved withdrawal's payout. The idempotency key is the withdrawal's id, so a retry never pays twice. */
async function sendPayout(ctx: PayoutsContext, row: WithdrawalRow, now: Date): Promise<void> {
  let fundAccountId = row.fundAccountId;
  if (!fundAccountId) {
    const fund = await fundAccountFor(ctx, row.mentorId);
    // The first attempt fixes where the money goes: every retry sends the identical body.
    const [kept] = await ctx.db
      .update(withdrawals)
      .set({ fundAccountId: sql`coalesce(${withdrawals.fundAccountId}, ${fund.fundAccountId})` })
      .where(eq(withdrawals.id, row.id))
      .returning({ fundAccountId: withdrawals.fundAccountId });
    fundAccountId = kept!.fundAccountId!;
  }
  const payout = await ctx.provider.createPayout({
    fundAccountId,
    amountPaise: row.amountPaise,
    mode: payoutModeFor(row.methodType, row.amountPaise),
    referenceId: row.id,
    narration: 'Mentor Connect payout',
    idempotencyKey: row.id,
  });
  await applyPayout(ctx, payout, now);
}

/** Sends one claimed withdrawal's payout (approved) or asks how it ended (processing); a failure is retried later. */
async function handleClaimed(ctx: PayoutsContext, row: WithdrawalRow, now: Date): Promise<void> {
  try {
    if (row.status === 'approved') {
      await sendPayout(ctx, row, now);
    } else {
      const after = await applyPayout(ctx, await ctx.provider.fetchPayout(row.payoutId!), now);
      if (after?.status === 'processing') await retryLater(ctx.db, withdrawals, { key: 'id', id: row.id, due: 'nextAttemptAt', next: nextAttemptAt(now, row.attempts, POLL) });
    }
  } catch (error) {
    const message = String(error instanceof Error ? error.message : error).slice(0, 500);
    if (row.status === 'approved' && refused(error)) {
      ctx.logger.warn({ err: error, withdrawalId: row.id }, 'the gateway refused a payout; the money goes back to the wallet');
      await failWithdrawal(ctx, row.id, `The payout was refused: ${message}`, now);
      return;
    }
    ctx.logger.warn({ err: error, withdrawalId: row.id }, 'payout could not be sent or checked; will retry with the same key');
    await retryLater(ctx.db, withdrawals, { key: 'id', id: row.id, due: 'nextAttemptAt', next: nextAttemptAt(now, row.attempts, row.status === 'approved' ? SEND_RETRY : POLL), set: { lastError: message } });
  }
}

/**
 * One pass of `process-payouts`: approved withdrawals are sent to the gateway, and sent ones still on their way are
 * asked about (the fallback for a webhook that never came). Claimed with a lease, so any number of instances can run
 * it and a pass can die anywhere: a withdrawal whose answer never came is sent again with the same idempotency key,
 * and the gateway answers with the payout it already made — it is resolved by asking, never by guessing.
 */
export async function runProcessPayouts(ctx: PayoutsContext, now = clock.now(), batchSize = 10): Promise<number> {
  const claimed = await claimDue(ctx.db, withdrawals, {
    key: 'id',
    due: 'nextAttemptAt',
    waiting: inArray(withdrawals.status, ['approved', 'processing']),
    orderBy: ['nextAttemptAt', 'id'],
    now,
    leaseMs: PAYOUT_LEASE_MS,
    batchSize,
    set: { attempts: sql`${withdrawals.attempts} + 1` },
  });
  // A few at a time: each is one to three gateway round trips, waited on rather than computed.
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(PAYOUT_CONCURRENCY, claimed.length) }, async () => {
      while (next < claimed.length) await handleClaimed(ctx, claimed[next++]!, now);
    }),
  );
  return claimed.length;
}

/** How many withdrawals wait for an admin's approval (for the admin's queue counts, composed into one statement). */
export const requestedWithdrawalsCount = (): SQL<number> => sql<number>`(select count(*)::int from ${withdrawals} where status = 'requested')`;
