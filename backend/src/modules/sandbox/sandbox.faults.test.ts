import { eq, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, setClock } from '../../lib/clock.js';
import { propertyRuns } from '../../test-support/properties.js';
import { SANDBOX_TEST_ACCOUNT, startSandboxGateway, type SandboxGateway } from '../../test-support/sandbox-gateway.js';
import { ProviderError } from '../payments/payment-provider.js';
import { createRazorpayProvider } from '../payments/razorpay.provider.js';
import { faultFor } from './sandbox.faults.js';
import { sandboxOrders, sandboxPayouts, sandboxRefunds, sandboxWebhooks } from './sandbox.tables.js';

/** Draws that choose a request's fate at a fault rate of 0.5: below 0.25 a 5xx, then no answer, from 0.5 answered. */
const RATE = 0.5;
const SERVER_ERROR = 0.1;
const NO_ANSWER = 0.3;
const TOO_LATE = 0.45;
const ANSWERED = 0.9;

let counter = 0;
const key = () => `fault-key-${Date.now().toString(36)}-${++counter}`;

async function rows(g: SandboxGateway, table: PgTable) {
  const [row] = await g.database.db.select({ n: sql<number>`count(*)::int` }).from(table);
  return Number(row!.n);
}

/** A request whose answer never came: fetch rejects (the socket was closed without a response). */
async function noAnswer(call: Promise<unknown>): Promise<void> {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TypeError);
}

async function fundAccount(g: SandboxGateway): Promise<string> {
  const contact = await g.api('POST', '/v1/contacts', { body: { name: 'Fault Mentor', reference_id: `m-${++counter}` } });
  const fa = await g.api('POST', '/v1/fund_accounts', { body: { contact_id: contact.body.id, account_type: 'vpa', vpa: { address: 'fault.mentor@okaxis' } } });
  return fa.body.id as string;
}

const payoutBody = (fundAccountId: string, amount = 50_000) => ({
  account_number: SANDBOX_TEST_ACCOUNT,
  fund_account_id: fundAccountId,
  amount,
  currency: 'INR',
  mode: 'UPI',
  purpose: 'payout',
  queue_if_low_balance: true,
  reference_id: `wd-${++counter}`,
});

const pay = (g: SandboxGateway, orderId: string) =>
  fetch(`${g.baseUrl}/v1/checkout/pay`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ key_id: g.settings.keyId, order_id: orderId, outcome: 'success' }) });

describe('which fault a draw means', () => {
  it('when the rate is r, then draws below r/2 are a 5xx, from r/2 the connection drops, from 3r/4 the answer comes too late, the rest run normally', () => {
    expect(faultFor(0.3, 0)).toBe('server-error');
    expect(faultFor(0.3, 0.149)).toBe('server-error');
    expect(faultFor(0.3, 0.15)).toBe('no-answer');
    expect(faultFor(0.3, 0.224)).toBe('no-answer');
    expect(faultFor(0.3, 0.225)).toBe('late');
    expect(faultFor(0.3, 0.299)).toBe('late');
    expect(faultFor(0.3, 0.3)).toBeNull();
    expect(faultFor(0, 0)).toBeNull();
    expect(faultFor(1, 0.999)).toBe('late');
  });

  it('when draws are uniform, then the faults split the rate: the bands are [0, r/2), [r/2, 3r/4), [3r/4, r), [r, 1)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (rate, draw) => {
        const fault = faultFor(rate, draw);
        expect(fault === 'server-error').toBe(draw < rate / 2);
        expect(fault === 'no-answer').toBe(draw >= rate / 2 && draw < (rate * 3) / 4);
        expect(fault === 'late').toBe(draw >= (rate * 3) / 4 && draw < rate);
        expect(fault === null).toBe(draw >= rate);
      }),
      { numRuns: propertyRuns() },
    );
  });
});

