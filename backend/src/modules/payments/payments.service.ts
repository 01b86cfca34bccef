import { and, eq, inArray, notInArray, sql } from 'drizzle-orm';
import { claimDue } from '../../db/claim.js';
import type { Db } from '../../db/client.js';
import { inTransaction } from '../../db/transaction.js';
import { clock } from '../../lib/clock.js';
import { AppError, notFound } from '../../lib/errors.js';
import { publish } from '../../lib/events.js';
import { ProviderError, type ProviderPayment } from './payment-provider.js';
import type { PaymentRow, PaymentsContext } from './payments.context.js';
import { reconcilePendingRefunds } from './payments.refunds.js';
import { payments } from './payments.tables.js';

/**
 * Payments: one gateway order per thing sold, and what became of it (DESIGN.md §4.2–4.4, 4.7). The only door to
 * the gateway. A payment is confirmed by whichever of the verified checkout, a webhook or reconciliation gets
 * there first; the others find it done. What the money pays for is another module's business: payments tells it
 * through `ctx.reactions`, inside the transaction that records the money.
 */

/** A payment whose money reached us (and may have gone back in part or whole). */
export const PAID_STATUSES: PaymentRow['status'][] = ['captured', 'refunded', 'partially_refunded'];
const OPEN_STATUSES: PaymentRow['status'][] = ['created', 'authorized', 'failed'];

export const isPaid = (status: PaymentRow['status']) => PAID_STATUSES.includes(status);

// ---- opening an order -----------------------------------------------------------------------------------

export interface OpenOrderInput {
  bookingId: string;
  studentId: string;
  amountPaise: number;
  /** Shown in the gateway's dashboard (the booking code). */
  receipt: string;
  notes: Record<string, string>;
  now: Date;
}

/**
 * Opens a gateway order with automatic capture and records it. A call that got no answer is tried once more: a
 * second order for the same purchase is harmless, since only the stored one can be paid.
 */
export async function openOrder(ctx: PaymentsContext, input: OpenOrderInput): Promise<PaymentRow> {
  const order = { amountPaise: input.amountPaise, receipt: input.receipt, notes: input.notes, capture: 'automatic' as const };
  let orderId: string;
  try {
    orderId = (await ctx.provider.createOrder(order)).id;
  } catch (error) {
    if (!(error instanceof ProviderError && error.outcomeUnknown)) throw error;
    orderId = (await ctx.provider.createOrder(order)).id;
  }
  const [payment] = await ctx.db
    .insert(payments)
    .values({
      bookingId: input.bookingId,
      studentId: input.studentId,
      provider: ctx.provider.name,
      gatewayOrderId: orderId,
      autoCapture: true,
      amountPaise: input.amountPaise,
      nextCheckAt: new Date(input.now.getTime() + ctx.reconcileAfterMinutes * 60_000),
      createdAt: input.now,
      updatedAt: input.now,
    })
    .returning();
  return payment!;
}

/** What the browser opens checkout with: the gateway's public key and our stored order. */
export function checkoutOf(ctx: PaymentsContext, payment: Pick<PaymentRow, 'gatewayOrderId' | 'amountPaise'>) {
  return { provider: ctx.provider.name, keyId: ctx.provider.keyId, orderId: payment.gatewayOrderId, amountPaise: payment.amountPaise, currency: 'INR' as const };
}

/** The payment of a booking, if an order was opened for it (one statement). */
export async function paymentOfBooking(db: Db, bookingId: string): Promise<PaymentRow | undefined> {
  const [row] = await db.select().from(payments).where(eq(payments.bookingId, bookingId));
  return row;
}

// ---- confirming a payment -------------------------------------------------------------------------------

/** What tells us an order may have been paid. */
export type PaymentEvidence =
  /** The checkout's signature over (the order we stored | this payment id), already verified. */
  | { kind: 'signature'; paymentId: string }
  /** The payment of a signed webhook: what the gateway said at that moment. */
  | { kind: 'webhook'; payment: ProviderPayment }
  /** Nothing in hand (a lost webhook, a closed browser): ask the gateway about the order's payments. */
  | { kind: 'ask' };

/**
 * Confirms the payment of an order, whichever of verify, webhook or reconciliation gets here first; the others
 * find it done. A verified signature for an order with automatic capture is proof enough: only the gateway can
 * sign it, and it signs only a payment it took. Otherwise the gateway is asked, and a payment only authorized
 * is captured. The capture is recorded once: the payment row is claimed by one guarded UPDATE, and the reaction
 * runs in that transaction. Returns what the reaction returned when the capture was recorded here, else null.
 */
