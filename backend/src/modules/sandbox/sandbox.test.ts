import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { asc, eq, inArray, like, sql } from 'drizzle-orm';
import express from 'express';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { createTestDatabase, usingServerPostgres } from '../../db/test-database.js';
import type { Logger } from '../../lib/logger.js';
import { hmacHex } from '../../lib/signatures.js';
import { ProviderError, type PaymentProvider } from '../payments/payment-provider.js';
import { createRazorpayProvider, createRazorpaySdk } from '../payments/razorpay.provider.js';
import { sandboxRouter } from './sandbox.routes.js';
import { MAX_WEBHOOK_ATTEMPTS, type SandboxSettings } from './sandbox.service.js';
import { sandboxOrders, sandboxPayments, sandboxRefunds, sandboxWebhooks } from './sandbox.tables.js';
import { createSandboxWorker, runSandboxPass, type SandboxWorker } from './sandbox.worker.js';
import { clock } from '../../lib/clock.js';

// ---------------------------------------------------------------------------------------------------------
// A real HTTP server: the sandbox at /sandbox/razorpay and a webhook receiver that records the raw bytes.

interface Delivery {
  eventId: string;
  signature: string;
  contentType: string;
  raw: Buffer;
  json: { event: string; account_id: string; contains: string[]; payload: Record<string, { entity: Record<string, unknown> }>; created_at: number; entity: string };
  at: number;
}

interface Sandbox {
  database: Database;
  settings: SandboxSettings;
  gateway: PaymentProvider;
  /** The official SDK itself, for what the provider does not expose (raw entities, SDK errors). */
  sdk: ReturnType<typeof createRazorpaySdk>;
  worker: SandboxWorker;
  baseUrl: string;
  deliveries: Delivery[];
  logs: string[];
  /** Answer 500 to deliveries for which this returns true. */
  failWhen: ((d: Delivery) => boolean) | null;
  logger: Logger;
  close(): Promise<void>;
}

const KEYS = { keyId: 'rzp_test_SandboxKey0001', keySecret: 'sandbox-key-secret-0123456789', webhookSecret: 'sandbox-webhook-secret-9876543210' };

/**
 * `runningWorker: false` creates the worker and stops it at once, so the route's kicks do nothing and each test
 * decides when time passes (runSandboxPass with a chosen `now`).
 */
async function startSandbox(options: { chaos?: boolean; runningWorker?: boolean; refundDelayMs?: number } = {}): Promise<Sandbox> {
  const database = await createTestDatabase();
  const logs: string[] = [];
  const logger: Logger = pino(
    { level: 'debug' },
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        logs.push(chunk.toString());
        done();
      },
    }),
  );
  const app = express();
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const settings: SandboxSettings = {
    ...KEYS,
    webhookUrl: `${origin}/hooks`,
    chaos: options.chaos ?? false,
    refundDelayMs: options.refundDelayMs ?? 60_000,
    payoutWebhookUrl: `${origin}/payout-hooks`,
    payoutDelayMs: 60_000,
    accountNumber: '2323230000000001',
  };
  const worker = createSandboxWorker({ db: database.db, settings, logger });
  if (!options.runningWorker) worker.stop();

  const sandbox: Sandbox = {
    database,
    settings,
    gateway: createRazorpayProvider({ provider: 'sandbox', ...KEYS, baseUrl: `${origin}/sandbox/razorpay` }),
    sdk: createRazorpaySdk({ ...KEYS, baseUrl: `${origin}/sandbox/razorpay` }),
    worker,
    baseUrl: `${origin}/sandbox/razorpay`,
    deliveries: [],
    logs,
    failWhen: null,
    logger,
    async close() {
      worker.stop();
      await worker.idle();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await database.close();
    },
  };
  app.use('/sandbox/razorpay', sandboxRouter({ db: database.db, settings, worker, logger }));
  app.post('/hooks', express.raw({ type: '*/*' }), (req, res) => {
    const raw = req.body as Buffer;
    const delivery: Delivery = {
      eventId: req.get('x-razorpay-event-id') ?? '',
      signature: req.get('X-Razorpay-Signature') ?? '',
      contentType: req.get('Content-Type') ?? '',
      raw,
      json: JSON.parse(raw.toString('utf8')),
      at: clock.now().getTime(),
    };
    sandbox.deliveries.push(delivery);
    res.status(sandbox.failWhen?.(delivery) ? 500 : 200).end();
  });
  return sandbox;
}

const checkout = (s: Sandbox) => ({
  pay: (orderId: string, outcome: 'success' | 'failure', extra: Record<string, unknown> = {}) =>
    fetch(`${s.baseUrl}/v1/checkout/pay`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ key_id: s.settings.keyId, order_id: orderId, outcome, ...extra }),
    }),
  order: (orderId: string, keyId = s.settings.keyId) => fetch(`${s.baseUrl}/v1/checkout/orders/${orderId}?key_id=${encodeURIComponent(keyId)}`),
});

/** An order with manual capture, paid at checkout: the payment is authorized and waits for `capture`. */
async function authorizedPayment(s: Sandbox, amountPaise = 29_900) {
  const order = await s.gateway.createOrder({ amountPaise, receipt: `rcpt-${Date.now()}`, notes: { booking_id: 'b-1' }, capture: 'manual' });
  const res = await checkout(s).pay(order.id, 'success');
  expect(res.status).toBe(200);
  const body = (await res.json()) as { razorpay_payment_id: string; razorpay_order_id: string; razorpay_signature: string };
  return { order, paymentId: body.razorpay_payment_id, body };
}

async function capturedPayment(s: Sandbox, amountPaise = 29_900) {
  const paid = await authorizedPayment(s, amountPaise);
  await s.gateway.capture(paid.paymentId, amountPaise);
  return paid;
}