describe('fault injection on the authenticated API', () => {
  let g: SandboxGateway;
  let fa: string;
  beforeAll(async () => {
    g = await startSandboxGateway();
    fa = await fundAccount(g);
  });
  afterEach(() => {
    g.settings.faultRate = 0;
    g.settings.latencyMs = 0;
    g.draws.length = 0;
  });
  afterAll(async () => {
    await g.close();
  });

  it('when a payout request draws a 5xx, then a Razorpay SERVER_ERROR comes back and nothing was created', async () => {
    const [payoutsBefore, webhooksBefore] = [await rows(g, sandboxPayouts), await rows(g, sandboxWebhooks)];
    g.settings.faultRate = RATE;
    g.draws.push(SERVER_ERROR);
    const res = await g.api('POST', '/v1/payouts', { body: payoutBody(fa), headers: { 'X-Payout-Idempotency': key() } });
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error: expect.objectContaining({ code: 'SERVER_ERROR', description: expect.any(String), reason: 'server_error' }) });
    expect(await rows(g, sandboxPayouts)).toBe(payoutsBefore);
    expect(await rows(g, sandboxWebhooks)).toBe(webhooksBefore);
  });

  it('when a payout request draws no answer, then the payout was created anyway, and a retry with the same key gets it', async () => {
    const before = await rows(g, sandboxPayouts);
    const idempotencyKey = key();
    const body = payoutBody(fa);
    g.settings.faultRate = RATE;
    g.draws.push(NO_ANSWER);
    await noAnswer(g.api('POST', '/v1/payouts', { body, headers: { 'X-Payout-Idempotency': idempotencyKey } }));
    const [created] = await g.database.db.select().from(sandboxPayouts).where(eq(sandboxPayouts.idempotencyKey, idempotencyKey));
    expect(created).toMatchObject({ amount: 50_000, status: 'processing' });
    expect(await rows(g, sandboxPayouts)).toBe(before + 1);

    g.settings.faultRate = 0;
    const retry = await g.api('POST', '/v1/payouts', { body, headers: { 'X-Payout-Idempotency': idempotencyKey } });
    expect(retry.status).toBe(200);
    expect(retry.body.id).toBe(created!.id);
    expect(await rows(g, sandboxPayouts)).toBe(before + 1);
  });

  it('when a payout request draws an answer too late, then the caller times out, the payout was created anyway, and a retry with the same key gets it', async () => {
    const idempotencyKey = key();
    const body = payoutBody(fa);
    g.settings.faultRate = RATE;
    g.draws.push(TOO_LATE);
    const late = await g.api('POST', '/v1/payouts', { body, headers: { 'X-Payout-Idempotency': idempotencyKey }, timeoutMs: 500 }).then(
      () => 'answered',
      (error: Error) => error.name,
    );
    expect(late).toBe('TimeoutError');
    const [created] = await g.database.db.select().from(sandboxPayouts).where(eq(sandboxPayouts.idempotencyKey, idempotencyKey));
    expect(created).toMatchObject({ amount: 50_000 });
    g.settings.faultRate = 0;
    const retry = await g.api('POST', '/v1/payouts', { body, headers: { 'X-Payout-Idempotency': idempotencyKey } });
    expect(retry.body.id).toBe(created!.id);
  });

  it('when payment and refund calls draw faults, then a 5xx did nothing and an unanswered call did its work (through the SDK: outcome unknown)', async () => {
    const gateway = createRazorpayProvider({ provider: 'sandbox', keyId: g.settings.keyId, keySecret: g.settings.keySecret, webhookSecret: g.settings.webhookSecret, baseUrl: g.baseUrl });
    const orders = await rows(g, sandboxOrders);
    g.settings.faultRate = RATE;
    g.draws.push(SERVER_ERROR);
    const refused = await gateway.createOrder({ amountPaise: 10_000, receipt: 'fault-1', notes: {}, capture: 'automatic' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ProviderError);
    expect(refused).toMatchObject({ statusCode: 500, code: 'SERVER_ERROR', outcomeUnknown: true });
    expect(await rows(g, sandboxOrders)).toBe(orders);

    g.draws.push(NO_ANSWER);
    const lost = await gateway.createOrder({ amountPaise: 10_000, receipt: 'fault-2', notes: {}, capture: 'automatic' }).catch((e: unknown) => e);
    expect(lost).toMatchObject({ statusCode: null, outcomeUnknown: true });
    const [order] = await g.database.db.select().from(sandboxOrders).where(sql`${sandboxOrders.entity}->>'receipt' = 'fault-2'`);
    expect(order).toBeDefined();

    // The checkout is the browser's, not the API's: never faulted, and it takes no draw.
    g.draws.push(SERVER_ERROR);
    const paid = await pay(g, order!.id);
    expect(paid.status).toBe(200);
    expect(g.draws).toEqual([SERVER_ERROR]);
    const paymentId = ((await paid.json()) as { razorpay_payment_id: string }).razorpay_payment_id;

    const refunds = await rows(g, sandboxRefunds);
    g.draws.length = 0;
    // The adapter first lists the payment's refunds (answered), then refunds.
    g.draws.push(ANSWERED, SERVER_ERROR);
    const refusedRefund = await gateway.refund(paymentId, { amountPaise: 1_000, refundId: 'fault-refund-1' }).catch((e: unknown) => e);
    expect(refusedRefund).toMatchObject({ statusCode: 500, outcomeUnknown: true });
    expect(await rows(g, sandboxRefunds)).toBe(refunds);
    g.draws.push(ANSWERED, NO_ANSWER);
    const lostRefund = await gateway.refund(paymentId, { amountPaise: 1_000, refundId: 'fault-refund-2' }).catch((e: unknown) => e);
    expect(lostRefund).toMatchObject({ statusCode: null, outcomeUnknown: true });
    expect(await rows(g, sandboxRefunds)).toBe(refunds + 1);
    g.settings.faultRate = 0;
    expect((await gateway.refund(paymentId, { amountPaise: 1_000, refundId: 'fault-refund-2' })).receipt).toBe('fault-refund-2');
    expect(await rows(g, sandboxRefunds)).toBe(refunds + 1);
  });

  it('when the bank’s stand-in (simulate) or a request with wrong keys comes in, then no fault applies and no draw is taken', async () => {
    const payout = await g.api('POST', '/v1/payouts', { body: payoutBody(fa), headers: { 'X-Payout-Idempotency': key() } });
    g.settings.faultRate = RATE;
    g.draws.push(SERVER_ERROR);
    const simulated = await g.api('POST', `/v1/payouts/${payout.body.id as string}/simulate`, { body: { outcome: 'processed' }, auth: false });
    expect(simulated.status).toBe(200);
    expect((await g.api('GET', '/v1/payouts/pout_00000000000000', { auth: false })).status).toBe(401);
    expect(g.draws).toEqual([SERVER_ERROR]);
  });

  it('when a latency is set, then every API answer waits at least that long', async () => {
    g.settings.latencyMs = 300;
    const started = performance.now();
    const res = await g.api('GET', `/v1/payouts?account_number=${SANDBOX_TEST_ACCOUNT}&count=1`);
    expect(res.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(295);
    const refusedStart = performance.now();
    expect((await g.api('GET', '/v1/payouts/pout_00000000000000')).status).toBe(400);
    expect(performance.now() - refusedStart).toBeGreaterThanOrEqual(295);
  });

  it('when the fault rate is 0.3 and the draws are spread, then about 30% of requests fail (half 5xx, a quarter dropped, a quarter too late), and every retried payout exists once', async () => {
    g.settings.faultRate = 0.3;
    const draws = Array.from({ length: 40 }, (_, i) => (i + 0.5) / 40); // 6 × 5xx, 3 × dropped, 3 × too late, 28 answered
    g.draws.push(...draws);
    const outcomes: string[] = [];
    const made: { key: string; body: ReturnType<typeof payoutBody> }[] = [];
    for (let i = 0; i < draws.length; i++) {
      const entry = { key: key(), body: payoutBody(fa, 10_000 + i) };
      made.push(entry);
      const result = await g.api('POST', '/v1/payouts', { body: entry.body, headers: { 'X-Payout-Idempotency': entry.key }, timeoutMs: 1_000 }).then(
        (res) => (res.status === 200 ? 'ok' : `http-${res.status}`),
        (error: Error) => (error.name === 'TimeoutError' ? 'timeout' : 'no-answer'),
      );
      outcomes.push(result);
    }
    expect(outcomes.filter((o) => o === 'http-500')).toHaveLength(6);
    expect(outcomes.filter((o) => o === 'no-answer')).toHaveLength(3);
    expect(outcomes.filter((o) => o === 'timeout')).toHaveLength(3);
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(28);
    // Every request retried with its key (no faults now) ends with exactly one payout.
    g.settings.faultRate = 0;
    for (const entry of made) expect((await g.api('POST', '/v1/payouts', { body: entry.body, headers: { 'X-Payout-Idempotency': entry.key } })).status).toBe(200);
    for (const entry of made) expect(await g.database.db.select().from(sandboxPayouts).where(eq(sandboxPayouts.idempotencyKey, entry.key))).toHaveLength(1);
  });
});

