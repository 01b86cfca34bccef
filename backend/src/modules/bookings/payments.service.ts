import { and, desc, eq, inArray, notInArray, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { inTransaction } from '../../db/transaction.js';
import { AppError, notFound } from '../../lib/errors.js';
import { formatInr } from '../../lib/money.js';
import { offsetOf } from '../../lib/pagination.js';
import { availabilityChanged, confirmHeldTime } from '../availability/availability.service.js';
import { mentorDirectory } from '../mentors/mentors.service.js';
import { notify } from '../notifications/notifications.service.js';
import { GatewayError, toPayment, type GatewayPayment, type GatewayRefund } from '../payments/gateway.js';
import { userDirectory } from '../users/users.service.js';
import { bookings } from './bookings.tables.js';
import { calendarAttachment, freeTime, PAID_STATUSES, getBooking, loadBookingView, moneyOf, refundInTransaction, toBookingDto, type BookingDto, type BookingView } from './bookings.service.js';
import type { BookingContext } from './context.js';
import { formatWhen } from './calendar.js';
import { postCapture, postGatewayRefund, postRelease } from './ledger-postings.js';
import { payments, refunds, webhookEvents } from './payments.tables.js';
import { clock } from '../../lib/clock.js';

type PaymentRow = typeof payments.$inferSelect;
type RefundRow = typeof refunds.$inferSelect;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PAID = PAID_STATUSES;

// ---- confirming a payment -------------------------------------------------------------------------------

/** What tells us an order may have been paid. */
export type PaymentEvidence =
  /** The checkout's signature over (the order we stored | this payment id), already verified. */
  | { kind: 'signature'; paymentId: string }
  /** The payment entity of a signed webhook: what the gateway said at that moment. */
  | { kind: 'webhook'; payment: GatewayPayment }
  /** Nothing in hand (a lost webhook, a closed browser): ask the gateway about the order's payments. */
  | { kind: 'ask' };

/**
 * Confirms the payment of an order, whichever of verify, webhook or reconciliation gets here first; the others
 * find it done. A verified signature for an order with automatic capture is proof enough: only the gateway can
 * sign it, and it signs only a payment it took. Otherwise the gateway is asked, and a payment only authorized
 * is captured. The capture is recorded once (the payment row is claimed, and every ledger transfer id is
 * derived from the booking). A payment for a hold that already expired or was abandoned is refunded in full.
 * Returns the booking as it stands after a confirmation made here, or null when there was nothing to do.
 */
export async function confirmPayment(ctx: BookingContext, orderId: string, evidence: PaymentEvidence, now = clock.now()): Promise<{ bookingId: string; view: BookingView | null } | null> {
  const [payment] = await ctx.db.select().from(payments).where(eq(payments.gatewayOrderId, orderId));
  if (!payment) return null;
  return { bookingId: payment.bookingId, view: await confirmPaymentOf(ctx, payment, evidence, now) };
}

async function confirmPaymentOf(ctx: BookingContext, payment: PaymentRow, evidence: PaymentEvidence, now: Date): Promise<BookingView | null> {
  if (PAID.includes(payment.status)) return null;
  let gp = await gatewayPaymentFor(ctx, payment, evidence, now);
  if (!gp) return null;
  if (gp.status === 'failed') {
    await markFailed(ctx.db, payment.id, gp.errorDescription ?? 'Payment failed', now);
    return null;
  }
  if (gp.status === 'authorized') gp = await capture(ctx, gp);
  if (gp.status !== 'captured' && gp.status !== 'refunded') return null;
  const view = await recordCapture(ctx, payment, gp, now);
  ctx.onWork?.();
  return view;
}

/** The gateway payment to act on, from the evidence or from the gateway itself. */
async function gatewayPaymentFor(ctx: BookingContext, payment: PaymentRow, evidence: PaymentEvidence, now: Date): Promise<GatewayPayment | undefined> {
  if (evidence.kind === 'signature' && payment.autoCapture) {
    return { id: evidence.paymentId, orderId: payment.gatewayOrderId, status: 'captured', amount: payment.amountPaise, amountRefunded: 0, method: null, errorDescription: null, createdAt: Math.floor(now.getTime() / 1000) };
  }
  // A webhook that already says captured (or failed) is the gateway's own signed word; "authorized" may be stale.
  if (evidence.kind === 'webhook' && evidence.payment.status !== 'authorized' && evidence.payment.status !== 'created') {
    return belongsTo(payment, evidence.payment) ? evidence.payment : undefined;
  }
  const named = evidence.kind === 'signature' ? evidence.paymentId : evidence.kind === 'webhook' ? evidence.payment.id : null;
  const candidates = named ? [await ctx.gateway.fetchPayment(named)] : await ctx.gateway.fetchOrderPayments(payment.gatewayOrderId);
  const rank = (p: GatewayPayment) => ['captured', 'refunded', 'authorized', 'created', 'failed'].indexOf(p.status);
  return candidates.filter((p) => belongsTo(payment, p)).sort((a, b) => rank(a) - rank(b))[0];
}

const belongsTo = (payment: PaymentRow, gp: GatewayPayment) => gp.orderId === payment.gatewayOrderId && gp.amount === payment.amountPaise;

async function capture(ctx: BookingContext, gp: GatewayPayment): Promise<GatewayPayment> {
  try {
    return await ctx.gateway.capture(gp.id, gp.amount);
  } catch (error) {
    // Someone else (a concurrent confirmation) captured it first, or the answer was lost: ask the gateway.
    if (error instanceof GatewayError) return ctx.gateway.fetchPayment(gp.id);
    throw error;
  }
}

async function markFailed(db: Db, paymentId: string, reason: string, now: Date): Promise<void> {
  // Only an unpaid order can be marked failed: state never moves backwards.
  await db
    .update(payments)
    .set({ status: 'failed', failureReason: reason.slice(0, 300), updatedAt: now })
    .where(and(eq(payments.id, paymentId), inArray(payments.status, ['created', 'authorized'])));
}

/**
 * Records a captured payment in one transaction: the payment is claimed (only one confirmation gets past the
 * `not already paid` guard; a concurrent one waits for the row and then finds it paid), the held booking is
 * confirmed, both people are notified, and the money goes into escrow. Returns the confirmed booking.
 */
async function recordCapture(ctx: BookingContext, payment: PaymentRow, gp: GatewayPayment, now: Date): Promise<BookingView | null> {
  let freed = false;
  const view = await inTransaction(ctx.db, async (tx) => {
    const [claimed] = await tx
      .update(payments)
      .set({ status: 'captured', gatewayPaymentId: gp.id, method: gp.method, capturedAt: now, failureReason: null, updatedAt: now })
      .where(and(eq(payments.id, payment.id), notInArray(payments.status, PAID)))
      .returning();
    if (!claimed) return null;
    // The hold is still in place (the expiry job has not released it), so the time is the student's.
    const [confirmed] = await tx
      .update(bookings)
      .set({ status: 'confirmed', settlement: 'held', confirmedAt: now, updatedAt: now })
      .where(and(eq(bookings.id, claimed.bookingId), eq(bookings.status, 'pending_payment')))
      .returning();
    if (confirmed) {
      if (!confirmed.slotId) await confirmHeldTime(tx, confirmed.id);
      const view = (await loadBookingView(tx, confirmed.id))!;
      await notifyConfirmed(ctx, tx, confirmed, view);
      // Last: the ledger locks its account rows, so they are held only until the commit that follows.
      await postCapture(tx, moneyOf(confirmed), gp.id, now);
      return view;
    }
    // The hold had expired or was given up before the money arrived: give it all back.
    const [b] = await tx.select().from(bookings).where(eq(bookings.id, claimed.bookingId)).for('update');
    if (!b) throw new Error(`payment ${payment.id} has no booking`);
    await postCapture(tx, moneyOf(b), gp.id, now);
    await tx.update(bookings).set({ settlement: 'held', updatedAt: now }).where(eq(bookings.id, b.id));
    await refundInTransaction(ctx, tx, b, claimed, { refundPaise: b.pricePaise, percent: 100, reason: 'Payment arrived after the booking had lapsed' }, now);
    await notify(tx, {
      userId: b.studentId,
      type: 'payment_refunded',
      title: `Your payment for ${b.code} is being refunded`,
      body: `The time was no longer held when your payment of ${formatInr(b.pricePaise)} arrived, so it is being refunded in full.`,
      eventKey: `booking:${b.id}:late_payment`,
      data: { bookingId: b.id },
      actionUrl: `${ctx.publicUrl}/bookings/${b.id}`,
      email: { template: 'payment-refunded', actionLabel: 'View booking', context: { code: b.code, amount: formatInr(b.pricePaise), late: true } },
    });
    freed = true;
    return null;
  });
  if (freed) ctx.onWork?.();
  return view;
}

async function notifyConfirmed(ctx: BookingContext, tx: Db, b: typeof bookings.$inferSelect, view: BookingView) {
  const attachments = [calendarAttachment(ctx, b, view)];
  const url = `${ctx.publicUrl}/bookings/${b.id}`;
  const common = { code: b.code, durationMinutes: Math.round((b.endsAt.getTime() - b.startsAt.getTime()) / 60_000), topic: b.topic, agenda: b.agenda };
  await notify(tx, [
    {
      userId: b.studentId,
      recipient: view.student,
      type: 'booking_confirmed',
      title: `Booking ${b.code} confirmed`,
      body: `Your session with ${view.mentor.name} is confirmed. You paid ${formatInr(b.pricePaise)}.`,
      eventKey: `booking:${b.id}:confirmed`,
      data: { bookingId: b.id },
      actionUrl: url,
      email: { template: 'booking-confirmed', actionLabel: 'View booking', attachments, context: { ...common, when: formatWhen(b.startsAt, b.endsAt, view.student.timeZone), otherName: view.mentor.name, forMentor: false, price: formatInr(b.pricePaise) } },
    },
    {
      userId: b.mentorId,
      recipient: view.mentor,
      type: 'booking_confirmed',
      title: `New booking ${b.code}`,
      body: `${view.student.name} booked a session with you: "${b.topic}".`,
      eventKey: `booking:${b.id}:confirmed`,
      data: { bookingId: b.id },
      actionUrl: url,
      email: {
        template: 'booking-confirmed',
        actionLabel: 'View booking',
        attachments,
        context: {
          ...common,
          when: formatWhen(b.startsAt, b.endsAt, view.mentor.timeZone),
          otherName: view.student.name,
          forMentor: true,
          price: formatInr(b.pricePaise),
          commission: formatInr(b.commissionPaise),
          gatewayFee: formatInr(b.gatewayFeePaise),
          share: formatInr(b.mentorSharePaise),
        },
      },
    },
  ]);
}

/**
 * The checkout handed the browser `{order id, payment id, signature}`. The signature is checked against the
 * order id *we stored* for this student's booking, never the one sent back.
 */
export async function verifyPayment(
  ctx: BookingContext,
  userId: string,
  input: { razorpay_order_id: string; razorpay_payment_id: string; razorpay_signature: string },
  now = clock.now(),
): Promise<BookingDto> {
  const [payment] = await ctx.db
    .select()
    .from(payments)
    .where(and(eq(payments.gatewayOrderId, input.razorpay_order_id), eq(payments.studentId, userId)));
  if (!payment) throw notFound('Payment');
  if (!ctx.gateway.verifyCheckoutSignature(payment.gatewayOrderId, input.razorpay_payment_id, input.razorpay_signature)) {
    throw new AppError('signature_invalid', 'The payment signature does not match this order', 400, {
      errors: [{ path: 'razorpay_signature', message: 'Does not match the order and payment' }],
    });
  }
  try {
    const view = await confirmPaymentOf(ctx, payment, { kind: 'signature', paymentId: input.razorpay_payment_id }, now);
    if (view) return toBookingDto(view, userId, ctx.policy, now);
  } catch (error) {
    if (!(error instanceof GatewayError)) throw error;
    // The signature proves the payment; the gateway not answering only delays the capture to the webhook or reconciliation.
    ctx.logger.warn({ err: error, paymentId: payment.id }, 'payment verified but the gateway did not answer; reconciliation will finish it');
  }
  return getBooking(ctx, userId, payment.bookingId, now);
}

// ---- webhooks -------------------------------------------------------------------------------------------

/** Stores a verified webhook once (by its event id); the work is done after the response, by the worker. */
export async function recordWebhookEvent(db: Db, eventId: string, payload: { event?: unknown } & Record<string, unknown>, now = clock.now()): Promise<boolean> {
  const rows = await db
    .insert(webhookEvents)
    .values({ eventId, event: String(payload.event ?? 'unknown'), payload, receivedAt: now, nextAttemptAt: now })
    .onConflictDoNothing()
    .returning({ eventId: webhookEvents.eventId });
  return rows.length === 1;
}

type Entity = Record<string, unknown>;
const entityOf = (payload: Entity, name: string): Entity | undefined => ((payload.payload as Entity | undefined)?.[name] as { entity?: Entity } | undefined)?.entity;

/** Applies one webhook. Events may come in any order and more than once: each is a transition that can't go backwards. */
async function applyWebhook(ctx: BookingContext, event: string, payload: Entity, now: Date): Promise<'processed' | 'ignored'> {
  const payment = entityOf(payload, 'payment');
  const refund = entityOf(payload, 'refund');
  if (event.startsWith('refund.') && refund) {
    const applied = await applyGatewayRefund(ctx, { id: String(refund.id), paymentId: String(refund.payment_id), amount: Number(refund.amount), status: refund.status as GatewayRefund['status'], receipt: (refund.receipt as string | null) ?? null, createdAt: Number(refund.created_at) }, now);
    return applied ? 'processed' : 'ignored';
  }
  if (!payment) return 'ignored';
  const orderId = String(payment.order_id);
  if (event === 'payment.failed') {
    const [row] = await ctx.db.select().from(payments).where(eq(payments.gatewayOrderId, orderId));
    if (!row) return 'ignored';
    await markFailed(ctx.db, row.id, String(payment.error_description ?? 'Payment failed'), now);
    return 'processed';
  }
  if (event === 'payment.authorized' || event === 'payment.captured' || event === 'order.paid') {
    return (await confirmPayment(ctx, orderId, { kind: 'webhook', payment: toPayment(payment) }, now)) ? 'processed' : 'ignored';
  }
  return 'ignored';
}

/** Claims due rows in one statement (FOR UPDATE SKIP LOCKED), leasing them for a minute, and returns them. */
async function claimWebhookEvents(db: Db, now: Date, batchSize: number) {
  return db
    .update(webhookEvents)
    .set({ attempts: sql`${webhookEvents.attempts} + 1`, nextAttemptAt: new Date(now.getTime() + 60_000) })
    .where(
      inArray(
        webhookEvents.eventId,
        db
          .select({ id: webhookEvents.eventId })
          .from(webhookEvents)
          .where(and(eq(webhookEvents.status, 'received'), sql`${webhookEvents.nextAttemptAt} <= ${now.toISOString()}::timestamptz`))
          .orderBy(webhookEvents.receivedAt)
          .limit(batchSize)
          .for('update', { skipLocked: true }),
      ),
    )
    .returning();
}

const backoffMs = (attempts: number) => Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);