/** The error a gateway call rejected with (fails the test if it resolved). */
async function gatewayError(call: Promise<unknown>): Promise<ProviderError> {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

/** The raw Razorpay error body the SDK rejected with (`{statusCode, error}`), to check fields like `field`. */
async function sdkError(call: Promise<unknown>): Promise<{ statusCode: number; error: Record<string, unknown> }> {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toMatchObject({ statusCode: expect.any(Number) });
  return error as { statusCode: number; error: Record<string, unknown> };
}

const eventsAbout = (s: Sandbox, id: string) => s.deliveries.filter((d) => d.raw.toString('utf8').includes(`"${id}"`));
const eventNames = (deliveries: Delivery[]) => deliveries.map((d) => d.json.event);

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Groups in first-seen order (Map keeps insertion order). */
function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

const ID = (prefix: string) => new RegExp(`^${prefix}_[0-9A-Za-z]{14}$`);

// ---------------------------------------------------------------------------------------------------------

describe('sandbox gateway through the razorpay SDK', () => {
  let s: Sandbox;
  beforeAll(async () => {
    s = await startSandbox();
  });
  afterAll(async () => {
    await s.close();
  });

  describe('orders', () => {
    it('when an order is created, then it is returned and fetched as Razorpay shapes it', async () => {
      const before = Math.floor(clock.now().getTime() / 1000);
      const order = await s.gateway.createOrder({ amountPaise: 29_900, receipt: 'booking-1', notes: { booking_id: 'b-1' }, capture: 'manual' });
      expect(order).toEqual({ id: expect.stringMatching(ID('order')), status: 'created', amountPaise: 29_900, amountPaidPaise: 0, receipt: 'booking-1' });
      expect(await s.gateway.fetchOrder(order.id)).toEqual(order);

      const raw = (await s.sdk.orders.fetch(order.id)) as unknown as Record<string, unknown>;
      expect(raw).toEqual({
        id: order.id,
        entity: 'order',
        amount: 29_900,
        amount_paid: 0,
        amount_due: 29_900,
        currency: 'INR',
        receipt: 'booking-1',
        offer_id: null,
        status: 'created',
        attempts: 0,
        notes: { booking_id: 'b-1' },
        created_at: expect.any(Number),
      });
      expect(raw.created_at).toBeGreaterThanOrEqual(before);
      expect(await s.gateway.fetchOrderPayments(order.id)).toEqual([]);
    });

    it('when an order body is invalid, then 400 BAD_REQUEST_ERROR names the field, never a 500', async () => {
      const small = await sdkError(s.sdk.orders.create({ amount: 99, currency: 'INR' }));
      expect(small).toMatchObject({ statusCode: 400, error: { code: 'BAD_REQUEST_ERROR', field: 'amount', source: 'business', step: 'payment_initiation', metadata: {} } });
      expect((await sdkError(s.sdk.orders.create({ amount: 299.5, currency: 'INR' }))).error).toMatchObject({ field: 'amount', description: 'The amount must be an integer.' });
      expect((await sdkError(s.sdk.orders.create({ amount: 29_900, currency: 'USD' }))).error).toMatchObject({ field: 'currency' });
      expect((await sdkError(s.sdk.orders.create({ currency: 'INR' } as never))).error).toMatchObject({ field: 'amount', description: 'The amount field is required.' });
      const extra = await sdkError(s.sdk.orders.create({ amount: 29_900, currency: 'INR', colour: 'red' } as never));
      expect(extra.error).toMatchObject({ description: 'colour is/are not required and should not be sent' });
      expect((await sdkError(s.sdk.orders.create({ amount: 29_900, currency: 'INR', receipt: 'r'.repeat(41) }))).error).toMatchObject({ field: 'receipt' });
    });

    it('when the API keys are wrong or missing, then 401 with Razorpay’s message', async () => {
      const wrongSecret = createRazorpayProvider({ provider: 'sandbox', ...KEYS, keySecret: 'not-the-secret', baseUrl: s.baseUrl });
      const error = await gatewayError(wrongSecret.createOrder({ amountPaise: 10_000, receipt: 'x', notes: {}, capture: 'manual' }));
      expect(error).toMatchObject({ statusCode: 401, code: 'BAD_REQUEST_ERROR', outcomeUnknown: false, message: 'The api key provided is invalid' });
      const wrongKey = createRazorpayProvider({ provider: 'sandbox', ...KEYS, keyId: 'rzp_test_SomeoneElse01', baseUrl: s.baseUrl });
      expect((await gatewayError(wrongKey.fetchOrder('order_0000000000000A'))).statusCode).toBe(401);
      // No credentials at all is something the SDK cannot even send, so plain HTTP.
      const anonymous = await fetch(`${s.baseUrl}/v1/orders/order_0000000000000A`);
      expect(anonymous.status).toBe(401);
      expect(await anonymous.json()).toMatchObject({ error: { code: 'BAD_REQUEST_ERROR', description: 'The api key provided is invalid' } });
      expect(await s.database.db.select().from(sandboxOrders).where(sql`${sandboxOrders.entity}->>'receipt' = 'x'`)).toEqual([]);
    });

    it('when an id does not exist, then 400 BAD_REQUEST_ERROR "The id provided does not exist"', async () => {
      const calls: (() => Promise<unknown>)[] = [
        () => s.gateway.fetchOrder('order_DoesNotExist00'),
        () => s.gateway.fetchOrderPayments('order_DoesNotExist00'),
        () => s.gateway.fetchPayment('pay_DoesNotExist000'),
        () => s.gateway.capture('pay_DoesNotExist000', 29_900),
        () => s.gateway.fetchRefunds('pay_DoesNotExist000'),
        () => s.gateway.refund('pay_DoesNotExist000', { amountPaise: 100, refundId: 'refund-unknown' }),
      ];
      for (const call of calls) {
        expect(await gatewayError(call())).toMatchObject({ statusCode: 400, code: 'BAD_REQUEST_ERROR', message: 'The id provided does not exist', outcomeUnknown: false });
      }
      expect(await sdkError(s.sdk.refunds.fetch('rfnd_DoesNotExist00'))).toMatchObject({ statusCode: 400, error: { code: 'BAD_REQUEST_ERROR', description: 'The id provided does not exist' } });
    });

    it('when a request is malformed or unknown, then Razorpay’s error shape, never a 500 or a stack trace', async () => {
      const auth = `Basic ${Buffer.from(`${KEYS.keyId}:${KEYS.keySecret}`).toString('base64')}`;
      const badJson = await fetch(`${s.baseUrl}/v1/orders`, { method: 'POST', headers: { Authorization: auth, 'Content-Type': 'application/json' }, body: '{"amount": ' });
      expect(badJson.status).toBe(400);
      expect(await badJson.json()).toEqual({ error: expect.objectContaining({ code: 'BAD_REQUEST_ERROR', description: 'The request body is not valid JSON' }) });
      const unknownRoute = await fetch(`${s.baseUrl}/v1/payouts`, { headers: { Authorization: auth } });
      expect(unknownRoute.status).toBe(400);
      expect(await unknownRoute.json()).toMatchObject({ error: { code: 'BAD_REQUEST_ERROR' } });
      const badCount = await fetch(`${s.baseUrl}/v1/payments/pay_DoesNotExist000/refunds?count=1000`, { headers: { Authorization: auth } });
      expect(badCount.status).toBe(400);
      expect(await badCount.json()).toMatchObject({ error: { field: 'count' } });
    });
  });

  describe('checkout', () => {
    it('when the browser pays successfully, then the signature verifies against the stored order id and the order is attempted', async () => {
      const order = await s.gateway.createOrder({ amountPaise: 49_900, receipt: 'booking-2', notes: { booking_id: 'b-2' }, capture: 'manual' });
      const shown = await checkout(s).order(order.id);
      expect(shown.status).toBe(200);
      expect(await shown.json()).toEqual({ id: order.id, amount: 49_900, currency: 'INR', status: 'created', receipt: 'booking-2', notes: { booking_id: 'b-2' } });

      const res = await checkout(s).pay(order.id, 'success', { method: 'upi' });
      expect(res.status).toBe(200);
      const body = (await res.json()) as Record<string, string>;
      expect(body).toEqual({ razorpay_payment_id: expect.stringMatching(ID('pay')), razorpay_order_id: order.id, razorpay_signature: expect.stringMatching(/^[0-9a-f]{64}$/) });
      expect(s.gateway.verifyCheckoutSignature(order.id, body.razorpay_payment_id!, body.razorpay_signature!)).toBe(true);
      const other = await s.gateway.createOrder({ amountPaise: 49_900, receipt: 'booking-3', notes: {}, capture: 'manual' });
      expect(s.gateway.verifyCheckoutSignature(other.id, body.razorpay_payment_id!, body.razorpay_signature!)).toBe(false);

      const payment = await s.gateway.fetchPayment(body.razorpay_payment_id!);
      expect(payment).toEqual({ id: body.razorpay_payment_id, orderId: order.id, status: 'authorized', amountPaise: 49_900, amountRefundedPaise: 0, method: 'upi', errorDescription: null, createdAt: expect.any(Number) });
      const raw = (await s.sdk.payments.fetch(payment.id)) as unknown as Record<string, unknown>;
      expect(raw).toMatchObject({ entity: 'payment', currency: 'INR', captured: false, refund_status: null, amount_refunded: 0, error_code: null, error_description: null, order_id: order.id });
      expect(await s.gateway.fetchOrder(order.id)).toMatchObject({ status: 'attempted', amountPaidPaise: 0 });
      expect(((await s.sdk.orders.fetch(order.id)) as unknown as { attempts: number }).attempts).toBe(1);
      expect((await s.gateway.fetchOrderPayments(order.id)).map((p) => p.id)).toEqual([payment.id]);
    });

    it('when the browser reports a failed payment, then 400 in the contract’s shape, a failed payment and a payment.failed webhook', async () => {
      const order = await s.gateway.createOrder({ amountPaise: 29_900, receipt: 'booking-4', notes: {}, capture: 'manual' });
      const res = await checkout(s).pay(order.id, 'failure');
      expect(res.status).toBe(400);
      const body = (await res.json()) as { error: { metadata: { payment_id: string; order_id: string } } };
      expect(body).toEqual({
        error: {
          code: 'BAD_REQUEST_ERROR',
          description: 'Payment failed',
          source: expect.any(String),
          step: 'payment_authorization',
          reason: 'payment_failed',
          metadata: { payment_id: expect.stringMatching(ID('pay')), order_id: order.id },
        },
      });
      const failed = await s.gateway.fetchPayment(body.error.metadata.payment_id);
      expect(failed).toMatchObject({ status: 'failed', errorDescription: 'Payment failed', orderId: order.id });
      expect(await s.gateway.fetchOrder(order.id)).toMatchObject({ status: 'attempted' });

      // The customer tries again and succeeds: a second payment on the same order.
      const retry = await checkout(s).pay(order.id, 'success');
      expect(retry.status).toBe(200);
      expect(await s.gateway.fetchOrderPayments(order.id)).toHaveLength(2);
      expect(((await s.sdk.orders.fetch(order.id)) as unknown as { attempts: number }).attempts).toBe(2);

      await runSandboxPass(s.database.db, s.settings, clock.now(), s.logger);
      expect(eventNames(eventsAbout(s, failed.id))).toEqual(['payment.failed']);
      const [event] = eventsAbout(s, failed.id);
      expect(event!.json).toMatchObject({ entity: 'event', event: 'payment.failed', contains: ['payment'], payload: { payment: { entity: { id: failed.id, status: 'failed' } } } });
    });

    it('when the checkout names an unknown order or another key, then 400 and nothing is recorded', async () => {
      const order = await s.gateway.createOrder({ amountPaise: 29_900, receipt: 'booking-5', notes: {}, capture: 'manual' });
      const unknownOrder = await checkout(s).pay('order_DoesNotExist00', 'success');
      expect(unknownOrder.status).toBe(400);
      expect(await unknownOrder.json()).toMatchObject({ error: { code: 'BAD_REQUEST_ERROR', description: 'The id provided does not exist' } });
      const wrongKey = await checkout(s).pay(order.id, 'success', { key_id: 'rzp_test_SomeoneElse01' });
      expect(wrongKey.status).toBe(400);
      expect(await wrongKey.json()).toMatchObject({ error: { code: 'BAD_REQUEST_ERROR', field: 'key_id' } });
      expect((await checkout(s).order(order.id, 'rzp_test_SomeoneElse01')).status).toBe(400);
      expect((await checkout(s).order('order_DoesNotExist00')).status).toBe(400);
      const badOutcome = await checkout(s).pay(order.id, 'maybe' as never);
      expect(badOutcome.status).toBe(400);
      expect(await badOutcome.json()).toMatchObject({ error: { field: 'outcome' } });
      expect(await s.database.db.select().from(sandboxPayments).where(eq(sandboxPayments.orderId, order.id))).toEqual([]);
      expect(await s.gateway.fetchOrder(order.id)).toMatchObject({ status: 'created' });
    });
  });

  describe('capture', () => {
    it('when an order captures automatically (Razorpay’s default, and what the product asks for), then the paid payment is captured at once and the events tell both steps', async () => {
      const order = await s.gateway.createOrder({ amountPaise: 29_900, receipt: 'booking-auto', notes: {}, capture: 'automatic' });
      const res = await checkout(s).pay(order.id, 'success');
      expect(res.status).toBe(200);
      const body = (await res.json()) as { razorpay_payment_id: string; razorpay_signature: string };
      expect(body.razorpay_signature).toBe(hmacHex(KEYS.keySecret, `${order.id}|${body.razorpay_payment_id}`));
      expect(await s.gateway.fetchPayment(body.razorpay_payment_id)).toMatchObject({ status: 'captured', amountPaise: 29_900, orderId: order.id });
      expect((await s.sdk.orders.fetch(order.id)) as unknown as Record<string, unknown>).toMatchObject({ status: 'paid', amount_paid: 29_900, amount_due: 0, attempts: 1 });
      expect(await gatewayError(s.gateway.capture(body.razorpay_payment_id, 29_900))).toMatchObject({ statusCode: 400, message: 'This payment has already been captured' });

      await runSandboxPass(s.database.db, s.settings, clock.now(), s.logger);
      const events = eventsAbout(s, body.razorpay_payment_id);
      expect(eventNames(events)).toEqual(['payment.authorized', 'payment.captured', 'order.paid']);
      expect(events.map((e) => (e.json.payload as { payment: { entity: { status: string } } }).payment.entity.status)).toEqual(['authorized', 'captured', 'captured']);

      // Without payment_capture the account's default applies, which is automatic; `false` is manual.
      const plain = (await s.sdk.orders.create({ amount: 10_000, currency: 'INR' })) as unknown as { id: string };
      const plainPay = (await (await checkout(s).pay(plain.id, 'success')).json()) as { razorpay_payment_id: string };
      expect(await s.gateway.fetchPayment(plainPay.razorpay_payment_id)).toMatchObject({ status: 'captured' });
      const manual = (await s.sdk.orders.create({ amount: 10_000, currency: 'INR', payment_capture: false })) as unknown as { id: string };
      const manualPay = (await (await checkout(s).pay(manual.id, 'success')).json()) as { razorpay_payment_id: string };
      expect(await s.gateway.fetchPayment(manualPay.razorpay_payment_id)).toMatchObject({ status: 'authorized' });
      expect(await sdkError(s.sdk.orders.create({ amount: 10_000, currency: 'INR', payment_capture: 'yes' } as never))).toMatchObject({ statusCode: 400, error: { field: 'payment_capture' } });
    });

    it('when a payment is captured, then only with its exact amount, only once, and the order becomes paid', async () => {
      const { order, paymentId } = await authorizedPayment(s, 29_900);
      const wrong = await sdkError(s.sdk.payments.capture(paymentId, 20_000, 'INR'));
      expect(wrong).toMatchObject({ statusCode: 400, error: { code: 'BAD_REQUEST_ERROR', field: 'amount' } });
      expect(await s.gateway.fetchPayment(paymentId)).toMatchObject({ status: 'authorized' });

      const captured = await s.gateway.capture(paymentId, 29_900);
      expect(captured).toMatchObject({ id: paymentId, status: 'captured', amountPaise: 29_900 });
      expect((await s.sdk.payments.fetch(paymentId)) as unknown as Record<string, unknown>).toMatchObject({ captured: true, status: 'captured' });
      expect((await s.sdk.orders.fetch(order.id)) as unknown as Record<string, unknown>).toMatchObject({ status: 'paid', amount_paid: 29_900, amount_due: 0 });

      const twice = await gatewayError(s.gateway.capture(paymentId, 29_900));
      expect(twice).toMatchObject({ statusCode: 400, code: 'BAD_REQUEST_ERROR', message: 'This payment has already been captured' });
    });

    it('when a failed payment is captured, then 400 and nothing changes', async () => {
      const order = await s.gateway.createOrder({ amountPaise: 29_900, receipt: 'booking-6', notes: {}, capture: 'manual' });
      const res = await checkout(s).pay(order.id, 'failure');
      const { error } = (await res.json()) as { error: { metadata: { payment_id: string } } };
      expect(await gatewayError(s.gateway.capture(error.metadata.payment_id, 29_900))).toMatchObject({ statusCode: 400, code: 'BAD_REQUEST_ERROR' });
      expect(await s.gateway.fetchOrder(order.id)).toMatchObject({ status: 'attempted' });
    });

    it('when an order is paid, then its status never goes back: no new payment, and it stays paid after a full refund', async () => {
      const { order, paymentId } = await capturedPayment(s);
      const again = await checkout(s).pay(order.id, 'success');
      expect(again.status).toBe(400);
      expect(await again.json()).toMatchObject({ error: { code: 'BAD_REQUEST_ERROR', description: 'Order is already paid' } });
      const failedAgain = await checkout(s).pay(order.id, 'failure');
      expect(await failedAgain.json()).toMatchObject({ error: { description: 'Order is already paid' } });
      await s.gateway.refund(paymentId, { amountPaise: 29_900, refundId: 'refund-never-back' });
      await runSandboxPass(s.database.db, s.settings, new Date(clock.now().getTime() + s.settings.refundDelayMs + 1000), s.logger);
      expect(await s.gateway.fetchOrder(order.id)).toMatchObject({ status: 'paid', amountPaidPaise: 29_900 });
      expect(await s.gateway.fetchOrderPayments(order.id)).toHaveLength(1);
      expect((await checkout(s).order(order.id).then((r) => r.json())) as unknown).toMatchObject({ status: 'paid' });
    });
  });

  describe('refunds', () => {
    it('when a captured payment is refunded in parts, then each part counts, an over-refund is refused and the rest can be refunded', async () => {
      const { paymentId } = await capturedPayment(s, 29_900);
      const first = await s.gateway.refund(paymentId, { amountPaise: 10_000, refundId: 'refund-part-1' });
      expect(first).toEqual({ id: expect.stringMatching(ID('rfnd')), paymentId, amountPaise: 10_000, status: 'pending', receipt: 'refund-part-1', createdAt: expect.any(Number) });
      const raw = (await s.sdk.refunds.fetch(first.id)) as unknown as Record<string, unknown>;
      expect(raw).toMatchObject({ entity: 'refund', currency: 'INR', speed_requested: 'normal', speed_processed: null, notes: { refund_id: 'refund-part-1' } });
      expect((await s.sdk.payments.fetch(paymentId)) as unknown as Record<string, unknown>).toMatchObject({ status: 'captured', amount_refunded: 10_000, refund_status: 'partial' });

      const over = await gatewayError(s.gateway.refund(paymentId, { amountPaise: 20_000, refundId: 'refund-part-2' }));
      expect(over).toMatchObject({ statusCode: 400, code: 'BAD_REQUEST_ERROR', message: 'The refund amount provided is greater than amount captured' });

      // Without an amount, Razorpay refunds what is left.
      const rest = (await s.sdk.payments.refund(paymentId, {})) as unknown as Record<string, unknown>;
      expect(rest).toMatchObject({ amount: 19_900, status: 'pending' });
      expect(await s.gateway.fetchPayment(paymentId)).toMatchObject({ status: 'refunded', amountRefundedPaise: 29_900 });
      expect((await s.sdk.payments.fetch(paymentId)) as unknown as Record<string, unknown>).toMatchObject({ refund_status: 'full', captured: true });
      expect(await gatewayError(s.gateway.refund(paymentId, { amountPaise: 100, refundId: 'refund-part-3' }))).toMatchObject({ statusCode: 400 });

      const all = await s.gateway.fetchRefunds(paymentId);
      expect(all.map((r) => r.amountPaise).sort()).toEqual([10_000, 19_900]);
      const page = (await s.sdk.payments.fetchMultipleRefund(paymentId, { count: 1, skip: 1 })) as unknown as { entity: string; count: number; items: { id: string }[] };
      expect(page).toMatchObject({ entity: 'collection', count: 1 });
      expect(all.map((r) => r.id)).toContain(page.items[0]!.id);
      expect(((await s.sdk.payments.fetchRefund(paymentId, first.id)) as unknown as { id: string }).id).toBe(first.id);
      const { paymentId: otherPayment } = await capturedPayment(s);
      expect((await sdkError(s.sdk.payments.fetchRefund(otherPayment, first.id))).error).toMatchObject({ description: 'The id provided does not exist' });
    });

    it('when a payment is not captured, then it cannot be refunded', async () => {
      const { paymentId } = await authorizedPayment(s);
      expect(await gatewayError(s.gateway.refund(paymentId, { amountPaise: 10_000, refundId: 'refund-uncaptured' }))).toMatchObject({ statusCode: 400, code: 'BAD_REQUEST_ERROR' });
      expect(await s.gateway.fetchRefunds(paymentId)).toEqual([]);
      expect(await s.gateway.fetchPayment(paymentId)).toMatchObject({ status: 'authorized', amountRefundedPaise: 0 });
    });

    it('when the product retries a refund with the same refund id, then there is still one refund', async () => {
      const { paymentId } = await capturedPayment(s);
      const first = await s.gateway.refund(paymentId, { amountPaise: 5_000, refundId: 'refund-retried' });
      const second = await s.gateway.refund(paymentId, { amountPaise: 5_000, refundId: 'refund-retried' });
      expect(second.id).toBe(first.id);
      expect(await s.gateway.fetchRefunds(paymentId)).toHaveLength(1);
      expect(await s.gateway.fetchPayment(paymentId)).toMatchObject({ amountRefundedPaise: 5_000 });
    });

    it('when a refund is sent twice with the same X-Refund-Idempotency key, then the first refund is returned; another body is refused', async () => {
      // The SDK has no way to send this header, so this one call goes over plain HTTP.
      const { paymentId } = await capturedPayment(s);
      const post = (body: object, key: string) =>
        fetch(`${s.baseUrl}/v1/payments/${paymentId}/refund`, {
          method: 'POST',
          headers: { Authorization: `Basic ${Buffer.from(`${KEYS.keyId}:${KEYS.keySecret}`).toString('base64')}`, 'Content-Type': 'application/json', 'X-Refund-Idempotency': key },
          body: JSON.stringify(body),
        });
      const first = await post({ amount: 7_000, receipt: 'idem-1' }, 'idem-key-0000000001');
      expect(first.status).toBe(200);
      const firstBody = (await first.json()) as { id: string };
      const repeat = await post({ amount: 7_000, receipt: 'idem-1' }, 'idem-key-0000000001');
      expect(((await repeat.json()) as { id: string }).id).toBe(firstBody.id);
      const different = await post({ amount: 8_000, receipt: 'idem-1' }, 'idem-key-0000000001');
      expect(different.status).toBe(400);
      expect(await different.json()).toMatchObject({ error: { description: 'Different request with the same idempotency key has already been processed.' } });
      expect((await post({ amount: 7_000 }, 'short')).status).toBe(400);
      expect(await s.gateway.fetchRefunds(paymentId)).toHaveLength(1);
      expect(await s.gateway.fetchPayment(paymentId)).toMatchObject({ amountRefundedPaise: 7_000 });
    });

    it('when the refund delay passes, then the refund is processed once and refund.processed is sent', async () => {
      const { paymentId } = await capturedPayment(s);
      const refund = await s.gateway.refund(paymentId, { amountPaise: 9_900, refundId: 'refund-delayed' });
      const createdAt = clock.now().getTime();
      await runSandboxPass(s.database.db, s.settings, new Date(createdAt + s.settings.refundDelayMs - 5_000), s.logger);
      expect((await s.gateway.fetchRefunds(paymentId))[0]).toMatchObject({ id: refund.id, status: 'pending' });
      expect(eventNames(eventsAbout(s, refund.id))).toEqual(['refund.created']);

      const pass = await runSandboxPass(s.database.db, s.settings, new Date(createdAt + s.settings.refundDelayMs + 1_000), s.logger);
      expect(pass.refundsProcessed).toBeGreaterThanOrEqual(1);
      expect((await s.sdk.refunds.fetch(refund.id)) as unknown as Record<string, unknown>).toMatchObject({ status: 'processed', speed_processed: 'normal' });
      await runSandboxPass(s.database.db, s.settings, new Date(createdAt + s.settings.refundDelayMs + 60_000), s.logger);
      const events = eventsAbout(s, refund.id);
      expect(eventNames(events)).toEqual(['refund.created', 'refund.processed']);
      expect(events[1]!.json).toMatchObject({ contains: ['refund', 'payment'], payload: { refund: { entity: { id: refund.id, status: 'processed' } }, payment: { entity: { id: paymentId, amount_refunded: 9_900 } } } });
    });
  });

  describe('webhooks', () => {
    it('when state changes, then each event is recorded in the same change and delivered signed with the webhook secret, in order', async () => {
      const { order, paymentId } = await authorizedPayment(s);
      await s.gateway.capture(paymentId, 29_900);
      // Recorded with the change, before anything is delivered.
      const rows = await s.database.db.select().from(sandboxWebhooks).where(like(sandboxWebhooks.body, `%${paymentId}%`));
      expect(rows.map((r) => r.event).sort()).toEqual(['order.paid', 'payment.authorized', 'payment.captured']);
      expect(rows.every((r) => r.deliveredAt === null)).toBe(true);

      await runSandboxPass(s.database.db, s.settings, clock.now(), s.logger);
      const events = eventsAbout(s, paymentId);
      expect(eventNames(events)).toEqual(['payment.authorized', 'payment.captured', 'order.paid']);
      for (const event of events) {
        expect(event.contentType).toMatch(/^application\/json/);
        expect(event.eventId).toMatch(ID('evt'));
        expect(s.gateway.verifyWebhookSignature(event.raw, event.signature)).toBe(true);
        expect(event.signature).not.toBe(hmacHex(KEYS.keySecret, event.raw)); // the webhook secret, not the key secret
        expect(event.json).toMatchObject({ entity: 'event', account_id: expect.stringMatching(ID('acc')), created_at: expect.any(Number) });
        const row = rows.find((r) => r.eventId === event.eventId);
        expect(event.raw.toString('utf8')).toBe(row!.body);
      }
      // A body re-serialised differently no longer matches its signature: the receiver must verify raw bytes.
      const reformatted = Buffer.from(JSON.stringify(events[0]!.json, null, 2));
      expect(s.gateway.verifyWebhookSignature(reformatted, events[0]!.signature)).toBe(false);
      expect(events[2]!.json).toMatchObject({ event: 'order.paid', contains: ['payment', 'order'], payload: { order: { entity: { id: order.id, status: 'paid' } }, payment: { entity: { id: paymentId, status: 'captured' } } } });
      expect(new Set(events.map((e) => e.json.account_id)).size).toBe(1);
      const delivered = await s.database.db.select().from(sandboxWebhooks).where(like(sandboxWebhooks.body, `%${paymentId}%`));
      expect(delivered.every((r) => r.deliveredAt !== null && r.attempts === 1)).toBe(true);
    });

    it('when the receiver answers 500, then the same event is retried 1 s, then 2 s later, and delivered', async () => {
      const order = await s.gateway.createOrder({ amountPaise: 29_900, receipt: 'booking-retry', notes: {}, capture: 'manual' });
      let failures = 0;
      s.failWhen = (d) => d.json.event === 'payment.authorized' && d.json.payload.payment?.entity.order_id === order.id && ++failures <= 2;
      try {
        const { razorpay_payment_id: paymentId } = (await (await checkout(s).pay(order.id, 'success')).json()) as { razorpay_payment_id: string };
        const [row] = await s.database.db.select().from(sandboxWebhooks).where(like(sandboxWebhooks.body, `%${paymentId}%`));
        const t0 = row!.nextAttemptAt.getTime();
        const at = (ms: number) => runSandboxPass(s.database.db, s.settings, new Date(t0 + ms), s.logger);

        expect((await at(0)).webhooksFailed).toBeGreaterThanOrEqual(1);
        const afterFirst = await s.database.db.select().from(sandboxWebhooks).where(eq(sandboxWebhooks.id, row!.id));
        expect(afterFirst[0]).toMatchObject({ attempts: 1, deliveredAt: null, lastError: 'HTTP 500' });
        expect(afterFirst[0]!.nextAttemptAt.getTime()).toBe(t0 + 1_000);

        await at(999);
        expect(eventsAbout(s, paymentId)).toHaveLength(1);
        await at(1_000);
        expect(eventsAbout(s, paymentId)).toHaveLength(2);
        const afterSecond = await s.database.db.select().from(sandboxWebhooks).where(eq(sandboxWebhooks.id, row!.id));
        expect(afterSecond[0]!.nextAttemptAt.getTime()).toBe(t0 + 3_000);
        await at(3_000);

        const attempts = eventsAbout(s, paymentId);
        expect(attempts).toHaveLength(3);
        expect(new Set(attempts.map((a) => a.eventId)).size).toBe(1);
        expect(new Set(attempts.map((a) => a.raw.toString('hex'))).size).toBe(1);
        const [final] = await s.database.db.select().from(sandboxWebhooks).where(eq(sandboxWebhooks.id, row!.id));
        expect(final).toMatchObject({ attempts: 3, lastError: null });
        expect(final!.deliveredAt).not.toBeNull();
      } finally {
        s.failWhen = null;
      }
    });

    it('when the receiver keeps failing, then the back-off caps at 60 s and the sandbox gives up after the last attempt and logs it', async () => {
      const order = await s.gateway.createOrder({ amountPaise: 29_900, receipt: 'booking-giveup', notes: {}, capture: 'manual' });
      s.failWhen = (d) => d.json.payload.payment?.entity.order_id === order.id;
      try {
        const { razorpay_payment_id: paymentId } = (await (await checkout(s).pay(order.id, 'success')).json()) as { razorpay_payment_id: string };
        const [row] = await s.database.db.select().from(sandboxWebhooks).where(like(sandboxWebhooks.body, `%${paymentId}%`));
        let clock = row!.nextAttemptAt.getTime();
        const gaps: number[] = [];
        for (let attempt = 1; attempt <= MAX_WEBHOOK_ATTEMPTS; attempt++) {
          await runSandboxPass(s.database.db, s.settings, new Date(clock), s.logger);
          const [current] = await s.database.db.select().from(sandboxWebhooks).where(eq(sandboxWebhooks.id, row!.id));
          expect(current!.attempts).toBe(attempt);
          gaps.push(current!.nextAttemptAt.getTime() - clock);
          clock = current!.nextAttemptAt.getTime();
        }
        expect(gaps.slice(0, 8)).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000]);
        expect(eventsAbout(s, paymentId)).toHaveLength(MAX_WEBHOOK_ATTEMPTS);

        await runSandboxPass(s.database.db, s.settings, new Date(clock + 3_600_000), s.logger);
        expect(eventsAbout(s, paymentId)).toHaveLength(MAX_WEBHOOK_ATTEMPTS);
        const [given] = await s.database.db.select().from(sandboxWebhooks).where(eq(sandboxWebhooks.id, row!.id));
        expect(given).toMatchObject({ deliveredAt: null, attempts: MAX_WEBHOOK_ATTEMPTS, lastError: 'HTTP 500' });
        expect(s.logs.some((line) => line.includes('given up') && line.includes(given!.eventId))).toBe(true);
      } finally {
        s.failWhen = null;
      }
    });
  });
});