describe('listing payments and refunds for reconciliation', () => {
  let g: SandboxGateway;
  const gatewayFor = (s: SandboxGateway) => createRazorpayProvider({ provider: 'sandbox', keyId: s.settings.keyId, keySecret: s.settings.keySecret, webhookSecret: s.settings.webhookSecret, baseUrl: s.baseUrl });
  const t0 = new Date('2031-07-01T00:00:00.000Z');
  const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
  const seconds = (d: Date) => Math.floor(d.getTime() / 1000);
  const payments: { id: string; minutes: number }[] = [];
  const refunds: { id: string; minutes: number }[] = [];

  beforeAll(async () => {
    g = await startSandboxGateway();
    const gateway = gatewayFor(g);
    for (const minutes of [0, 10, 20, 30]) {
      const previous = setClock(fixedClock(at(minutes)));
      try {
        const order = await gateway.createOrder({ amountPaise: 20_000, receipt: `list-${minutes}`, notes: {}, capture: 'automatic' });
        const paid = (await (await pay(g, order.id)).json()) as { razorpay_payment_id: string };
        payments.push({ id: paid.razorpay_payment_id, minutes });
        setClock(fixedClock(at(minutes + 5)));
        refunds.push({ id: (await gateway.refund(paid.razorpay_payment_id, { amountPaise: 5_000, refundId: `list-refund-${minutes}` })).id, minutes: minutes + 5 });
      } finally {
        setClock(previous);
      }
    }
  });
  afterAll(async () => {
    await g.close();
  });

  const idsOf = (res: { body: Record<string, unknown> }) => (res.body.items as { id: string }[]).map((item) => item.id);

  it('when payments are listed with from and to, then those created in the window (both ends included), newest first, paged', async () => {
    const res = await g.api('GET', `/v1/payments?from=${seconds(at(10))}&to=${seconds(at(30))}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ entity: 'collection', count: 3 });
    expect(idsOf(res)).toEqual([payments[3]!.id, payments[2]!.id, payments[1]!.id]);
    expect((res.body.items as { entity: string }[])[0]).toMatchObject({ entity: 'payment', status: 'captured' });
    const page1 = await g.api('GET', `/v1/payments?from=${seconds(at(0))}&to=${seconds(at(30))}&count=3`);
    const page2 = await g.api('GET', `/v1/payments?from=${seconds(at(0))}&to=${seconds(at(30))}&count=3&skip=3`);
    expect([...idsOf(page1), ...idsOf(page2)]).toEqual(payments.map((p) => p.id).reverse());
    expect(idsOf(await g.api('GET', `/v1/payments?from=${seconds(at(10)) + 1}&to=${seconds(at(20))}`))).toEqual([payments[2]!.id]);
  });

  it('when refunds are listed with from and to, then those created in the window, newest first', async () => {
    const res = await g.api('GET', `/v1/refunds?from=${seconds(at(15))}&to=${seconds(at(25))}`);
    expect(res.status).toBe(200);
    expect(idsOf(res)).toEqual([refunds[2]!.id, refunds[1]!.id]);
    expect(idsOf(await g.api('GET', `/v1/refunds?from=${seconds(at(0))}&count=2&skip=2`))).toEqual([refunds[1]!.id, refunds[0]!.id]);
  });

  it('when the list query is wrong, then 400 names the field; without keys, 401', async () => {
    for (const [query, field] of [
      ['count=101', 'count'],
      ['count=0', 'count'],
      ['skip=-1', 'skip'],
      ['from=today', 'from'],
      ['to=-5', 'to'],
    ] as const) {
      for (const path of ['/v1/payments', '/v1/refunds']) {
        const res = await g.api('GET', `${path}?${query}`);
        expect(res.status).toBe(400);
        expect(res.body.error).toMatchObject({ code: 'BAD_REQUEST_ERROR', field });
      }
    }
    expect((await g.api('GET', '/v1/payments', { auth: false })).status).toBe(401);
    expect((await g.api('GET', '/v1/refunds', { auth: false })).status).toBe(401);
  });

  it('when the adapter lists a period [from, to), then every payment and refund in it, across pages', async () => {
    const gateway = gatewayFor(g);
    const listed = await gateway.listPayments({ from: at(10), to: at(30) });
    expect(listed.map((p) => p.id).sort()).toEqual([payments[1]!.id, payments[2]!.id].sort());
    expect(listed[0]).toMatchObject({ status: 'captured', amountPaise: 20_000, createdAt: expect.any(Number) });
    expect((await gateway.listRefunds({ from: at(0), to: at(60) })).map((r) => r.id).sort()).toEqual(refunds.map((r) => r.id).sort());
    expect(await gateway.listPayments({ from: at(30), to: at(30) })).toEqual([]);
  });
});