export async function runProcessWebhooks(ctx: BookingContext, now = clock.now(), batchSize = 20): Promise<number> {
  const claimed = await claimWebhookEvents(ctx.db, now, batchSize);
  for (const row of claimed) {
    try {
      const outcome = await applyWebhook(ctx, row.event, row.payload, now);
      await ctx.db.update(webhookEvents).set({ status: outcome, processedAt: now, lastError: null }).where(eq(webhookEvents.eventId, row.eventId));
    } catch (error) {
      ctx.logger.warn({ err: error, eventId: row.eventId }, 'webhook processing failed; will retry');
      await ctx.db
        .update(webhookEvents)
        .set({ status: row.attempts >= 12 ? 'failed' : 'received', nextAttemptAt: new Date(now.getTime() + backoffMs(row.attempts)), lastError: String(error instanceof Error ? error.message : error).slice(0, 500) })
        .where(eq(webhookEvents.eventId, row.eventId));
    }
  }
  return claimed.length;
}

// ---- refunds --------------------------------------------------------------------------------------------

const refundRank: Record<RefundRow['status'], number> = { requested: 0, pending: 1, processed: 2, failed: 2 };

/**
 * Records what the gateway says about one of our refunds (from the create call, a webhook or reconciliation).
 * The first time the gateway refund is seen, the money leaves `refunds_payable`; status only moves forwards.
 */