describe('sandbox worker', () => {
  let s: Sandbox;
  beforeAll(async () => {
    s = await startSandbox({ runningWorker: true, refundDelayMs: 300 });
  });
  afterAll(async () => {
    await s.close();
  });

  it('when the API changes state, then the kicked worker delivers the webhooks and processes refunds on time without anyone driving the clock', async () => {
    const { paymentId } = await capturedPayment(s);
    await s.worker.idle();
    expect(eventNames(eventsAbout(s, paymentId))).toEqual(['payment.authorized', 'payment.captured', 'order.paid']);

    const refund = await s.gateway.refund(paymentId, { amountPaise: 1_000, refundId: 'refund-by-worker' });
    await waitFor(async () => (await s.sdk.refunds.fetch(refund.id)).status === 'processed');
    await waitFor(() => eventNames(eventsAbout(s, refund.id)).includes('refund.processed'));
    expect(eventNames(eventsAbout(s, refund.id))).toEqual(['refund.created', 'refund.processed']);
  });

  it('when the receiver fails, then the worker retries on its own after the back-off', async () => {
    const order = await s.gateway.createOrder({ amountPaise: 29_900, receipt: 'booking-worker-retry', notes: {}, capture: 'manual' });
    let failures = 0;
    s.failWhen = (d) => d.json.payload.payment?.entity.order_id === order.id && ++failures <= 2;
    try {
      const { razorpay_payment_id: paymentId } = (await (await checkout(s).pay(order.id, 'success')).json()) as { razorpay_payment_id: string };
      await waitFor(() => eventsAbout(s, paymentId).length >= 3, 15_000);
      const [first, second, third] = eventsAbout(s, paymentId);
      expect(second!.at - first!.at).toBeGreaterThanOrEqual(900);
      expect(third!.at - second!.at).toBeGreaterThanOrEqual(1_900);
      await s.worker.idle();
      const [row] = await s.database.db.select().from(sandboxWebhooks).where(like(sandboxWebhooks.body, `%${paymentId}%`));
      expect(row).toMatchObject({ attempts: 3, lastError: null });
      expect(row!.deliveredAt).not.toBeNull();
    } finally {
      s.failWhen = null;
    }
  });

  it('when stopped, then kicks no longer run passes; a worker started later (a restart) picks up what was left', async () => {
    s.worker.stop();
    const { paymentId } = await authorizedPayment(s);
    await s.worker.idle();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(eventsAbout(s, paymentId)).toEqual([]);

    const restarted = createSandboxWorker({ db: s.database.db, settings: s.settings, logger: s.logger });
    try {
      await waitFor(() => eventsAbout(s, paymentId).length === 1);
      expect(eventNames(eventsAbout(s, paymentId))).toEqual(['payment.authorized']);
    } finally {
      restarted.stop();
      await restarted.idle();
    }
  });
});