export async function confirmPayment(ctx: PaymentsContext, orderId: string, evidence: PaymentEvidence, now = clock.now()): Promise<{ bookingId: string; confirmed: unknown } | null> {
  const [payment] = await ctx.db.select().from(payments).where(eq(payments.gatewayOrderId, orderId));
  if (!payment) return null;
  return { bookingId: payment.bookingId, confirmed: await confirmPaymentOf(ctx, payment, evidence, now) };
}

async function confirmPaymentOf(ctx: PaymentsContext, payment: PaymentRow, evidence: PaymentEvidence, now: Date): Promise<unknown> {
  if (isPaid(payment.status)) return null;
  let gp = await gatewayPaymentFor(ctx, payment, evidence, now);
  if (!gp) return null;
  if (gp.status === 'failed') {
    await markFailed(ctx.db, payment, gp.errorDescription ?? 'Payment failed', now);
    return null;
  }
  if (gp.status === 'authorized') gp = await capture(ctx, gp);
  if (gp.status !== 'captured' && gp.status !== 'refunded') return null;
  return recordCapture(ctx, payment, gp, now);
}

/** The gateway payment to act on, from the evidence or from the gateway itself. */
async function gatewayPaymentFor(ctx: PaymentsContext, payment: PaymentRow, evidence: PaymentEvidence, now: Date): Promise<ProviderPayment | undefined> {
  if (evidence.kind === 'signature' && payment.autoCapture) {
    return {
      id: evidence.paymentId,
      orderId: payment.gatewayOrderId,
      status: 'captured',
      amountPaise: payment.amountPaise,
      amountRefundedPaise: 0,
      method: null,
      errorDescription: null,
      createdAt: Math.floor(now.getTime() / 1000),
    };
  }
  // A webhook that already says captured (or failed) is the gateway's own signed word; "authorized" may be stale.
  if (evidence.kind === 'webhook' && evidence.payment.status !== 'authorized' && evidence.payment.status !== 'created') {
    return belongsTo(payment, evidence.payment) ? evidence.payment : undefined;
  }
  const named = evidence.kind === 'signature' ? evidence.paymentId : evidence.kind === 'webhook' ? evidence.payment.id : null;
  const candidates = named ? [await ctx.provider.fetchPayment(named)] : await ctx.provider.fetchOrderPayments(payment.gatewayOrderId);
  const rank = (p: ProviderPayment) => ['captured', 'refunded', 'authorized', 'created', 'failed'].indexOf(p.status);
  return candidates.filter((p) => belongsTo(payment, p)).sort((a, b) => rank(a) - rank(b))[0];
}

const belongsTo = (payment: PaymentRow, gp: ProviderPayment) => gp.orderId === payment.gatewayOrderId && gp.amountPaise === payment.amountPaise;

async function capture(ctx: PaymentsContext, gp: ProviderPayment): Promise<ProviderPayment> {
  try {
    return await ctx.provider.capture(gp.id, gp.amountPaise);
  } catch (error) {
    // Someone else (a concurrent confirmation) captured it first, or the answer was lost: ask the gateway.
    if (error instanceof ProviderError) return ctx.provider.fetchPayment(gp.id);
    throw error;
  }
}

/** Only an unpaid order can be marked failed: state never moves backwards. */
export async function markFailed(db: Db, payment: Pick<PaymentRow, 'id' | 'bookingId'>, reason: string, now: Date): Promise<void> {
  const failed = await db
    .update(payments)
    .set({ status: 'failed', failureReason: reason.slice(0, 300), updatedAt: now })
    .where(and(eq(payments.id, payment.id), inArray(payments.status, ['created', 'authorized'])))
    .returning({ id: payments.id });
  if (failed.length) publish(db, { type: 'payment.failed', paymentId: payment.id, bookingId: payment.bookingId });
}

/**
 * Records a captured payment in one transaction: the payment is claimed (only one confirmation gets past the
 * `not already paid` guard; a concurrent one waits for the row and then finds it paid) and what it paid for
 * reacts in the same transaction.
 */