export async function applyGatewayRefund(ctx: BookingContext, gr: GatewayRefund, now: Date): Promise<boolean> {
  let processedNow = false;
  const applied = await inTransaction(ctx.db, async (tx) => {
    // Our refund id travels as the receipt; both columns are indexed (a cast of the key would not be).
    const ours = gr.receipt && UUID.test(gr.receipt) ? eq(refunds.id, gr.receipt) : undefined;
    const [row] = await tx
      .select()
      .from(refunds)
      .where(or(eq(refunds.gatewayRefundId, gr.id), ours))
      .for('update');
    if (!row) return false;
    if (row.gatewayRefundId && row.gatewayRefundId !== gr.id) return false;
    const [payment] = await tx.select().from(payments).where(eq(payments.id, row.paymentId)).for('update');
    if (!row.gatewayRefundId) {
      await postGatewayRefund(tx, { refundId: row.id, bookingId: row.bookingId, amountPaise: row.amountPaise, gatewayRefundId: gr.id }, now);
      const refunded = payment!.refundedPaise + row.amountPaise;
      await tx
        .update(payments)
        .set({ refundedPaise: refunded, status: refunded >= payment!.amountPaise ? 'refunded' : 'partially_refunded', updatedAt: now })
        .where(eq(payments.id, payment!.id));
    }
    const status = refundRank[gr.status] > refundRank[row.status] || row.status === 'requested' ? gr.status : row.status;
    processedNow = status === 'processed' && row.status !== 'processed';
    await tx
      .update(refunds)
      .set({ gatewayRefundId: gr.id, status, processedAt: status === 'processed' ? (row.processedAt ?? now) : row.processedAt, lastError: null })
      .where(eq(refunds.id, row.id));
    if (processedNow) {
      const [b] = await tx.select({ code: bookings.code, studentId: bookings.studentId }).from(bookings).where(eq(bookings.id, row.bookingId));
      await notify(tx, {
        userId: b!.studentId,
        type: 'refund_processed',
        title: `Refund of ${formatInr(row.amountPaise)} processed`,
        body: `Your refund for booking ${b!.code} has been processed by the payment gateway.`,
        eventKey: `refund:${row.id}:processed`,
        data: { bookingId: row.bookingId, refundId: row.id },
        actionUrl: `${ctx.publicUrl}/bookings/${row.bookingId}`,
        email: { template: 'payment-refunded', actionLabel: 'View booking', context: { code: b!.code, amount: formatInr(row.amountPaise), late: false } },
      });
    }
    return true;
  });
  // A "refund processed" email was queued: send it now rather than at the next scheduled pass.
  if (processedNow) ctx.onWork?.();
  return applied;
}

