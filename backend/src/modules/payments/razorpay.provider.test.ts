import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import express from 'express';
import { pino } from 'pino';
import Razorpay from 'razorpay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { createTestDatabase } from '../../db/test-database.js';
import { sandboxRouter } from '../sandbox/sandbox.routes.js';
import type { SandboxSettings } from '../sandbox/sandbox.service.js';
import { sandboxOrders } from '../sandbox/sandbox.tables.js';
import { createSandboxWorker } from '../sandbox/sandbox.worker.js';
import { fixedClock, setClock } from '../../lib/clock.js';
import { hmacHex } from '../../lib/signatures.js';
import { signaturesMatch } from '../../lib/signatures.js';
import { ProviderError } from './payment-provider.js';
import { createRazorpayProvider, pointSdkAt } from './razorpay.provider.js';

const KEYS = { keyId: 'rzp_test_GatewayKey00001', keySecret: 'gateway-key-secret-0123456789', webhookSecret: 'gateway-webhook-secret-0123456789' };

let database: Database;
let server: Server;
let origin: string;

beforeAll(async () => {
  database = await createTestDatabase();
  const logger = pino({ level: 'silent' });
  const settings: SandboxSettings = {
    ...KEYS,
    webhookUrl: 'http://127.0.0.1:9/unused',
    chaos: false,
    refundDelayMs: 60_000,
    payoutWebhookUrl: 'http://127.0.0.1:9/unused',
    payoutDelayMs: 60_000,
    accountNumber: '2323230000000001',
  };
  // Stopped: these tests are about the SDK's transport, not webhook delivery.
  const worker = createSandboxWorker({ db: database.db, settings, logger });
  worker.stop();
  const app = express();
  app.use('/sandbox/razorpay', sandboxRouter({ db: database.db, settings, worker, logger }));
  server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await database.close();
});

describe('createGateway points the official SDK at the configured base URL', () => {
  it('when an order is created, then the request reached the sandbox at that URL (its row exists there)', async () => {
    const gateway = createRazorpayProvider({ provider: 'sandbox', ...KEYS, baseUrl: `${origin}/sandbox/razorpay/` });
    const order = await gateway.createOrder({ amountPaise: 12_300, receipt: 'booking-gw-1', notes: { booking_id: 'gw-1' }, capture: 'manual' });
    const [row] = await database.db.select().from(sandboxOrders).where(eq(sandboxOrders.id, order.id));
    expect(row).toMatchObject({ id: order.id, keyId: KEYS.keyId, amount: 12_300, status: 'created' });
    expect(row!.entity).toMatchObject({ receipt: 'booking-gw-1', notes: { booking_id: 'gw-1' } });
    expect((await gateway.fetchOrder(order.id)).id).toBe(order.id);
  });

  it('when the base URL has nothing listening, then the call fails as outcome unknown (no answer), not as a refusal', async () => {
    const probe = express().listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => probe.once('listening', () => resolve()));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    const gateway = createRazorpayProvider({ provider: 'sandbox', ...KEYS, baseUrl: `http://127.0.0.1:${port}/sandbox/razorpay` });
    const error = await gateway.fetchOrder('order_0000000000000A').then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ statusCode: null, code: null, outcomeUnknown: true });
  });

  it('when the gateway takes the request and never answers, then the call gives up after the timeout as outcome unknown', async () => {
    const held: Array<{ destroy: () => void }> = [];
    const silent = express()
      .use((req, res) => void held.push(res.socket!))
      .listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => silent.once('listening', () => resolve()));
    try {
      const gateway = createRazorpayProvider({ provider: 'sandbox', ...KEYS, baseUrl: `http://127.0.0.1:${(silent.address() as AddressInfo).port}/sandbox/razorpay`, timeoutMs: 200 });
      const error = await gateway.createOrder({ amountPaise: 10_000, receipt: 'silent-1', notes: {}, capture: 'automatic' }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ProviderError);
      expect(error).toMatchObject({ statusCode: null, code: null, outcomeUnknown: true, message: 'no answer within 200 ms' });
      expect(held).toHaveLength(1);
    } finally {
      for (const socket of held) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('when the SDK object no longer has api.rq, then pointSdkAt says so instead of silently calling api.razorpay.com', () => {
    expect(() => pointSdkAt({} as Razorpay, origin)).toThrow(/api\.rq/);
    expect(() => pointSdkAt({ api: {} } as unknown as Razorpay, origin)).toThrow(/update pointSdkAt/);
    expect(() => pointSdkAt({ api: { rq: {} } } as unknown as Razorpay, origin)).toThrow(/api\.rq/);
    // And on the SDK version we ship, it does find the transport.
    const sdk = new Razorpay({ key_id: KEYS.keyId, key_secret: KEYS.keySecret });
    expect(() => pointSdkAt(sdk, `${origin}/sandbox/razorpay/`)).not.toThrow();
  });
});

describe('refund idempotency through the SDK', () => {
  it('when one refund is sent five times at once (same refund id), then the gateway creates it once', async () => {
    const gateway = createRazorpayProvider({ provider: 'sandbox', ...KEYS, baseUrl: `${origin}/sandbox/razorpay` });
    const order = await gateway.createOrder({ amountPaise: 50_000, receipt: 'booking-gw-refund', notes: {}, capture: 'manual' });
    const paid = await fetch(`${origin}/sandbox/razorpay/v1/checkout/pay`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ key_id: KEYS.keyId, order_id: order.id, outcome: 'success' }),
    });
    const { razorpay_payment_id: paymentId } = (await paid.json()) as { razorpay_payment_id: string };
    await gateway.capture(paymentId, 50_000);
    const refundId = '2f1d1d1e-0d7c-4bb1-9a55-1a2b3c4d5e6f';
    const results = await Promise.all(Array.from({ length: 5 }, () => gateway.refund(paymentId, { amountPaise: 20_000, refundId })));
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    const all = await gateway.fetchRefunds(paymentId);
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ amountPaise: 20_000, receipt: refundId });
  });
});

