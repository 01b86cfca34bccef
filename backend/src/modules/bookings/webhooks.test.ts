import { randomBytes } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../db/client.js';
import { sandboxCredentials } from '../../gateway-settings.js';
import { bearer, bookableMentor, bookAndPay, createBooking, futureStart, payInSandbox, type Account } from '../../test-support/bookings.js';
import { ledgerProblems } from '../../test-support/ledger-checks.js';
import { createAdmin, createTestApp, registerUser, type TestApp } from '../../test-support/test-app.js';
import { hmacHex } from '../../lib/signatures.js';
import { cancelBooking } from './bookings.service.js';
import { runProcessRefunds } from '../payments/payments.refunds.js';
import { runProcessWebhooks } from '../payments/payments.webhooks.js';
import { clock } from '../../lib/clock.js';

/**
 * The webhook endpoint as Razorpay uses it (DESIGN.md §4.3, RAZORPAY.md): signed over the raw bytes, de-duplicated on
 * `x-razorpay-event-id`, answered at once, applied later as transitions that can't go backwards. The sandbox's
 * own delivery worker is stopped, so every webhook the app sees in this file is one the test sent.
 */

let t: TestApp;
let mentor: Awaited<ReturnType<typeof bookableMentor>>;
let student: Account;
let webhookSecret: string;

const HOUR = 3_600_000;
const q = async <T = Record<string, unknown>>(query: SQL): Promise<T[]> => rowsOf<T>(await t.database.db.execute(query));
const count = async (query: SQL) => Number((await q<{ n: number }>(query))[0]!.n);
const storedEvents = () => count(sql`select count(*)::int as n from webhook_events`);

beforeAll(async () => {
  t = await createTestApp({ ACCESS_TOKEN_TTL_SECONDS: '3600' });
  t.built.sandbox!.stop();
  const admin = await createAdmin(t);
  mentor = await bookableMentor(t, admin, { name: 'Webhook Mentor' });
  student = await registerUser(t, { name: 'Webhook Student' });
  webhookSecret = sandboxCredentials(t.config).webhookSecret;
}, 120_000);

afterAll(async () => {
  await t?.close();
});

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const razorpayId = (prefix: string) => `${prefix}_${[...randomBytes(14)].map((b) => BASE62[b % 62]).join('')}`;

type Entity = Record<string, unknown>;
const eventBody = (event: string, payload: Record<string, Entity>, pretty = false) =>
  JSON.stringify(
    { entity: 'event', account_id: 'acc_TestAccount0001', event, contains: Object.keys(payload), payload: Object.fromEntries(Object.entries(payload).map(([k, v]) => [k, { entity: v }])), created_at: Math.floor(clock.now().getTime() / 1000) },
    null,
    pretty ? 2 : undefined,
  );

/** POSTs raw bytes to the webhook endpoint over the real port, as the gateway does. */
async function deliver(body: string | Buffer, headers: { signature?: string | null; eventId?: string | null }) {
  const h: Record<string, string> = { 'Content-Type': 'application/json' };
  const signature = headers.signature === undefined ? hmacHex(webhookSecret, body) : headers.signature;
  if (signature !== null) h['X-Razorpay-Signature'] = signature;
  if (headers.eventId) h['x-razorpay-event-id'] = headers.eventId;
  const res = await fetch(`${t.origin}/api/payments/webhook`, { method: 'POST', headers: h, body: typeof body === 'string' ? body : new Uint8Array(body) });
  return { status: res.status, body: (await res.json()) as { received?: boolean; duplicate?: boolean; code?: string } };
}

async function applyAllWebhooks(): Promise<void> {
  await t.settle();
  while ((await runProcessWebhooks(t.built.payments, clock.now())) > 0);
  await t.settle();
}

const rawPayment = async (paymentId: string) => (await t.sdk().payments.fetch(paymentId)) as unknown as Entity;
const rawOrder = async (orderId: string) => (await t.sdk().orders.fetch(orderId)) as unknown as Entity;
async function rawRefunds(paymentId: string): Promise<Entity[]> {
  const list = (await t.sdk().payments.fetchMultipleRefund(paymentId, { count: 100 })) as unknown as { items: Entity[] };
  return list.items;
}