/** Sends refunds we decided on to the gateway; a retry finds the earlier attempt by its receipt. */
export async function runProcessRefunds(ctx: BookingContext, now = clock.now(), batchSize = 10): Promise<number> {
  const claimed = await ctx.db
    .update(refunds)
    .set({ attempts: sql`${refunds.attempts} + 1`, nextAttemptAt: new Date(now.getTime() + 60_000) })
    .where(
      inArray(
        refunds.id,
        ctx.db
          .select({ id: refunds.id })
          .from(refunds)
          .where(and(eq(refunds.status, 'requested'), sql`${refunds.nextAttemptAt} <= ${now.toISOString()}::timestamptz`))
          .orderBy(refunds.createdAt)
          .limit(batchSize)
          .for('update', { skipLocked: true }),
      ),
    )
    .returning();
  for (const row of claimed) {
    try {
      const [payment] = await ctx.db.select().from(payments).where(eq(payments.id, row.paymentId));
      if (!payment?.gatewayPaymentId) throw new Error('the payment has no gateway payment id');
      const gr = await ctx.gateway.refund(payment.gatewayPaymentId, { amountPaise: row.amountPaise, refundId: row.id, notes: { booking_id: row.bookingId } });
      await applyGatewayRefund(ctx, gr, now);
    } catch (error) {
      ctx.logger.warn({ err: error, refundId: row.id }, 'refund could not be sent to the gateway; will retry');
      await ctx.db
        .update(refunds)
        .set({ nextAttemptAt: new Date(now.getTime() + backoffMs(row.attempts)), lastError: String(error instanceof Error ? error.message : error).slice(0, 500) })
        .where(eq(refunds.id, row.id));
    }
  }
  return claimed.length;
}

