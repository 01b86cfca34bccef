import { createHash, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import { hmacHex } from '../../lib/signatures.js';
import { and, asc, desc, eq, gte, inArray, isNull, lt, lte, min, sql, type SQL } from 'drizzle-orm';
import { claimDue, lockDue } from '../../db/claim.js';
import type { Db } from '../../db/client.js';
import { nextAttemptAt } from '../../lib/backoff.js';
import { inTransaction } from '../../db/transaction.js';
import { PG_UNIQUE_VIOLATION, pgErrorCode } from '../../lib/db-errors.js';
import type { CaptureInput, CheckoutPayInput, CreateOrderInput, ListQuery, PeriodQuery, RefundInput } from './sandbox.schemas.js';
import { sandboxOrders, sandboxPayments, sandboxPayouts, sandboxRefunds, sandboxWebhooks } from './sandbox.tables.js';
import { clock } from '../../lib/clock.js';

/**
 * The built-in Razorpay-compatible gateway: orders, checkout payments, captures and refunds, with the webhooks
 * Razorpay would send. It imitates an outside service, so it keeps its own tables and speaks only Razorpay's
 * wire format; the product reaches it over HTTP through the razorpay SDK, never by importing this file.
 */

export interface SandboxSettings {
  keyId: string;
  keySecret: string;
  webhookSecret: string;
  /** Where signed webhooks are POSTed (the product's webhook endpoint). */
  webhookUrl: string;
  /** Duplicate and delay some webhooks, so the receiver's de-duplication and ordering rules get exercised. */
  chaos: boolean;
  /** How long a refund stays `pending` before it becomes `processed`. */
  refundDelayMs: number;
  /** Where signed RazorpayX payout webhooks are POSTed (the product's payout webhook endpoint). */
  payoutWebhookUrl: string;
  /** How long a payout stays queued/processing before it moves on by itself (to `processed`, or a forced outcome). */
  payoutDelayMs: number;
  /** The RazorpayX account number payouts are made from; any other is refused. */
  accountNumber: string;
  /**
   * Fault injection for the authenticated API: this share of requests (0..1) is answered with a 5xx without doing
   * anything (half of them) or done and then not answered at all (the other half). Default 0.
   */
  faultRate?: number;
  /** Every authenticated API answer waits this long (ms). Default 0. */
  latencyMs?: number;
  /** The draw behind fault injection, in [0, 1); tests pass a scripted one. Default Math.random. */
  random?: () => number;
}

// ---------------------------------------------------------------------------------------------------------
// Entities, exactly as Razorpay returns them

export type Notes = Record<string, string | number> | [];
export type OrderStatus = 'created' | 'attempted' | 'paid';
export type PaymentStatus = 'created' | 'authorized' | 'captured' | 'refunded' | 'failed';

export interface OrderEntity {
  id: string;
  entity: 'order';
  amount: number;
  amount_paid: number;
  amount_due: number;
  currency: string;
  receipt: string | null;
  offer_id: null;
  status: OrderStatus;
  attempts: number;
  notes: Notes;
  created_at: number;
}

export interface PaymentEntity {
  id: string;
  entity: 'payment';
  amount: number;
  currency: string;
  status: PaymentStatus;
  order_id: string;
  invoice_id: null;
  international: false;
  method: string;
  amount_refunded: number;
  refund_status: 'partial' | 'full' | null;
  captured: boolean;
  description: string | null;
  email: string;
  contact: string;
  notes: Notes;
  fee: number | null;
  tax: number | null;
  error_code: string | null;
  error_description: string | null;
  error_source: string | null;
  error_step: string | null;
  error_reason: string | null;
  created_at: number;
}

export interface RefundEntity {
  id: string;
  entity: 'refund';
  amount: number;
  currency: string;
  payment_id: string;
  notes: Notes;
  receipt: string | null;
  acquirer_data: { arn: string | null };
  created_at: number;
  batch_id: null;
  status: 'pending' | 'processed' | 'failed';
  speed_requested: 'normal' | 'optimum';
  speed_processed: 'normal' | 'instant' | null;
}

export interface Collection<T> {
  entity: 'collection';
  count: number;
  items: T[];
}

// ---------------------------------------------------------------------------------------------------------
// Errors in Razorpay's shape

export interface RazorpayErrorBody {
  error: { code: string; description: string; source: string; step: string; reason: string; metadata: Record<string, unknown>; field?: string };
}

/** A refusal the sandbox answers with Razorpay's error body; `status` is the HTTP status. */
export class SandboxError extends Error {
  constructor(
    readonly status: number,
    readonly body: RazorpayErrorBody,
  ) {
    super(body.error.description);
    this.name = 'SandboxError';
  }
}

/** Razorpay answers every refusal of a request (bad input, wrong state, unknown id) with 400 BAD_REQUEST_ERROR. */
export function badRequest(description: string, extra: { field?: string; reason?: string; metadata?: Record<string, unknown> } = {}): SandboxError {
  return new SandboxError(400, {
    error: {
      code: 'BAD_REQUEST_ERROR',
      description,
      source: 'business',
      step: 'payment_initiation',
      reason: extra.reason ?? 'input_validation_failed',
      metadata: extra.metadata ?? {},
      ...(extra.field ? { field: extra.field } : {}),
    },
  });
}

export const unknownId = () => badRequest('The id provided does not exist');

/** Razorpay's answer to wrong or missing API keys (it uses 'NA' for source, step and reason here). */
export const invalidApiKey = () =>
  new SandboxError(401, { error: { code: 'BAD_REQUEST_ERROR', description: 'The api key provided is invalid', source: 'NA', step: 'NA', reason: 'NA', metadata: {} } });

function paymentFailed(payment: PaymentEntity): SandboxError {
  return new SandboxError(400, {
    error: {
      code: 'BAD_REQUEST_ERROR',
      description: 'Payment failed',
      source: 'customer',
      step: 'payment_authorization',
      reason: 'payment_failed',
      metadata: { payment_id: payment.id, order_id: payment.order_id },
    },
  });
}

// ---------------------------------------------------------------------------------------------------------
// Ids, signatures, clocks

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** `order_`, `pay_`, `rfnd_`, `evt_`, `cont_`, `fa_`, `pout_` and 14 base62 characters, from the CSPRNG (randomInt is unbiased). */
export function sandboxId(prefix: 'order' | 'pay' | 'rfnd' | 'evt' | 'cont' | 'fa' | 'pout'): string {
  let id = '';
  for (let i = 0; i < 14; i++) id += BASE62[randomInt(62)];
  return `${prefix}_${id}`;
}

/** A stable `acc_…` per API key, so every webhook of one sandbox account carries the same account id. */
export function accountIdFor(keyId: string): string {
  const digest = createHash('sha256').update(`sandbox-account:${keyId}`).digest();
  let id = '';
  for (let i = 0; i < 14; i++) id += BASE62[digest[i]! % 62];
  return `acc_${id}`;
}

/** Constant-time string equality for credentials (hashing first makes the lengths equal). */
export function secretsEqual(a: string, b: string): boolean {
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}

export const unixSeconds = (at: Date) => Math.floor(at.getTime() / 1000);

/** Razorpay serialises empty notes as `[]` (a PHP quirk the product must tolerate), so the sandbox does too. */
export const notesOf = (notes: Record<string, string | number> | undefined): Notes => (notes && Object.keys(notes).length > 0 ? notes : []);

const ORDER_RANK: Record<OrderStatus, number> = { created: 0, attempted: 1, paid: 2 };

/** Order status only moves forward: created → attempted → paid, and a paid order stays paid. */
const advanceOrder = (current: OrderStatus, next: OrderStatus): OrderStatus => (ORDER_RANK[next] > ORDER_RANK[current] ? next : current);

// ---------------------------------------------------------------------------------------------------------
// Row access

async function findOrder(db: Db, orderId: string, lock = false): Promise<{ keyId: string; autoCapture: boolean; entity: OrderEntity }> {
  const query = db.select({ keyId: sandboxOrders.keyId, autoCapture: sandboxOrders.autoCapture, entity: sandboxOrders.entity }).from(sandboxOrders).where(eq(sandboxOrders.id, orderId));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw unknownId();
  return { keyId: row.keyId, autoCapture: row.autoCapture, entity: row.entity as unknown as OrderEntity };
}

async function findPayment(db: Db, paymentId: string, lock = false): Promise<PaymentEntity> {
  const query = db.select({ entity: sandboxPayments.entity }).from(sandboxPayments).where(eq(sandboxPayments.id, paymentId));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw unknownId();
  return row.entity as unknown as PaymentEntity;
}

async function saveOrder(tx: Db, order: OrderEntity): Promise<void> {
  await tx.update(sandboxOrders).set({ status: order.status, entity: { ...order } }).where(eq(sandboxOrders.id, order.id));
}

async function savePayment(tx: Db, payment: PaymentEntity): Promise<void> {
  await tx
    .update(sandboxPayments)
    .set({ status: payment.status, amountRefunded: payment.amount_refunded, entity: { ...payment } })
    .where(eq(sandboxPayments.id, payment.id));
}

// ---------------------------------------------------------------------------------------------------------
// Webhooks (recorded here, in the transaction of the change; delivered by the worker)

export type WebhookEvent = 'payment.authorized' | 'payment.failed' | 'payment.captured' | 'order.paid' | 'refund.created' | 'refund.processed';
export type WebhookPayload = { payment: PaymentEntity; order?: OrderEntity; refund?: RefundEntity };

/** Which of the merchant's endpoints an event goes to: payment events, or RazorpayX payout events. */
export type WebhookTarget = 'payments' | 'payouts';

/** Chaos delays are at most this long: enough to reorder the events of one change, short enough for a demo. */
const CHAOS_MAX_DELAY_MS = 1500;
const CHAOS_DELAY_CHANCE = 0.3;
const CHAOS_DUPLICATE_CHANCE = 0.3;

const chaosDelay = () => Math.floor(Math.random() * CHAOS_MAX_DELAY_MS);

/**
 * Records one event for delivery. The body is serialised once, here, and stored as text: every delivery (and
 * every chaos duplicate) sends these exact bytes under the same event id, so signatures and de-duplication can
 * be checked against what Razorpay really does. `entities` lists the main entity first, as Razorpay does.
 */
export async function recordWebhook(
  tx: Db,
  settings: SandboxSettings,
  event: string,
  entities: [name: string, entity: object][],
  target: WebhookTarget,
  now: Date,
): Promise<string> {
  const body = JSON.stringify({
    entity: 'event',
    account_id: accountIdFor(settings.keyId),
    event,
    contains: entities.map(([name]) => name),
    payload: Object.fromEntries(entities.map(([name, entity]) => [name, { entity }])),
    created_at: unixSeconds(now),
  });
  const eventId = sandboxId('evt');
  const at = (delayMs: number) => new Date(now.getTime() + delayMs);
  // clock_timestamp() (not `now`) orders the events of one transaction as they were recorded, so without chaos
  // order.paid is delivered after the payment.captured recorded just before it.
  const delivery = (delayMs: number) => ({ id: randomUUID(), eventId, event, body, target, nextAttemptAt: at(delayMs), createdAt: sql`clock_timestamp()` });
  const rows = [delivery(settings.chaos && Math.random() < CHAOS_DELAY_CHANCE ? chaosDelay() : 0)];
  if (settings.chaos && Math.random() < CHAOS_DUPLICATE_CHANCE) rows.push(delivery(chaosDelay()));
  await tx.insert(sandboxWebhooks).values(rows);
  return eventId;
}

/** A payment or refund event, to the payments endpoint. */
export async function emitWebhook(tx: Db, settings: SandboxSettings, event: WebhookEvent, payload: WebhookPayload, now: Date): Promise<string> {
  // Razorpay lists the main entity first: ['payment', 'order'] for order.paid, ['refund', 'payment'] for refunds.
  const contains: (keyof WebhookPayload)[] = payload.refund ? ['refund', 'payment'] : payload.order ? ['payment', 'order'] : ['payment'];
  return recordWebhook(
    tx,
    settings,
    event,
    contains.map((name) => [name, payload[name]!]),
    'payments',
    now,
  );
}

// ---------------------------------------------------------------------------------------------------------
// Orders

export async function createOrder(db: Db, settings: SandboxSettings, input: CreateOrderInput, now = clock.now()): Promise<OrderEntity> {
  const order: OrderEntity = {
    id: sandboxId('order'),
    entity: 'order',
    amount: input.amount,
    amount_paid: 0,
    amount_due: input.amount,
    currency: input.currency,
    receipt: input.receipt ?? null,
    offer_id: null,
    status: 'created',
    attempts: 0,
    notes: notesOf(input.notes),
    created_at: unixSeconds(now),
  };
  const autoCapture = input.payment_capture === undefined ? true : Boolean(input.payment_capture);
  await db.insert(sandboxOrders).values({ id: order.id, keyId: settings.keyId, amount: order.amount, status: order.status, autoCapture, entity: { ...order }, createdAt: now });
  return order;
}

export async function getOrder(db: Db, orderId: string): Promise<OrderEntity> {
  return (await findOrder(db, orderId)).entity;
}

/** Newest first, as Razorpay lists them. */
export async function listOrderPayments(db: Db, orderId: string): Promise<Collection<PaymentEntity>> {
  await findOrder(db, orderId);
  const rows = await db
    .select({ entity: sandboxPayments.entity })
    .from(sandboxPayments)
    .where(eq(sandboxPayments.orderId, orderId))
    .orderBy(desc(sandboxPayments.createdAt), desc(sandboxPayments.id));
  const items = rows.map((r) => r.entity as unknown as PaymentEntity);
  return { entity: 'collection', count: items.length, items };
}

/** What the checkout page shows before paying; only for the key the order was created with. */
export async function getCheckoutOrder(db: Db, settings: SandboxSettings, orderId: string, keyId: string) {
  if (!secretsEqual(keyId, settings.keyId)) throw badRequest('The api key provided is invalid', { field: 'key_id' });
  const order = await findOrder(db, orderId);
  if (order.keyId !== keyId) throw unknownId();
  const { id, amount, currency, status, receipt, notes } = order.entity;
  return { id, amount, currency, status, receipt, notes };
}

// ---------------------------------------------------------------------------------------------------------
// Checkout

export interface CheckoutSuccess {
  razorpay_payment_id: string;
  razorpay_order_id: string;
  razorpay_signature: string;
}

export type CheckoutResult = { ok: true; body: CheckoutSuccess; payment: PaymentEntity } | { ok: false; error: SandboxError; payment: PaymentEntity };

/**
 * One payment attempt from the checkout page. A failed attempt is a real state change (a failed payment and a
 * `payment.failed` webhook, committed) that is then answered with an error, so it is returned, not thrown.
 */
export async function checkoutPay(db: Db, settings: SandboxSettings, input: CheckoutPayInput, now = clock.now()): Promise<CheckoutResult> {
  if (!secretsEqual(input.key_id, settings.keyId)) throw badRequest('The api key provided is invalid', { field: 'key_id' });
  return inTransaction(db, async (tx) => {
    const order = await findOrder(tx, input.order_id, true);
    if (order.keyId !== input.key_id) throw unknownId();
    if (order.entity.status === 'paid') throw badRequest('Order is already paid');

    const success = input.outcome === 'success';
    const payment: PaymentEntity = {
      id: sandboxId('pay'),
      entity: 'payment',
      amount: order.entity.amount_due,
      currency: order.entity.currency,
      status: success ? 'authorized' : 'failed',
      order_id: order.entity.id,
      invoice_id: null,
      international: false,
      method: input.method,
      amount_refunded: 0,
      refund_status: null,
      captured: false,
      description: input.description ?? null,
      email: input.email ?? 'void@razorpay.com',
      contact: input.contact ?? '+919999999999',
      notes: order.entity.notes,
      fee: null,
      tax: null,
      error_code: success ? null : 'BAD_REQUEST_ERROR',
      error_description: success ? null : 'Payment failed',
      error_source: success ? null : 'customer',
      error_step: success ? null : 'payment_authorization',
      error_reason: success ? null : 'payment_failed',
      created_at: unixSeconds(now),
    };
    // An order with automatic capture has its payment captured the moment it is authorized, as Razorpay does:
    // the events still tell both steps (authorized, then captured and the order paid).
    const captured: PaymentEntity | null = success && order.autoCapture ? { ...payment, status: 'captured', captured: true } : null;
    const stored = captured ?? payment;
    await tx.insert(sandboxPayments).values({ id: stored.id, orderId: stored.order_id, status: stored.status, amount: stored.amount, entity: { ...stored }, createdAt: now });
    const attempted: OrderEntity = { ...order.entity, attempts: order.entity.attempts + 1, status: advanceOrder(order.entity.status, 'attempted') };
    const paid: OrderEntity | null = captured ? { ...attempted, status: advanceOrder(attempted.status, 'paid'), amount_paid: attempted.amount, amount_due: 0 } : null;
    await saveOrder(tx, paid ?? attempted);
    await emitWebhook(tx, settings, success ? 'payment.authorized' : 'payment.failed', { payment }, now);
    if (captured && paid) {
      await emitWebhook(tx, settings, 'payment.captured', { payment: captured }, now);
      await emitWebhook(tx, settings, 'order.paid', { payment: captured, order: paid }, now);
    }
    if (!success) return { ok: false, error: paymentFailed(payment), payment };
    const signature = hmacHex(settings.keySecret, `${payment.order_id}|${payment.id}`);
    return { ok: true, body: { razorpay_payment_id: payment.id, razorpay_order_id: payment.order_id, razorpay_signature: signature }, payment: stored };
  });
}

// ---------------------------------------------------------------------------------------------------------
// Payments

export const getPayment = (db: Db, paymentId: string): Promise<PaymentEntity> => findPayment(db, paymentId);

/**
 * Captures an authorized payment in full. The payment row is locked first (then its order), so of two
 * concurrent captures one wins and the other sees `captured`.
 */
export async function capturePayment(db: Db, settings: SandboxSettings, paymentId: string, input: CaptureInput, now = clock.now()): Promise<PaymentEntity> {
  return inTransaction(db, async (tx) => {
    const payment = await findPayment(tx, paymentId, true);
    if (payment.captured) throw badRequest('This payment has already been captured');
    if (payment.status !== 'authorized') throw badRequest('Only payments which have been authorized and not yet captured can be captured');
    if (input.amount !== payment.amount) throw badRequest('Capture amount must be equal to the amount authorized', { field: 'amount' });
    if (input.currency !== payment.currency) throw badRequest('Currency should be same as payment currency', { field: 'currency' });

    const captured: PaymentEntity = { ...payment, status: 'captured', captured: true };
    await savePayment(tx, captured);
    const order = (await findOrder(tx, payment.order_id, true)).entity;
    const paid: OrderEntity = { ...order, status: advanceOrder(order.status, 'paid'), amount_paid: order.amount, amount_due: 0 };
    await saveOrder(tx, paid);
    await emitWebhook(tx, settings, 'payment.captured', { payment: captured }, now);
    await emitWebhook(tx, settings, 'order.paid', { payment: captured, order: paid }, now);
    return captured;
  });
}

// ---------------------------------------------------------------------------------------------------------
// Refunds

const sameNotes = (a: Notes, b: Notes) => JSON.stringify(a) === JSON.stringify(b);

/** A retry under the same idempotency key must repeat the first request; an omitted amount matches any. */
function repeatsRefund(existing: RefundEntity, paymentId: string, input: RefundInput): boolean {
  return (
    existing.payment_id === paymentId &&
    (input.amount === undefined || input.amount === existing.amount) &&
    (input.speed ?? 'normal') === existing.speed_requested &&
    (input.receipt ?? null) === existing.receipt &&
    sameNotes(notesOf(input.notes), existing.notes)
  );
}

const idempotencyConflict = () => badRequest('Different request with the same idempotency key has already been processed.');

/**
 * Refunds part or all of what is left of a captured payment. The payment row is locked for the whole
 * transaction, so concurrent refunds of one payment are applied one after another and their sum can never
 * exceed the captured amount. With an idempotency key, a repeat returns the refund the first call created.
 */
export async function refundPayment(
  db: Db,
  settings: SandboxSettings,
  paymentId: string,
  input: RefundInput,
  idempotencyKey: string | null,
  now = clock.now(),
): Promise<RefundEntity> {
  try {
    return await inTransaction(db, async (tx) => {
      const payment = await findPayment(tx, paymentId, true);
      if (idempotencyKey) {
        const [previous] = await tx.select({ entity: sandboxRefunds.entity }).from(sandboxRefunds).where(eq(sandboxRefunds.idempotencyKey, idempotencyKey));
        if (previous) {
          const refund = previous.entity as unknown as RefundEntity;
          if (!repeatsRefund(refund, paymentId, input)) throw idempotencyConflict();
          return refund;
        }
      }
      if (!payment.captured) throw badRequest('Only captured payments can be refunded');
      const refundable = payment.amount - payment.amount_refunded;
      if (refundable <= 0) throw badRequest('The payment has been fully refunded already');
      const amount = input.amount ?? refundable;
      if (amount > refundable) throw badRequest('The refund amount provided is greater than amount captured', { field: 'amount' });

      const refund: RefundEntity = {
        id: sandboxId('rfnd'),
        entity: 'refund',
        amount,
        currency: payment.currency,
        payment_id: payment.id,
        notes: notesOf(input.notes),
        receipt: input.receipt ?? null,
        acquirer_data: { arn: null },
        created_at: unixSeconds(now),
        batch_id: null,
        status: 'pending',
        speed_requested: input.speed ?? 'normal',
        speed_processed: null,
      };
      const refunded = payment.amount_refunded + amount;
      const full = refunded === payment.amount;
      const updated: PaymentEntity = { ...payment, amount_refunded: refunded, refund_status: full ? 'full' : 'partial', status: full ? 'refunded' : payment.status };
      await savePayment(tx, updated);
      await tx.insert(sandboxRefunds).values({
        id: refund.id,
        paymentId: payment.id,
        amount,
        status: refund.status,
        idempotencyKey,
        entity: { ...refund },
        processAfter: new Date(now.getTime() + settings.refundDelayMs),
        createdAt: now,
      });
      await emitWebhook(tx, settings, 'refund.created', { refund, payment: updated }, now);
      return refund;
    });
  } catch (error) {
    // The same key sent at once for two different payments: the loser hits the unique index.
    if (idempotencyKey && pgErrorCode(error) === PG_UNIQUE_VIOLATION) throw idempotencyConflict();
    throw error;
  }
}

/** Newest first, paged with Razorpay's `count` and `skip`. */
export async function listPaymentRefunds(db: Db, paymentId: string, query: ListQuery): Promise<Collection<RefundEntity>> {
  await findPayment(db, paymentId);
  const rows = await db
    .select({ entity: sandboxRefunds.entity })
    .from(sandboxRefunds)
    .where(eq(sandboxRefunds.paymentId, paymentId))
    .orderBy(desc(sandboxRefunds.createdAt), desc(sandboxRefunds.id))
    .limit(query.count)
    .offset(query.skip);
  const items = rows.map((r) => r.entity as unknown as RefundEntity);
  return { entity: 'collection', count: items.length, items };
}

/** One refund; when `paymentId` is given it must be that payment's refund. */
export async function getRefund(db: Db, refundId: string, paymentId?: string): Promise<RefundEntity> {
  const [row] = await db
    .select({ entity: sandboxRefunds.entity })
    .from(sandboxRefunds)
    .where(and(eq(sandboxRefunds.id, refundId), paymentId === undefined ? undefined : eq(sandboxRefunds.paymentId, paymentId)));
  if (!row) throw unknownId();
  return row.entity as unknown as RefundEntity;
}

/** Rows created in Razorpay's `from`..`to` (unix seconds, both inclusive, on `created_at`). */
export function createdWithin(column: typeof sandboxPayments.createdAt | typeof sandboxRefunds.createdAt | typeof sandboxPayouts.createdAt, query: PeriodQuery): SQL | undefined {
  return and(
    query.from === undefined ? undefined : gte(column, new Date(query.from * 1000)),
    query.to === undefined ? undefined : lt(column, new Date((query.to + 1) * 1000)),
  );
}

/**
 * A page of a Razorpay collection: the entities created in the query's period (and matching `where`), newest first,
 * paged with `count` and `skip`.
 */
export async function listCollection<T>(db: Db, table: typeof sandboxPayments | typeof sandboxRefunds | typeof sandboxPayouts, query: PeriodQuery, where?: SQL): Promise<Collection<T>> {
  const rows: Array<{ entity: unknown }> = await db
    .select({ entity: table.entity })
    .from(table as typeof sandboxPayments)
    .where(and(createdWithin(table.createdAt, query), where))
    .orderBy(desc(table.createdAt), desc(table.id))
    .limit(query.count)
    .offset(query.skip);
  const items = rows.map((r) => r.entity as T);
  return { entity: 'collection', count: items.length, items };
}

/** `GET /v1/payments`. */
export const listPayments = (db: Db, query: PeriodQuery) => listCollection<PaymentEntity>(db, sandboxPayments, query);

/** `GET /v1/refunds`. */
export const listRefunds = (db: Db, query: PeriodQuery) => listCollection<RefundEntity>(db, sandboxRefunds, query);

const REFUND_BATCH = 50;

/**
 * Moves refunds whose delay has passed from `pending` to `processed` and records `refund.processed`. Claimed
 * with SKIP LOCKED, so instances running this at once split the work instead of processing a refund twice.
 */
export async function processDueRefunds(db: Db, settings: SandboxSettings, now = clock.now()): Promise<number> {
  let processed = 0;
  for (;;) {
    const claimed = await inTransaction(db, async (tx) => {
      const due = await lockDue(tx, sandboxRefunds, { due: and(eq(sandboxRefunds.status, 'pending'), lte(sandboxRefunds.processAfter, now)), orderBy: asc(sandboxRefunds.processAfter), batchSize: REFUND_BATCH });
      for (const row of due) {
        const refund: RefundEntity = { ...(row.entity as unknown as RefundEntity), status: 'processed', speed_processed: 'normal' };
        await tx.update(sandboxRefunds).set({ status: refund.status, entity: { ...refund } }).where(eq(sandboxRefunds.id, row.id));
        await emitWebhook(tx, settings, 'refund.processed', { refund, payment: await findPayment(tx, row.paymentId) }, now);
      }
      return due.length;
    });
    processed += claimed;
    if (claimed < REFUND_BATCH) return processed;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Webhook delivery bookkeeping (the HTTP part lives in the worker)

/** Attempts per webhook before the sandbox gives up on it (1 s, 2 s, 4 s … 60 s apart: about six minutes). */
export const MAX_WEBHOOK_ATTEMPTS = 12;

/** Razorpay-like retries of a webhook the merchant did not take: 1 s, 2 s, 4 s … at most a minute apart. */
const WEBHOOK_RETRY = { baseMs: 1_000, maxMs: 60_000 };

export type WebhookRow = typeof sandboxWebhooks.$inferSelect;

const deliverable = and(isNull(sandboxWebhooks.deliveredAt), lt(sandboxWebhooks.attempts, MAX_WEBHOOK_ATTEMPTS));

/**
 * Claims due deliveries for this instance: the rows are locked with SKIP LOCKED, counted as an attempt and
 * leased (pushed `leaseMs` into the future) in one short transaction. The HTTP calls then happen outside any
 * transaction — the receiver may well use the same database — and a crashed instance's lease simply expires.
 */
export async function claimDueWebhooks(db: Db, now: Date, limit: number, leaseMs: number): Promise<WebhookRow[]> {
  return claimDue(db, sandboxWebhooks, {
    key: 'id',
    due: 'nextAttemptAt',
    waiting: deliverable,
    orderBy: ['nextAttemptAt', 'createdAt'],
    now,
    leaseMs,
    batchSize: limit,
    set: { attempts: sql`${sandboxWebhooks.attempts} + 1` },
  });
}

export async function markWebhookDelivered(db: Db, id: string, now: Date): Promise<void> {
  await db.update(sandboxWebhooks).set({ deliveredAt: now, lastError: null }).where(eq(sandboxWebhooks.id, id));
}

/** Schedules the next attempt with back-off; returns false when this was the last attempt. */
export async function markWebhookFailed(db: Db, row: WebhookRow, error: string, now: Date): Promise<boolean> {
  const retry = row.attempts < MAX_WEBHOOK_ATTEMPTS;
  await db
    .update(sandboxWebhooks)
    .set({ lastError: error.slice(0, 500), nextAttemptAt: retry ? nextAttemptAt(now, row.attempts, WEBHOOK_RETRY) : now })
    .where(eq(sandboxWebhooks.id, row.id));
  return retry;
}

/** Payout statuses that still move on by themselves. */
export const PAYOUT_OPEN_STATUSES = ['queued', 'pending', 'processing'] as const;

/** The earliest moment there will be work: a refund or payout to process, or a webhook to (re)try. */
export async function nextDueAt(db: Db): Promise<Date | null> {
  const [refund] = await db.select({ at: min(sandboxRefunds.processAfter) }).from(sandboxRefunds).where(eq(sandboxRefunds.status, 'pending'));
  const [payout] = await db
    .select({ at: min(sandboxPayouts.processAfter) })
    .from(sandboxPayouts)
    .where(inArray(sandboxPayouts.status, [...PAYOUT_OPEN_STATUSES]));
  const [webhook] = await db.select({ at: min(sandboxWebhooks.nextAttemptAt) }).from(sandboxWebhooks).where(deliverable);
  const times = [refund?.at, payout?.at, webhook?.at].filter((at): at is Date => at instanceof Date);
  return times.length ? new Date(Math.min(...times.map((t) => t.getTime()))) : null;
}
