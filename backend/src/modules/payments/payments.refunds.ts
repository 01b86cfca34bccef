import { and, eq, or, sql } from 'drizzle-orm';
import { claimDue, retryLater } from '../../db/claim.js';
import type { Db } from '../../db/client.js';
import { inTransaction } from '../../db/transaction.js';
import { nextAttemptAt } from '../../lib/backoff.js';
import { clock } from '../../lib/clock.js';
import { publish } from '../../lib/events.js';
import { createTransfers } from '../ledger/ledger.service.js';
import type { ProviderRefund } from './payment-provider.js';
import type { PaymentsContext, RefundRow } from './payments.context.js';
import { payments, refunds } from './payments.tables.js';

/**
 * Refunds: decided by whoever sold the thing (inside its transaction), sent to the gateway by a job, and
 * followed to `processed`. The ledger side of a refund leaving us — `refunds_payable → gateway_clearing` — is
 * recorded here, the first time the gateway refund is seen.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Retries of a refund the gateway did not take: 30 s, 1 min, 2 min, … at most hourly. */
const REFUND_RETRY = { baseMs: 30_000, maxMs: 3_600_000 };
/** A claimed refund is sent within this time, or a later pass takes it over (the gateway call is idempotent). */
const REFUND_LEASE_MS = 60_000;

export const gatewayRefundTransferId = (refundId: string) => `refund:${refundId}:gateway`;

/**
 * Decides a refund of a captured payment, in the caller's transaction; the refund job sends it to the gateway
 * once that commits. At most one refund per booking: a second decision is a no-op (returns undefined).
 */
export async function requestRefund(
  tx: Db,
  input: { paymentId: string; bookingId: string; amountPaise: number; percent: number; reason: string; now: Date },
): Promise<RefundRow | undefined> {
  const [refund] = await tx
    .insert(refunds)
    .values({
      paymentId: input.paymentId,
      bookingId: input.bookingId,
      amountPaise: input.amountPaise,
      percent: input.percent,
      reason: input.reason,
      createdAt: input.now,
      nextAttemptAt: input.now,
    })
    .onConflictDoNothing()
    .returning();
  if (refund) publish(tx, { type: 'refund.requested', refundId: refund.id, bookingId: refund.bookingId });
  return refund;
}

const refundRank: Record<RefundRow['status'], number> = { requested: 0, pending: 1, processed: 2, failed: 2 };

/**
 * Records what the gateway says about one of our refunds (from the create call, a webhook or reconciliation).
 * The first time the gateway refund is seen, the money leaves `refunds_payable`; status only moves forwards.
 */
export async function applyGatewayRefund(ctx: PaymentsContext, gr: ProviderRefund, now: Date): Promise<boolean> {
  return inTransaction(ctx.db, async (tx) => {
    // Our refund id travels as the receipt; both columns are indexed (a cast of the key would not be).
    const ours = gr.receipt && UUID.test(gr.receipt) ? eq(refunds.id, gr.receipt) : undefined;
    const [row] = await tx
      .select()
      .from(refunds)
      .where(or(eq(refunds.gatewayRefundId, gr.id), ours))
      .for('update');
    if (!row) return false;
    if (row.gatewayRefundId && row.gatewayRefundId !== gr.id) return false;
    if (!row.gatewayRefundId) {
      const [payment] = await tx.select().from(payments).where(eq(payments.id, row.paymentId)).for('update');
      await createTransfers(
        tx,
        [{ id: gatewayRefundTransferId(row.id), debit: 'refunds_payable', credit: 'gateway_clearing', amount: row.amountPaise, code: 'gateway_refund', bookingId: row.bookingId, externalRef: gr.id }],
        now,
      );
      const refunded = payment!.refundedPaise + row.amountPaise;
      await tx
        .update(payments)
        .set({ refundedPaise: refunded, status: refunded >= payment!.amountPaise ? 'refunded' : 'partially_refunded', updatedAt: now })
        .where(eq(payments.id, payment!.id));
    }
    const status = refundRank[gr.status] > refundRank[row.status] || row.status === 'requested' ? gr.status : row.status;
    const processedNow = status === 'processed' && row.status !== 'processed';
    const [updated] = await tx
      .update(refunds)
      .set({ gatewayRefundId: gr.id, status, processedAt: status === 'processed' ? (row.processedAt ?? now) : row.processedAt, lastError: null })
      .where(eq(refunds.id, row.id))
      .returning();
    if (processedNow) {
      publish(tx, { type: 'refund.processed', refundId: row.id, bookingId: row.bookingId });
      await ctx.reactions.refundProcessed(tx, { refund: updated!, at: now });
    }
    return true;
  });
}

/** Sends refunds we decided on to the gateway; a retry finds the earlier attempt by its receipt. */
export async function runProcessRefunds(ctx: PaymentsContext, now = clock.now(), batchSize = 10): Promise<number> {
  const claimed = await claimDue(ctx.db, refunds, {
    key: 'id',
    due: 'nextAttemptAt',
    waiting: eq(refunds.status, 'requested'),
    orderBy: ['createdAt'],
    now,
    leaseMs: REFUND_LEASE_MS,
    batchSize,
    set: { attempts: sql`${refunds.attempts} + 1` },
  });
  for (const row of claimed) {
    try {
      const [payment] = await ctx.db.select({ gatewayPaymentId: payments.gatewayPaymentId }).from(payments).where(eq(payments.id, row.paymentId));
      if (!payment?.gatewayPaymentId) throw new Error('the payment has no gateway payment id');
      const gr = await ctx.provider.refund(payment.gatewayPaymentId, { amountPaise: row.amountPaise, refundId: row.id, notes: { booking_id: row.bookingId } });
      await applyGatewayRefund(ctx, gr, now);
    } catch (error) {
      ctx.logger.warn({ err: error, refundId: row.id }, 'refund could not be sent to the gateway; will retry');
      await retryLater(ctx.db, refunds, {
        key: 'id',
        id: row.id,
        due: 'nextAttemptAt',
        next: nextAttemptAt(now, row.attempts, REFUND_RETRY),
        set: { lastError: String(error instanceof Error ? error.message : error).slice(0, 500) },
      });
    }
  }
  return claimed.length;
}

/** Refunds the gateway still reports as pending a minute after we made them: ask how they ended. */
export async function reconcilePendingRefunds(ctx: PaymentsContext, now: Date, batchSize: number): Promise<void> {
  const pending = await ctx.db
    .select({ refund: refunds, gatewayPaymentId: payments.gatewayPaymentId })
    .from(refunds)
    .innerJoin(payments, eq(payments.id, refunds.paymentId))
    .where(and(eq(refunds.status, 'pending'), sql`${refunds.createdAt} <= ${now.toISOString()}::timestamptz - interval '1 minute'`))
    .limit(batchSize);
  for (const { refund, gatewayPaymentId } of pending) {
    try {
      const found = (await ctx.provider.fetchRefunds(gatewayPaymentId!)).find((r) => r.id === refund.gatewayRefundId);
      if (found && found.status !== 'pending') await applyGatewayRefund(ctx, found, now);
    } catch (error) {
      ctx.logger.warn({ err: error, refundId: refund.id }, 'reconciliation of a refund failed; will retry');
    }
  }
}