// ---- jobs -----------------------------------------------------------------------------------------------

/** Frees the time of bookings whose payment hold ran out. Idempotent; safe to kill and re-run anywhere. */
export async function runExpireHolds(db: Db, now = clock.now(), batchSize = 50): Promise<number> {
  const expired = await inTransaction(db, async (tx) => {
    const due = await tx
      .select()
      .from(bookings)
      .where(and(eq(bookings.status, 'pending_payment'), sql`${bookings.holdExpiresAt} <= ${now.toISOString()}::timestamptz`))
      .orderBy(bookings.holdExpiresAt)
      .limit(batchSize)
      .for('update', { skipLocked: true });
    for (const b of due) {
      await tx.update(bookings).set({ status: 'expired', cancelledBy: 'system', cancelReason: 'hold_expired', cancelledAt: now, updatedAt: now }).where(eq(bookings.id, b.id));
      await freeTime(tx, b);
    }
    return due.length;
  });
  if (expired > 0) availabilityChanged(db);
  return expired;
}

/**
 * Asks the gateway about orders still unpaid after `reconcileAfterMinutes` (a lost webhook, a closed browser)
 * and about refunds still pending, and applies what it says. Each row is leased, so instances share the work.
 */
export async function runReconcilePendingPayments(ctx: BookingContext, now = clock.now(), batchSize = 20): Promise<number> {
  const claimed = await ctx.db
    .update(payments)
    // A short lease while this instance asks the gateway; the back-off is set once the answer is in.
    .set({ nextCheckAt: new Date(now.getTime() + 2 * 60_000) })
    .where(
      inArray(
        payments.id,
        ctx.db
          .select({ id: payments.id })
          .from(payments)
          .where(
            and(
              // A failed attempt does not close an order: the student may have paid on a retry.
              inArray(payments.status, ['created', 'authorized', 'failed']),
              sql`${payments.nextCheckAt} <= ${now.toISOString()}::timestamptz`,
              // After a week an order that was never paid is closed for good.
              sql`${payments.createdAt} > ${now.toISOString()}::timestamptz - interval '7 days'`,
            ),
          )
          .orderBy(payments.nextCheckAt)
          .limit(batchSize)
          .for('update', { skipLocked: true }),
      ),
    )
    .returning();
  for (const row of claimed) {
    try {
      await confirmPayment(ctx, row.gatewayOrderId, { kind: 'ask' }, now);
    } catch (error) {
      ctx.logger.warn({ err: error, paymentId: row.id }, 'reconciliation of an order failed; will retry');
    }
    // Still unpaid: ask again later, less often as the order ages (at most hourly).
    await ctx.db
      .update(payments)
      .set({ nextCheckAt: sql`${now.toISOString()}::timestamptz + least(interval '1 hour', greatest(interval '1 minute', ${now.toISOString()}::timestamptz - ${payments.createdAt}))` })
      .where(and(eq(payments.id, row.id), inArray(payments.status, ['created', 'authorized', 'failed'])));
  }
  const pendingRefunds = await ctx.db
    .select({ refund: refunds, gatewayPaymentId: payments.gatewayPaymentId })
    .from(refunds)
    .innerJoin(payments, eq(payments.id, refunds.paymentId))
    .where(and(eq(refunds.status, 'pending'), sql`${refunds.createdAt} <= ${now.toISOString()}::timestamptz - interval '1 minute'`))
    .limit(batchSize);
  for (const { refund, gatewayPaymentId } of pendingRefunds) {
    try {
      const found = (await ctx.gateway.fetchRefunds(gatewayPaymentId!)).find((r) => r.id === refund.gatewayRefundId);
      if (found && found.status !== 'pending') await applyGatewayRefund(ctx, found, now);
    } catch (error) {
      ctx.logger.warn({ err: error, refundId: refund.id }, 'reconciliation of a refund failed; will retry');
    }
  }
  return claimed.length;
}