/** A small seeded PRNG (mulberry32), so a failing shuffle can be replayed with WEBHOOK_SEED. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

describe('1,000 signed events, each delivered three times in shuffled order', () => {
  it('when every event arrives 3× (concurrently, out of order), then each is stored once, applied once, and real effects happen once', async () => {
    const db = t.database.db;
    const gateway = t.built.payments.provider;
    const seed = Number(process.env.WEBHOOK_SEED ?? Date.now() % 2 ** 31);
    const random = prng(seed);
    const why = `(WEBHOOK_SEED=${seed})`;

    // Three bookings paid at the gateway whose browser never came back: only webhooks can confirm them.
    const authorized: { bookingId: string; orderId: string; paymentId: string }[] = [];
    for (let i = 0; i < 3; i++) {
      const created = await createBooking(t, student, { mentorSlug: mentor.slug, startsAt: futureStart(30 + 4 * i).toISOString(), durationMinutes: 60 });
      expect(created.status).toBe(201);
      const paid = await payInSandbox(t, created.body.checkout);
      expect(paid.status).toBe(200);
      authorized.push({ bookingId: created.body.booking.id, orderId: created.body.checkout.orderId, paymentId: paid.body.razorpay_payment_id });
    }
    // Two paid bookings cancelled > 24 h ahead: their refunds are at the gateway, pending, waiting for their webhooks.
    const refunded: { bookingId: string; paymentId: string; refundId: string }[] = [];
    for (let i = 0; i < 2; i++) {
      const { booking, payment } = await bookAndPay(t, student, mentor, futureStart(60 + 4 * i));
      const cancelled = await t.http().post(`/api/bookings/${booking.id}/cancel`).set(bearer(student.accessToken)).send({ reason: 'Clash' });
      expect(cancelled.body).toMatchObject({ status: 'cancelled', settlement: { status: 'refunded' } });
      await t.settle();
      const [refund] = await rawRefunds(payment.razorpay_payment_id);
      expect(refund).toMatchObject({ status: 'pending' });
      refunded.push({ bookingId: booking.id, paymentId: payment.razorpay_payment_id, refundId: String(refund!.id) });
    }
    expect(await storedEvents()).toBe(0);

    // The events: 15 real ones, 985 harmless `payment.failed` for orders that are not ours.
    const events: { id: string; body: string; real: boolean }[] = [];
    for (const a of authorized) {
      const payment = await rawPayment(a.paymentId);
      const order = await rawOrder(a.orderId);
      const captured = { ...payment, status: 'captured', captured: true };
      events.push({ id: razorpayId('evt'), body: eventBody('payment.authorized', { payment }), real: true });
      events.push({ id: razorpayId('evt'), body: eventBody('payment.captured', { payment: captured }), real: true });
      events.push({ id: razorpayId('evt'), body: eventBody('order.paid', { payment: captured, order: { ...order, status: 'paid' } }), real: true });
    }
    for (const r of refunded) {
      const payment = await rawPayment(r.paymentId);
      const refund = (await rawRefunds(r.paymentId))[0]!;
      events.push({ id: razorpayId('evt'), body: eventBody('refund.created', { refund, payment }), real: true });
      events.push({ id: razorpayId('evt'), body: eventBody('refund.processed', { refund: { ...refund, status: 'processed', speed_processed: 'normal' }, payment }), real: true });
      events.push({ id: razorpayId('evt'), body: eventBody('payment.captured', { payment }), real: true });
    }
    while (events.length < 1000) {
      const payment = { id: razorpayId('pay'), entity: 'payment', amount: 1000 + events.length, currency: 'INR', status: 'failed', order_id: razorpayId('order'), method: 'upi', error_code: 'BAD_REQUEST_ERROR', error_description: 'Payment failed' };
      events.push({ id: razorpayId('evt'), body: eventBody('payment.failed', { payment }), real: false });
    }
    expect(new Set(events.map((e) => e.id)).size).toBe(1000);

    // 3,000 deliveries, shuffled, eight at a time (so repeats of one event also race each other).
    const deliveries = events.flatMap((e) => [e, e, e]);
    for (let i = deliveries.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [deliveries[i], deliveries[j]] = [deliveries[j]!, deliveries[i]!];
    }
    const answers = new Map<string, { fresh: number; duplicate: number; other: number }>();
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < deliveries.length) {
          const e = deliveries[next++]!;
          const res = await deliver(e.body, { eventId: e.id });
          const seen = answers.get(e.id) ?? { fresh: 0, duplicate: 0, other: 0 };
          if (res.status === 200 && res.body.received === true) seen[res.body.duplicate ? 'duplicate' : 'fresh']++;
          else seen.other++;
          answers.set(e.id, seen);
        }
      }),
    );
    for (const e of events) expect(answers.get(e.id), `${e.id} ${why}`).toEqual({ fresh: 1, duplicate: 2, other: 0 });

    await applyAllWebhooks();
    expect(await storedEvents()).toBe(1000);
    const rows = await q<{ event_id: string; status: string; attempts: number }>(sql`select event_id, status::text as status, attempts from webhook_events`);
    const byId = new Map(rows.map((r) => [r.event_id, r]));
    for (const e of events) {
      // Applied exactly once: claimed by one pass, which finished it.
      expect(byId.get(e.id), `${e.id} ${why}`).toMatchObject({ status: e.real ? 'processed' : 'ignored', attempts: 1 });
    }

    // The real effects, each exactly once.
    for (const a of authorized) {
      const booking = await t.http().get(`/api/bookings/${a.bookingId}`).set(bearer(student.accessToken));
      expect(booking.body).toMatchObject({ status: 'confirmed', settlement: { status: 'held' }, payment: { status: 'captured' } });
      const captures = await q<{ id: string; external_ref: string }>(sql`select id, external_ref from ledger_transfers where code = 'capture' and booking_id = ${a.bookingId}`);
      expect(captures).toEqual([{ id: `booking:${a.bookingId}:capture`, external_ref: a.paymentId }]);
      const atGateway = await gateway.fetchOrderPayments(a.orderId);
      expect(atGateway.map((p) => p.status)).toEqual(['captured']);
      expect(await count(sql`select count(*)::int as n from notifications where type = 'booking_confirmed' and data->>'bookingId' = ${a.bookingId}`)).toBe(2);
      expect(await count(sql`select count(*)::int as n from email_outbox where dedupe_key like ${`booking:${a.bookingId}:confirmed:%`}`)).toBe(2);
    }
    for (const r of refunded) {
      const booking = await t.http().get(`/api/bookings/${r.bookingId}`).set(bearer(student.accessToken));
      expect(booking.body).toMatchObject({ status: 'cancelled', settlement: { status: 'refunded' }, refund: { status: 'processed' }, payment: { status: 'refunded' } });
      expect(booking.body.refund.processedAt).not.toBeNull();
      const transfers = await q<{ external_ref: string }>(sql`select external_ref from ledger_transfers where code = 'gateway_refund' and booking_id = ${r.bookingId}`);
      expect(transfers).toEqual([{ external_ref: r.refundId }]);
      expect(await count(sql`select count(*)::int as n from notifications where type = 'refund_processed' and data->>'bookingId' = ${r.bookingId}`)).toBe(1);
      expect(await rawRefunds(r.paymentId)).toHaveLength(1);
    }
    expect(await ledgerProblems(db)).toEqual([]);
  }, 300_000);
});

describe('signatures and headers', () => {
  const harmless = () => ({ id: razorpayId('pay'), entity: 'payment', amount: 4321, currency: 'INR', status: 'failed', order_id: razorpayId('order'), error_description: 'Payment failed' });

  it('when any single byte of a signed body is flipped, then 400 and nothing is stored', async () => {
    const before = await storedEvents();
    const body = Buffer.from(eventBody('payment.failed', { payment: harmless() }));
    const signature = hmacHex(webhookSecret, body);
    for (const position of [0, 1, Math.floor(body.length / 3), Math.floor(body.length / 2), body.length - 2, body.length - 1]) {
      for (const bit of [0x01, 0x20, 0x80]) {
        const flipped = Buffer.from(body);
        flipped[position] = flipped[position]! ^ bit;
        const res = await deliver(flipped, { signature, eventId: razorpayId('evt') });
        expect(res.status, `byte ${position} ^ ${bit}`).toBe(400);
        expect(res.body.code).toBe('signature_invalid');
      }
    }
    // The untouched bytes pass, so the 400s were the flips.
    expect((await deliver(body, { signature, eventId: razorpayId('evt') })).status).toBe(200);
    expect(await storedEvents()).toBe(before + 1);
  });

  it('when a pretty-printed body is re-serialised (JSON.parse + JSON.stringify), then its signature no longer verifies', async () => {
    const before = await storedEvents();
    const pretty = eventBody('payment.failed', { payment: harmless() }, true);
    const signature = hmacHex(webhookSecret, pretty);
    const reserialised = JSON.stringify(JSON.parse(pretty));
    expect(reserialised).not.toBe(pretty);
    expect(JSON.parse(reserialised)).toEqual(JSON.parse(pretty));
    const res = await deliver(reserialised, { signature, eventId: razorpayId('evt') });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('signature_invalid');
    expect(await storedEvents()).toBe(before);
    // The exact pretty bytes are what was signed, and they pass.
    expect((await deliver(pretty, { signature, eventId: razorpayId('evt') })).status).toBe(200);
    expect(await storedEvents()).toBe(before + 1);
  });

  it('when the signature is missing, made with the API key secret, or the event id is missing or malformed, then 400 and nothing is stored', async () => {
    const before = await storedEvents();
    const body = eventBody('payment.failed', { payment: harmless() });
    const missingSignature = await deliver(body, { signature: null, eventId: razorpayId('evt') });
    expect(missingSignature.status).toBe(400);
    expect(missingSignature.body.code).toBe('signature_invalid');
    const keySecret = await deliver(body, { signature: hmacHex(sandboxCredentials(t.config).keySecret, body), eventId: razorpayId('evt') });
    expect(keySecret.status).toBe(400);
    const emptySignature = await deliver(body, { signature: '', eventId: razorpayId('evt') });
    expect(emptySignature.status).toBe(400);
    const missingId = await deliver(body, { eventId: null });
    expect(missingId.status).toBe(400);
    expect(missingId.body.code).toBe('missing_event_id');
    const badId = await deliver(body, { eventId: 'evt with spaces and ; semicolons' });
    expect(badId.status).toBe(400);
    const notJson = await deliver('{"entity": "event", ', { eventId: razorpayId('evt') });
    expect(notJson.status).toBe(400);
    expect(notJson.body.code).toBe('malformed_json');
    expect(await storedEvents()).toBe(before);
  });
});

describe('events out of order', () => {
  it('when refund.processed arrives before refund.created (even before our refund job heard back), then the refund ends processed, moved once', async () => {
    const ctx = t.built.bookings;
    const { booking, payment } = await bookAndPay(t, student, mentor, futureStart(90));
    // Cancelled as if an hour from now: the refund row waits (next attempt in an hour) and the worker leaves it.
    await cancelBooking(ctx, student.user.id, booking.id, 'Clash', new Date(clock.now().getTime() + HOUR));
    await t.settle();
    const [row] = await q<{ id: string; status: string; amount_paise: string }>(sql`select id, status::text as status, amount_paise from refunds where booking_id = ${booking.id}`);
    expect(row).toMatchObject({ status: 'requested' });
    // The gateway has the refund (created with our receipt), and its webhooks come in the wrong order.
    const gr = await t.built.payments.provider.refund(payment.razorpay_payment_id, { amountPaise: Number(row!.amount_paise), refundId: row!.id });
    const refund = (await rawRefunds(payment.razorpay_payment_id)).find((r) => r.id === gr.id)!;
    const paymentEntity = await rawPayment(payment.razorpay_payment_id);
    const processed = await deliver(eventBody('refund.processed', { refund: { ...refund, status: 'processed' }, payment: paymentEntity }), { eventId: razorpayId('evt') });
    expect(processed.status).toBe(200);
    await applyAllWebhooks();
    const created = await deliver(eventBody('refund.created', { refund, payment: paymentEntity }), { eventId: razorpayId('evt') });
    expect(created.status).toBe(200);
    await applyAllWebhooks();
    // The refund job, due later, finds nothing left to send.
    expect(await runProcessRefunds(t.built.payments, new Date(clock.now().getTime() + 2 * HOUR))).toBe(0);
    await t.settle();

    const view = await t.http().get(`/api/bookings/${booking.id}`).set(bearer(student.accessToken));
    expect(view.body).toMatchObject({ refund: { status: 'processed' }, payment: { status: 'refunded' } });
    const [after] = await q<{ status: string; gateway_refund_id: string }>(sql`select status::text as status, gateway_refund_id from refunds where id = ${row!.id}`);
    expect(after).toEqual({ status: 'processed', gateway_refund_id: gr.id });
    expect(await rawRefunds(payment.razorpay_payment_id)).toHaveLength(1);
    expect(await count(sql`select count(*)::int as n from ledger_transfers where external_ref = ${gr.id}`)).toBe(1);
    expect(await count(sql`select count(*)::int as n from notifications where type = 'refund_processed' and data->>'bookingId' = ${booking.id}`)).toBe(1);
    expect(await ledgerProblems(t.database.db)).toEqual([]);
  }, 60_000);

  it('when payment.failed arrives after the capture (for the captured payment or an earlier failed attempt), then the payment stays captured', async () => {
    const created = await createBooking(t, student, { mentorSlug: mentor.slug, startsAt: futureStart(100).toISOString(), durationMinutes: 30 });
    const checkout = created.body.checkout as { keyId: string; orderId: string };
    const failedAttempt = await payInSandbox(t, checkout, 'failure');
    expect(failedAttempt.status).toBe(400);
    const paid = await payInSandbox(t, checkout);
    const verified = await t.http().post('/api/payments/verify').set(bearer(student.accessToken)).send(paid.body);
    expect(verified.body).toMatchObject({ status: 'confirmed', payment: { status: 'captured' } });

    const attempts = await t.built.payments.provider.fetchOrderPayments(checkout.orderId);
    const failedId = attempts.find((p) => p.status === 'failed')!.id;
    const capturedEntity = await rawPayment(paid.body.razorpay_payment_id);
    for (const payment of [await rawPayment(failedId), { ...capturedEntity, status: 'failed', captured: false, error_description: 'Late, stale event' }]) {
      const res = await deliver(eventBody('payment.failed', { payment }), { eventId: razorpayId('evt') });
      expect(res.status).toBe(200);
    }
    await applyAllWebhooks();
    const view = await t.http().get(`/api/bookings/${created.body.booking.id}`).set(bearer(student.accessToken));
    expect(view.body).toMatchObject({ status: 'confirmed', settlement: { status: 'held' }, payment: { status: 'captured' } });
    const [row] = await q<{ status: string; failure_reason: string | null; gateway_payment_id: string }>(sql`select status::text as status, failure_reason, gateway_payment_id from payments where booking_id = ${created.body.booking.id}`);
    expect(row).toEqual({ status: 'captured', failure_reason: null, gateway_payment_id: paid.body.razorpay_payment_id });
    expect(await count(sql`select count(*)::int as n from ledger_transfers where code = 'capture' and booking_id = ${created.body.booking.id}`)).toBe(1);
  }, 60_000);
});