describe('sandbox chaos', () => {
  let s: Sandbox;
  beforeAll(async () => {
    s = await startSandbox({ chaos: true });
  });
  afterAll(async () => {
    await s.close();
  });

  it('when chaos is on, then some events are delivered twice with the same id and bytes, and some late, out of order', async () => {
    const paymentIds: string[] = [];
    for (let i = 0; i < 15; i++) paymentIds.push((await capturedPayment(s, 10_000 + i * 100)).paymentId);
    // In the order they were recorded (microsecond clock): without chaos, the order they would be delivered in.
    const rows = await s.database.db.select().from(sandboxWebhooks).orderBy(asc(sandboxWebhooks.createdAt));
    expect(new Set(rows.map((r) => r.eventId)).size).toBe(45);
    // Duplicates: two rows of one event carry the very same body.
    const byEvent = groupBy(rows, (r) => r.eventId);
    const duplicated = [...byEvent.values()].filter((group) => group.length > 1);
    expect(duplicated.length).toBeGreaterThan(0);
    for (const group of duplicated) expect(new Set(group.map((r) => r.body)).size).toBe(1);
    // Delays: some are due up to 1.5 s after they were recorded.
    const delays = rows.map((r) => r.nextAttemptAt.getTime() - r.createdAt.getTime());
    expect(delays.some((d) => d > 0)).toBe(true);
    expect(Math.max(...delays)).toBeLessThanOrEqual(1_500);

    await runSandboxPass(s.database.db, s.settings, new Date(clock.now().getTime() + 2_000), s.logger);
    expect(s.deliveries).toHaveLength(rows.length);
    for (const delivery of s.deliveries) expect(s.gateway.verifyWebhookSignature(delivery.raw, delivery.signature)).toBe(true);
    const received = groupBy(s.deliveries, (d) => d.eventId);
    expect(received.size).toBe(45);
    const twice = [...received.values()].filter((group) => group.length > 1);
    expect(twice.length).toBe(duplicated.length);
    for (const group of twice) expect(group[0]!.raw.equals(group[1]!.raw)).toBe(true);

    // Out of order: some event arrives before one recorded earlier.
    const recordedOrder = [...new Set(rows.map((r) => r.eventId))];
    const firstArrival = [...received.keys()];
    expect(firstArrival).not.toEqual(recordedOrder);
  });
});