/**
 * After the session: the escrowed split is paid out (mentor wallet, platform revenue, gateway fees). Called by
 * the sessions module once the grace period has passed; idempotent.
 */
export async function releaseEscrow(ctx: BookingContext, bookingId: string, now = clock.now()): Promise<boolean> {
  return inTransaction(ctx.db, async (tx) => {
    const [b] = await tx.select().from(bookings).where(eq(bookings.id, bookingId)).for('update');
    if (!b || b.settlement !== 'held') return false;
    await postRelease(tx, moneyOf(b), now);
    await tx.update(bookings).set({ settlement: 'released', updatedAt: now }).where(eq(bookings.id, b.id));
    await notify(tx, {
      userId: b.mentorId,
      type: 'payment_released',
      title: `${formatInr(b.mentorSharePaise)} released to your wallet`,
      body: `Your share for booking ${b.code} is now available in your wallet.`,
      eventKey: `booking:${b.id}:released`,
      data: { bookingId: b.id, amountPaise: b.mentorSharePaise },
      actionUrl: `${ctx.publicUrl}/bookings/${b.id}`,
    });
    return true;
  });
}

// ---- payment history and invoices -----------------------------------------------------------------------

function paymentDto(row: { payment: PaymentRow; code: string; startsAt: Date; mentorName: string; refund: RefundRow | null }) {
  const p = row.payment;
  return {
    id: p.id,
    bookingId: p.bookingId,
    bookingCode: row.code,
    mentorName: row.mentorName,
    startsAt: row.startsAt.toISOString(),
    amountPaise: p.amountPaise,
    status: p.status,
    refundedPaise: p.refundedPaise,
    refunds: row.refund ? [{ amountPaise: row.refund.amountPaise, status: row.refund.status, processedAt: row.refund.processedAt?.toISOString() ?? null }] : [],
    createdAt: p.createdAt.toISOString(),
    capturedAt: p.capturedAt?.toISOString() ?? null,
  };
}