describe('listing payments and refunds for reconciliation', () => {
  it('when more than a page (100) was made in a period, then listPayments and listRefunds return every one once, and nothing outside [from, to)', async () => {
    const gateway = createRazorpayProvider({ provider: 'sandbox', ...KEYS, baseUrl: `${origin}/sandbox/razorpay` });
    const from = new Date('2032-02-01T00:00:00.000Z');
    const made = { payments: [] as string[], refunds: [] as string[] };
    const make = async (at: Date) => {
      const order = await gateway.createOrder({ amountPaise: 10_000, receipt: `list-${at.getTime()}`, notes: {}, capture: 'automatic' });
      const paid = await fetch(`${origin}/sandbox/razorpay/v1/checkout/pay`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ key_id: KEYS.keyId, order_id: order.id, outcome: 'success' }),
      });
      const { razorpay_payment_id: paymentId } = (await paid.json()) as { razorpay_payment_id: string };
      const refund = await gateway.refund(paymentId, { amountPaise: 1_000, refundId: `list-refund-${order.id}` });
      return { paymentId, refundId: refund.id };
    };
    /** `count` payments (each refunded in part) made at the one instant `at`: many share a created_at second. */
    const makeAt = async (at: Date, count: number) => {
      const previous = setClock(fixedClock(at));
      try {
        return await Promise.all(Array.from({ length: count }, () => make(at)));
      } finally {
        setClock(previous);
      }
    };
    for (let batch = 0; batch < 7; batch++) {
      const results = await makeAt(new Date(from.getTime() + batch * 60_000), 15);
      made.payments.push(...results.map((r) => r.paymentId));
      made.refunds.push(...results.map((r) => r.refundId));
    }
    const [outside] = await makeAt(new Date(from.getTime() + 3_600_000), 1);
    const period = { from, to: new Date(from.getTime() + 3_600_000) };

    const payments = await gateway.listPayments(period);
    expect(payments).toHaveLength(105);
    expect(new Set(payments.map((p) => p.id))).toEqual(new Set(made.payments));
    expect(payments.map((p) => p.id)).not.toContain(outside!.paymentId);
    const refunds = await gateway.listRefunds(period);
    expect(refunds).toHaveLength(105);
    expect(new Set(refunds.map((r) => r.id))).toEqual(new Set(made.refunds));
    expect((await gateway.listRefunds({ from: period.to, to: new Date(period.to.getTime() + 1_000) })).map((r) => r.id)).toEqual([outside!.refundId]);
  });
});

describe('signature checks', () => {
  const gateway = createRazorpayProvider({ provider: 'sandbox', ...KEYS, baseUrl: 'http://127.0.0.1:9/sandbox/razorpay' });
  const orderId = 'order_AbCdEfGhIjKlMn';
  const paymentId = 'pay_AbCdEfGhIjKlMn';
  const checkoutSignature = hmacHex(KEYS.keySecret, `${orderId}|${paymentId}`);
  const rawBody = Buffer.from('{"entity":"event","event":"payment.captured","payload":{"payment":{"entity":{"id":"pay_AbCdEfGhIjKlMn"}}}}');
  const webhookSignature = hmacHex(KEYS.webhookSecret, rawBody);

  /** The usual ways a forged or mangled signature differs from the real one. */
  const flipByte = (sig: string) => {
    const bytes = Buffer.from(sig, 'hex');
    bytes[5]! ^= 0xff;
    return bytes.toString('hex');
  };
  const tampered = (sig: string) => ({
    'a flipped byte': flipByte(sig),
    'one hex digit too many': `${sig}0`,
    'one byte too many': `${sig}00`,
    'one byte too few': sig.slice(0, -2),
    'non-hex characters of the same length': `zz${sig.slice(2)}`,
    'trailing whitespace': `${sig} `,
    'empty': '',
  });

  it('when the signature is the exact HMAC, then it matches (in either hex case)', () => {
    expect(signaturesMatch(checkoutSignature, checkoutSignature)).toBe(true);
    expect(signaturesMatch(checkoutSignature, checkoutSignature.toUpperCase())).toBe(true);
    expect(gateway.verifyCheckoutSignature(orderId, paymentId, checkoutSignature)).toBe(true);
    expect(gateway.verifyWebhookSignature(rawBody, webhookSignature)).toBe(true);
  });

  for (const [how, forged] of Object.entries(tampered(checkoutSignature))) {
    it(`when the checkout signature has ${how}, then it is rejected`, () => {
      expect(signaturesMatch(checkoutSignature, forged)).toBe(false);
      expect(gateway.verifyCheckoutSignature(orderId, paymentId, forged)).toBe(false);
    });
  }

  for (const [how, forged] of Object.entries(tampered(webhookSignature))) {
    it(`when the webhook signature has ${how}, then it is rejected`, () => {
      expect(gateway.verifyWebhookSignature(rawBody, forged)).toBe(false);
    });
  }

  it('when the signature was made for another order, another body or with the other secret, then it is rejected', () => {
    expect(gateway.verifyCheckoutSignature('order_ZyXwVuTsRqPoNm', paymentId, checkoutSignature)).toBe(false);
    expect(gateway.verifyWebhookSignature(Buffer.from(`${rawBody.toString()} `), webhookSignature)).toBe(false);
    expect(gateway.verifyWebhookSignature(rawBody, hmacHex(KEYS.keySecret, rawBody))).toBe(false);
  });
});