// Only a server PostgreSQL runs these truly at once; on PGlite they would queue and prove nothing.
describe.runIf(usingServerPostgres())('sandbox under concurrency (server PostgreSQL)', () => {
  let s: Sandbox;
  beforeAll(async () => {
    s = await startSandbox();
  });
  afterAll(async () => {
    await s.close();
  });

  it('when 20 refunds of one payment race, then their sum never exceeds the captured amount', async () => {
    const { paymentId } = await capturedPayment(s, 10_000);
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => s.gateway.refund(paymentId, { amountPaise: 700, refundId: `race-refund-${i}` })));
    const succeeded = results.filter((r) => r.status === 'fulfilled');
    const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as ProviderError] : []));
    expect(succeeded).toHaveLength(14); // 14 × 700 = 9 800 ≤ 10 000 < 15 × 700
    expect(refused.every((e) => e.statusCode === 400 && e.message === 'The refund amount provided is greater than amount captured')).toBe(true);
    const rows = await s.database.db.select().from(sandboxRefunds).where(eq(sandboxRefunds.paymentId, paymentId));
    expect(rows.reduce((sum, r) => sum + r.amount, 0)).toBe(9_800);
    expect(await s.gateway.fetchPayment(paymentId)).toMatchObject({ amountRefundedPaise: 9_800 });
  });

  it('when the same payment is captured 10 times at once, then one capture wins and one order.paid is recorded', async () => {
    const { paymentId } = await authorizedPayment(s, 10_000);
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => s.gateway.capture(paymentId, 10_000)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const paid = await s.database.db.select().from(sandboxWebhooks).where(like(sandboxWebhooks.body, `%${paymentId}%`));
    expect(paid.filter((r) => r.event === 'order.paid')).toHaveLength(1);
    expect(await s.database.db.select().from(sandboxPayments).where(inArray(sandboxPayments.id, [paymentId]))).toMatchObject([{ status: 'captured' }]);
  });
});