async function recordCapture(ctx: PaymentsContext, payment: PaymentRow, gp: ProviderPayment, now: Date): Promise<unknown> {
  return inTransaction(ctx.db, async (tx) => {
    const [claimed] = await tx
      .update(payments)
      .set({ status: 'captured', gatewayPaymentId: gp.id, method: gp.method, capturedAt: now, failureReason: null, updatedAt: now })
      .where(and(eq(payments.id, payment.id), notInArray(payments.status, PAID_STATUSES)))
      .returning();
    if (!claimed) return null;
    publish(tx, { type: 'payment.captured', paymentId: claimed.id, bookingId: claimed.bookingId });
    return ctx.reactions.captured(tx, { payment: claimed, gatewayPaymentId: gp.id, at: now });
  });
}

/**
 * The checkout handed the browser `{order id, payment id, signature}`. The signature is checked against the
 * order id *we stored* for this student's payment, never the one sent back. A gateway that does not answer only
 * delays the capture to the webhook or reconciliation: the signature already proves the payment.
 */
export async function verifyCheckout(
  ctx: PaymentsContext,
  userId: string,
  input: { razorpay_order_id: string; razorpay_payment_id: string; razorpay_signature: string },
  now = clock.now(),
): Promise<{ bookingId: string; confirmed: unknown }> {
  const [payment] = await ctx.db
    .select()
    .from(payments)
    .where(and(eq(payments.gatewayOrderId, input.razorpay_order_id), eq(payments.studentId, userId)));
  if (!payment) throw notFound('Payment');
  if (!ctx.provider.verifyCheckoutSignature(payment.gatewayOrderId, input.razorpay_payment_id, input.razorpay_signature)) {
    throw new AppError('signature_invalid', 'The payment signature does not match this order', 400, {
      errors: [{ path: 'razorpay_signature', message: 'Does not match the order and payment' }],
    });
  }
  try {
    return { bookingId: payment.bookingId, confirmed: await confirmPaymentOf(ctx, payment, { kind: 'signature', paymentId: input.razorpay_payment_id }, now) };
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error;
    ctx.logger.warn({ err: error, paymentId: payment.id }, 'payment verified but the gateway did not answer; reconciliation will finish it');
    return { bookingId: payment.bookingId, confirmed: null };
  }
}

// ---- reconciliation -------------------------------------------------------------------------------------

/** While this instance asks the gateway about an order; the back-off is set once the answer is in. */
const RECONCILE_LEASE_MS = 2 * 60_000;

/**
 * Asks the gateway about orders still unpaid after `reconcileAfterMinutes` (a lost webhook, a closed browser)
 * and about refunds still pending, and applies what it says. Each order is leased, so instances share the work.
 */
export async function runReconcilePendingPayments(ctx: PaymentsContext, now = clock.now(), batchSize = 20): Promise<number> {
  const at = sql`${now.toISOString()}::timestamptz`;
  const claimed = await claimDue(ctx.db, payments, {
    key: 'id',
    due: 'nextCheckAt',
    // A failed attempt does not close an order: the student may have paid on a retry. After a week an order
    // that was never paid is closed for good.
    waiting: and(inArray(payments.status, OPEN_STATUSES), sql`${payments.createdAt} > ${at} - interval '7 days'`),
    orderBy: ['nextCheckAt'],
    now,
    leaseMs: RECONCILE_LEASE_MS,
    batchSize,
  });
  for (const row of claimed) {
    try {
      await confirmPayment(ctx, row.gatewayOrderId, { kind: 'ask' }, now);
    } catch (error) {
      ctx.logger.warn({ err: error, paymentId: row.id }, 'reconciliation of an order failed; will retry');
    }
    // Still unpaid: ask again later, less often as the order ages (at most hourly).
    await ctx.db
      .update(payments)
      .set({ nextCheckAt: sql`${at} + least(interval '1 hour', greatest(interval '1 minute', ${at} - ${payments.createdAt}))` })
      .where(and(eq(payments.id, row.id), inArray(payments.status, OPEN_STATUSES)));
  }
  await reconcilePendingRefunds(ctx, now, batchSize);
  return claimed.length;
}

export { requestRefund } from './payments.refunds.js';
/** Read-only join targets for the module that sold something (ADR 0006). */
export { paymentRecords, refundRecords } from './payments.tables.js';
/** Our payments and refunds of a period, for reconciliation with the gateway's. */
export { paymentAndRefundRecords, type PaymentRecord, type RefundRecord, type RecordsQuery } from './payments.records.js';

/** A gateway call that failed, and whether its outcome is unknown (for modules that call the gateway through payments' adapters). */
export { ProviderError } from './payment-provider.js';