function paymentsQuery(db: Db) {
  return db
    .select({
      payment: payments,
      code: bookings.code,
      startsAt: bookings.startsAt,
      endsAt: bookings.endsAt,
      topic: bookings.topic,
      kind: bookings.kind,
      commissionPaise: bookings.commissionPaise,
      mentorName: userDirectory.name,
      mentorSlug: mentorDirectory.slug,
      refund: refunds,
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(payments)
    .innerJoin(bookings, eq(bookings.id, payments.bookingId))
    .innerJoin(userDirectory, eq(userDirectory.id, bookings.mentorId))
    .innerJoin(mentorDirectory, eq(mentorDirectory.userId, bookings.mentorId))
    .leftJoin(refunds, eq(refunds.paymentId, payments.id));
}

/** A student's payments that went through (paid, refunded) — newest first. */
export async function listPayments(db: Db, userId: string, query: { page: number; limit: number }) {
  const rows = await paymentsQuery(db)
    .where(and(eq(payments.studentId, userId), inArray(payments.status, PAID)))
    .orderBy(desc(payments.createdAt), desc(payments.id))
    .limit(query.limit)
    .offset(offsetOf(query.page, query.limit));
  return { items: rows.map(paymentDto), page: query.page, limit: query.limit, total: rows[0]?.total ?? 0 };
}

export async function getInvoice(db: Db, userId: string, paymentId: string) {
  const [row] = await paymentsQuery(db).where(and(eq(payments.id, paymentId), eq(payments.studentId, userId), inArray(payments.status, PAID)));
  if (!row) throw notFound('Payment');
  const [student] = await db.select({ name: userDirectory.name, email: userDirectory.email }).from(userDirectory).where(eq(userDirectory.id, userId));
  const p = row.payment;
  const issuedAt = p.capturedAt ?? p.createdAt;
  const durationMinutes = Math.round((row.endsAt.getTime() - row.startsAt.getTime()) / 60_000);
  return {
    number: `INV-${row.code.slice(3)}`,
    issuedAt: issuedAt.toISOString(),
    paymentId: p.id,
    gatewayPaymentId: p.gatewayPaymentId,
    status: p.status,
    billedTo: student!,
    mentor: { name: row.mentorName, slug: row.mentorSlug },
    booking: { code: row.code, startsAt: row.startsAt.toISOString(), endsAt: row.endsAt.toISOString(), durationMinutes, topic: row.topic, kind: row.kind },
    lines: [
      { label: `${row.kind === 'group' ? 'Group session' : `${durationMinutes}-minute 1-to-1 session`} with ${row.mentorName} (${row.code})`, amountPaise: p.amountPaise },
    ],
    totalPaise: p.amountPaise,
    refundedPaise: p.refundedPaise,
    refunds: row.refund ? [{ amountPaise: row.refund.amountPaise, status: row.refund.status, processedAt: row.refund.processedAt?.toISOString() ?? null }] : [],
    seller: { name: 'Mentor Connect', address: 'Bengaluru, India', gstin: null },
  };
}
