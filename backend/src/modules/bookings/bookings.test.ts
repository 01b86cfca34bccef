import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../db/client.js';
import { hmacHex } from '../../lib/signatures.js';
import { bearer, bookableMentor, bookAndPay, createBooking, futureStart, payInSandbox, type Account } from '../../test-support/bookings.js';
import { accountBalance, ledgerProblems } from '../../test-support/ledger-checks.js';
import { createAdmin, createTestApp, registerUser, type TestApp } from '../../test-support/test-app.js';
import { walletAccount } from '../ledger/ledger.service.js';
import { bookings } from './bookings.tables.js';
import { requestHashOf } from '../../lib/idempotency.js';
import { idempotencyKeys } from '../../lib/idempotency.tables.js';
import { runProcessRefunds } from '../payments/payments.refunds.js';
import { runReconcilePendingPayments } from '../payments/payments.service.js';
import { payments, refunds, webhookEvents } from '../payments/payments.tables.js';
import { runExpireHolds } from './bookings.jobs.js';
import { releaseEscrow } from './bookings.payments.js';
import { clock } from '../../lib/clock.js';

let t: TestApp;
let admin: { id: string; token: string };
let mentor: Awaited<ReturnType<typeof bookableMentor>>;
let student: Account;
let stranger: Account;

const HOUR = 3_600_000;

beforeAll(async () => {
  t = await createTestApp();
  admin = await createAdmin(t);
  mentor = await bookableMentor(t, admin, { name: 'Meera Iyer' });
  student = await registerUser(t, { name: 'Sam Student' });
  stranger = await registerUser(t, { name: 'Someone Else' });
});
afterAll(async () => {
  await t?.close();
});

const get = (path: string, who: Account = student) => t.http().get(path).set(bearer(who.accessToken));
const post = (path: string, body: object = {}, who: Account = student) => t.http().post(path).set(bearer(who.accessToken)).send(body);

describe('booking and paying', () => {
  it('when a student books a free time, then it is held with the server-side price and a sandbox order', async () => {
    const startsAt = futureStart(48);
    const res = await createBooking(t, student, { mentorSlug: mentor.slug, startsAt: startsAt.toISOString(), durationMinutes: 60 });
    expect(res.status).toBe(201);
    const { booking, checkout } = res.body;
    expect(booking).toMatchObject({ status: 'pending_payment', pricePaise: 180_000, durationMinutes: 60, viewerRole: 'student', breakdown: null, actions: { pay: true, cancel: true } });
    expect(booking.code).toMatch(/^MC-\d{8}-[2-9A-HJKMNP-Z]{4}$/);
    expect(checkout).toMatchObject({ provider: 'sandbox', amountPaise: 180_000, currency: 'INR' });
    expect(checkout.orderId).toMatch(/^order_[0-9A-Za-z]{14}$/);
    expect(checkout.keyId).toMatch(/^rzp_test_/);
    // The time is gone for everyone else.
    const again = await createBooking(t, stranger, { mentorSlug: mentor.slug, startsAt: startsAt.toISOString(), durationMinutes: 30 });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('slot_unavailable');
  });

  it('when the client sends a price, then it is refused and nothing is stored', async () => {
    const before = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(bookings);
    const res = await createBooking(t, student, { mentorSlug: mentor.slug, startsAt: futureStart(50).toISOString(), durationMinutes: 60, pricePaise: 1 });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain('pricePaise');
    const after = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(bookings);
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it.each([
    ['topic', { topic: 'x' }],
    ['startsAt', { startsAt: 'tomorrow' }],
    ['durationMinutes', { durationMinutes: 45 }],
    ['slotId', { slotId: 'not-a-uuid', mentorSlug: undefined, startsAt: undefined, durationMinutes: undefined }],
    ['mentorSlug', { mentorSlug: undefined }],
  ])('when %s is invalid, then 422 names it', async (field, patch) => {
    const res = await createBooking(t, student, { mentorSlug: mentor.slug, startsAt: futureStart(52).toISOString(), durationMinutes: 60, ...patch });
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(field);
  });

  it('when a time is not offered (off the half hour, or in the past), then 409 slot_unavailable', async () => {
    const offGrid = new Date(futureStart(54).getTime() + 10 * 60_000);
    expect((await createBooking(t, student, { mentorSlug: mentor.slug, startsAt: offGrid.toISOString(), durationMinutes: 30 })).body.code).toBe('slot_unavailable');
    expect((await createBooking(t, student, { mentorSlug: mentor.slug, startsAt: new Date(clock.now().getTime() - 2 * HOUR).toISOString(), durationMinutes: 30 })).body.code).toBe('slot_unavailable');
  });

  it('when a mentor books themself, then 422; an unknown mentor is 404; anonymous is 401', async () => {
    expect((await createBooking(t, mentor, { mentorSlug: mentor.slug, startsAt: futureStart(56).toISOString(), durationMinutes: 30 })).status).toBe(422);
    expect((await createBooking(t, student, { mentorSlug: 'nobody-here', startsAt: futureStart(56).toISOString(), durationMinutes: 30 })).status).toBe(404);
    expect((await t.http().post('/api/bookings').send({})).status).toBe(401);
  });

  it('when the student pays and verifies, then the booking is confirmed, escrow holds the money and the split is pending', async () => {
    const { booking, payment } = await bookAndPay(t, student, mentor, futureStart(60));
    expect(booking).toMatchObject({ status: 'confirmed', settlement: { status: 'held' }, payment: { status: 'captured', amountPaise: 180_000 } });
    const transfers = await t.database.db.execute(sql`select id, kind::text, amount::bigint as amount, external_ref from ledger_transfers where booking_id = ${booking.id} order by id`);
    const list = rowsOf<Record<string, unknown>>(transfers);
    const byId = Object.fromEntries(list.map((r) => [String(r.id).split(':').slice(2).join(':'), r]));
    expect(byId.capture).toMatchObject({ kind: 'posted', external_ref: payment.razorpay_payment_id });
    expect(Number(byId.capture!.amount)).toBe(180_000);
    // 20% commission, 2% fee + 18% GST on it, the rest to the mentor.
    expect(Number(byId.commission!.amount)).toBe(36_000);
    expect(Number(byId.fee!.amount)).toBe(4_248);
    expect(Number(byId.share!.amount)).toBe(139_752);
    expect(byId.share!.kind).toBe('pending');
    const mentorView = await get(`/api/bookings/${booking.id}`, mentor);
    expect(mentorView.body.breakdown).toEqual({ pricePaise: 180_000, commissionPaise: 36_000, gatewayFeePaise: 4_248, mentorSharePaise: 139_752 });
    expect(await ledgerProblems(t.database.db)).toEqual([]);
  });

  it('when the order captures automatically, then verify confirms on the signature alone and the gateway agrees it was captured', async () => {
    const created = await createBooking(t, student, { mentorSlug: mentor.slug, startsAt: futureStart(62).toISOString(), durationMinutes: 30 });
    const [row] = await t.database.db.select().from(payments).where(eq(payments.gatewayOrderId, created.body.checkout.orderId));
    expect(row!.autoCapture).toBe(true);
    const paid = await payInSandbox(t, created.body.checkout);
    const verified = await post('/api/payments/verify', paid.body);
    expect(verified.body).toMatchObject({ status: 'confirmed', payment: { status: 'captured' } });
    expect(await t.built.payments.provider.fetchPayment(paid.body.razorpay_payment_id)).toMatchObject({ status: 'captured', amountPaise: 100_000 });
    expect(await ledgerProblems(t.database.db)).toEqual([]);
  });

  it('when an order from before automatic capture is paid, then verify captures it at the gateway before confirming', async () => {
    const created = await createBooking(t, student, { mentorSlug: mentor.slug, startsAt: futureStart(63).toISOString(), durationMinutes: 30 });
    const orderId = created.body.checkout.orderId as string;
    // Such an order was opened for manual capture, and our row says so.
    await t.database.db.execute(sql`update sandbox_orders set auto_capture = false where id = ${orderId}`);
    await t.database.db.update(payments).set({ autoCapture: false }).where(eq(payments.gatewayOrderId, orderId));
    const paid = await payInSandbox(t, created.body.checkout);
    expect(await t.built.payments.provider.fetchPayment(paid.body.razorpay_payment_id)).toMatchObject({ status: 'authorized' });
    const verified = await post('/api/payments/verify', paid.body);
    expect(verified.body).toMatchObject({ status: 'confirmed', settlement: { status: 'held' }, payment: { status: 'captured' } });
    expect(await t.built.payments.provider.fetchPayment(paid.body.razorpay_payment_id)).toMatchObject({ status: 'captured' });
    expect(await ledgerProblems(t.database.db)).toEqual([]);
  });

  it('when verify, the webhook and reconciliation all confirm one payment, then money moves once', async () => {
    const { booking } = await bookAndPay(t, student, mentor, futureStart(64));
    await t.settle();
    const [p] = await t.database.db.select().from(payments).where(eq(payments.bookingId, booking.id));
    await runReconcilePendingPayments(t.built.payments, new Date(clock.now().getTime() + 3 * HOUR));
    const captures = await t.database.db.execute(sql`select count(*)::int as n from ledger_transfers where id = ${`booking:${booking.id}:capture`}`);
    expect(Number(rowsOf<{ n: number }>(captures)[0]!.n)).toBe(1);
    expect(p!.status).toBe('captured');
    const events = await t.database.db.select().from(webhookEvents);
    expect(events.length).toBeGreaterThan(0);
    expect(await ledgerProblems(t.database.db)).toEqual([]);
  });

  it('when the signature is wrong (or the order is someone else’s), then 400 / 404 and nothing changes', async () => {
    const created = await createBooking(t, student, { mentorSlug: mentor.slug, startsAt: futureStart(66).toISOString(), durationMinutes: 30 });
    const paid = await payInSandbox(t, created.body.checkout);
    const flipped = paid.body.razorpay_signature.replace(/^./, (c) => (c === 'a' ? 'b' : 'a'));
    const bad = await post('/api/payments/verify', { ...paid.body, razorpay_signature: flipped });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('signature_invalid');
    expect((await post('/api/payments/verify', paid.body, stranger)).status).toBe(404);
    const [p] = await t.database.db.select().from(payments).where(eq(payments.gatewayOrderId, created.body.checkout.orderId));
    // The webhook may confirm it meanwhile (that is the gateway's word), but the bad calls changed nothing themselves.
    expect(['created', 'captured']).toContain(p!.status);
  });

  it('when the payment fails, then the booking stays payable and cancelling it frees the time', async () => {
    const startsAt = futureStart(70);
    const created = await createBooking(t, student, { mentorSlug: mentor.slug, startsAt: startsAt.toISOString(), durationMinutes: 30 });
    const failed = await payInSandbox(t, created.body.checkout, 'failure');
    expect(failed.status).toBe(400);
    expect(failed.body.error?.code).toBe('BAD_REQUEST_ERROR');
    await t.settle();
    const cancelled = await post(`/api/bookings/${created.body.booking.id}/cancel`, {});
    expect(cancelled.body).toMatchObject({ status: 'cancelled', refund: null });
    const again = await createBooking(t, stranger, { mentorSlug: mentor.slug, startsAt: startsAt.toISOString(), durationMinutes: 30 });
    expect(again.status).toBe(201);
  });
});

describe('idempotency keys', () => {
  it('when a booking request is repeated with the same key, then the stored response comes back; another body is 422', async () => {
    const key = `key-${Date.now()}-booking`;
    const body = { mentorSlug: mentor.slug, startsAt: futureStart(80).toISOString(), durationMinutes: 30, topic: 'Career advice', agenda: '' };
    const first = await t.http().post('/api/bookings').set(bearer(student.accessToken)).set('Idempotency-Key', key).send(body);
    const second = await t.http().post('/api/bookings').set(bearer(student.accessToken)).set('Idempotency-Key', key).send(body);
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body.booking.id).toBe(first.body.booking.id);
    const other = await t.http().post('/api/bookings').set(bearer(student.accessToken)).set('Idempotency-Key', key).send({ ...body, topic: 'Something else' });
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('idempotency_key_reused');
    // Another user's identical key is their own.
    const theirs = await t.http().post('/api/bookings').set(bearer(stranger.accessToken)).set('Idempotency-Key', key).send(body);
    expect(theirs.status).toBe(409);
    expect(theirs.body.code).toBe('slot_unavailable');
  });
});

describe('idempotency keys on cancel and verify', () => {
  it('when a cancel is retried with the same key, then the first answer comes back instead of 409; a key still running is 409', async () => {
    const { booking } = await bookAndPay(t, student, mentor, futureStart(96));
    const key = `cancel-${booking.id}`;
    const first = await t.http().post(`/api/bookings/${booking.id}/cancel`).set(bearer(student.accessToken)).set('Idempotency-Key', key).send({ reason: 'Clash' });
    const again = await t.http().post(`/api/bookings/${booking.id}/cancel`).set(bearer(student.accessToken)).set('Idempotency-Key', key).send({ reason: 'Clash' });
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    const fresh = await t.http().post(`/api/bookings/${booking.id}/cancel`).set(bearer(student.accessToken)).set('Idempotency-Key', `${key}-2`).send({ reason: 'Clash' });
    expect(fresh.status).toBe(409);

    await t.database.db.insert(idempotencyKeys).values({ userId: student.user.id, scope: 'payments.verify', key: 'still-running-key', requestHash: 'x', lockedUntil: new Date(clock.now().getTime() + 60_000) });
    const running = await t.http().post('/api/payments/verify').set(bearer(student.accessToken)).set('Idempotency-Key', 'still-running-key').send({});
    expect(running.status).toBe(422); // the body is validated first: nothing runs for a malformed request
    const body = { razorpay_order_id: 'order_AAAAAAAAAAAAAA', razorpay_payment_id: 'pay_AAAAAAAAAAAAAA', razorpay_signature: 'a'.repeat(64) };
    await t.database.db.update(idempotencyKeys).set({ requestHash: requestHashOf(body) }).where(eq(idempotencyKeys.key, 'still-running-key'));
    const inFlight = await t.http().post('/api/payments/verify').set(bearer(student.accessToken)).set('Idempotency-Key', 'still-running-key').send(body);
    expect(inFlight.status).toBe(409);
    expect(inFlight.body.code).toBe('idempotency_key_in_use');
  });

  it('when a key is malformed, then 422 names the header', async () => {
    const res = await t.http().post('/api/bookings').set(bearer(student.accessToken)).set('Idempotency-Key', 'short').send({ mentorSlug: mentor.slug, startsAt: futureStart(98).toISOString(), durationMinutes: 30, topic: 'Career advice' });
    expect(res.status).toBe(422);
    expect(res.body.errors[0].path).toBe('Idempotency-Key');
  });
});

describe('cancellation and refunds', () => {
  it('when a student cancels more than 24 h ahead, then the quote is 100% and the refund is processed through the gateway', async () => {
    const { booking } = await bookAndPay(t, student, mentor, futureStart(72));
    const quote = await get(`/api/bookings/${booking.id}/cancellation-quote`);
    expect(quote.body).toMatchObject({ refundPaise: 180_000, percent: 100 });
    const res = await post(`/api/bookings/${booking.id}/cancel`, { reason: 'Exam moved' });
    expect(res.body).toMatchObject({ status: 'cancelled', settlement: { status: 'refunded' }, refund: { amountPaise: 180_000, percent: 100 } });
    await t.settle();
    await runProcessRefunds(t.built.payments);
    await t.settle();
    const after = await get(`/api/bookings/${booking.id}`);
    expect(after.body.refund.status).toBe('processed');
    expect(after.body.payment.status).toBe('refunded');
    const wallet = await accountBalance(t.database.db, walletAccount(mentor.user.id));
    expect(wallet.creditsPending).toBeGreaterThanOrEqual(0);
    expect(await ledgerProblems(t.database.db)).toEqual([]);
    const [r] = await t.database.db.select().from(refunds).where(eq(refunds.bookingId, booking.id));
    expect(r!.gatewayRefundId).toMatch(/^rfnd_/);
  });

  it('when a student cancels between 4 and 24 h ahead, then half is refunded and the kept half is split again', async () => {
    const { booking } = await bookAndPay(t, student, mentor, futureStart(10, { before: 24 }));
    const quote = await get(`/api/bookings/${booking.id}/cancellation-quote`);
    expect(quote.body).toMatchObject({ refundPaise: 90_000, percent: 50 });
    const res = await post(`/api/bookings/${booking.id}/cancel`);
    expect(res.body).toMatchObject({ settlement: { status: 'partially_refunded' }, refund: { amountPaise: 90_000 } });
    const kept = await t.database.db.execute(sql`select coalesce(sum(amount), 0)::bigint as s from ledger_transfers where id like ${`booking:${booking.id}:kept:%`}`);
    expect(Number(rowsOf<{ s: string }>(kept)[0]!.s)).toBe(90_000);
    expect(await ledgerProblems(t.database.db)).toEqual([]);
  });

  it('when a student cancels under 4 h ahead, then nothing is refunded and the mentor is paid', async () => {
    const { booking } = await bookAndPay(t, student, mentor, futureStart(1, { durationMinutes: 30, before: 4 }), 30);
    const quote = await get(`/api/bookings/${booking.id}/cancellation-quote`);
    expect(quote.body).toMatchObject({ refundPaise: 0, percent: 0 });
    const res = await post(`/api/bookings/${booking.id}/cancel`);
    expect(res.body).toMatchObject({ status: 'cancelled', settlement: { status: 'released' }, refund: null });
  });

  it('when the mentor cancels, then the student gets everything back', async () => {
    const { booking } = await bookAndPay(t, student, mentor, futureStart(6));
    const quote = await get(`/api/bookings/${booking.id}/cancellation-quote`, mentor);
    expect(quote.body).toMatchObject({ percent: 100, refundPaise: 180_000 });
    const res = await post(`/api/bookings/${booking.id}/cancel`, { reason: 'Unwell' }, mentor);
    expect(res.body).toMatchObject({ status: 'cancelled', settlement: { status: 'refunded' }, cancellation: { by: 'mentor' } });
  });

  it('when someone else asks about a booking, then 404 everywhere', async () => {
    const { booking } = await bookAndPay(t, student, mentor, futureStart(90));
    for (const res of [
      await get(`/api/bookings/${booking.id}`, stranger),
      await get(`/api/bookings/${booking.id}/cancellation-quote`, stranger),
      await post(`/api/bookings/${booking.id}/cancel`, {}, stranger),
      await get(`/api/bookings/${booking.id}/calendar.ics`, stranger),
    ]) {
      expect(res.status).toBe(404);
    }
    expect((await get(`/api/bookings/${booking.id}`)).body.status).toBe('confirmed');
  });
});

describe('rescheduling', () => {
  it('when a student moves a booking, then the old time frees up, the new one is taken, and a second move is refused', async () => {
    const from = futureStart(100);
    const to = futureStart(130);
    const { booking } = await bookAndPay(t, student, mentor, from);
    const moved = await post(`/api/bookings/${booking.id}/reschedule`, { startsAt: to.toISOString() });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ startsAt: to.toISOString(), rescheduleCount: 1, previousStartsAt: from.toISOString(), actions: { reschedule: false } });
    expect((await createBooking(t, stranger, { mentorSlug: mentor.slug, startsAt: from.toISOString(), durationMinutes: 60 })).status).toBe(201);
    expect((await createBooking(t, stranger, { mentorSlug: mentor.slug, startsAt: to.toISOString(), durationMinutes: 60 })).status).toBe(409);
    const again = await post(`/api/bookings/${booking.id}/reschedule`, { startsAt: futureStart(140).toISOString() });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('already_rescheduled');
  });

  it('when the new time is under 4 h away or taken, then it is refused and nothing moves', async () => {
    const { booking } = await bookAndPay(t, student, mentor, futureStart(150));
    // Two to two and a half hours ahead, whatever the time of day (futureStart skips late hours and taken times,
    // which near midnight UTC would carry it past the 4 h notice); the notice is checked before availability.
    const twoHoursAhead = new Date(Math.ceil((clock.now().getTime() + 2 * 3_600_000) / 1_800_000) * 1_800_000);
    const soon = await post(`/api/bookings/${booking.id}/reschedule`, { startsAt: twoHoursAhead.toISOString() });
    expect(soon.status).toBe(422);
    expect(soon.body.errors[0].path).toBe('startsAt');
    const taken = futureStart(160);
    await bookAndPay(t, stranger, mentor, taken);
    const clash = await post(`/api/bookings/${booking.id}/reschedule`, { startsAt: taken.toISOString() });
    expect(clash.status).toBe(409);
    expect((await get(`/api/bookings/${booking.id}`)).body.rescheduleCount).toBe(0);
  });

  it('when a booking paid inside the 50% window is moved days later, then cancelling still refunds 50%, measured from the earliest start', async () => {
    const original = futureStart(10, { before: 24 });
    const { booking } = await bookAndPay(t, student, mentor, original);
    const moved = await post(`/api/bookings/${booking.id}/reschedule`, { startsAt: futureStart(200).toISOString() });
    expect(moved.status).toBe(200);
    expect(moved.body.refundMeasuredFrom).toBe(original.toISOString());
    expect((await get(`/api/bookings/${booking.id}/cancellation-quote`)).body).toMatchObject({ percent: 50, refundPaise: 90_000 });
    const cancelled = await post(`/api/bookings/${booking.id}/cancel`);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', settlement: { status: 'partially_refunded' }, refund: { amountPaise: 90_000, percent: 50 } });
  });

  it('when a booking inside the no-refund window asks to move a day out, then it may not (it starts within 4 h), its refund stays 0%, and the mentor cancelling still refunds all', async () => {
    const { booking } = await bookAndPay(t, student, mentor, futureStart(1, { durationMinutes: 30, before: 4 }), 30);
    expect((await get(`/api/bookings/${booking.id}`)).body.actions.reschedule).toBe(false);
    const moved = await post(`/api/bookings/${booking.id}/reschedule`, { startsAt: futureStart(210).toISOString() }, mentor);
    expect(moved.status).toBe(409);
    expect(moved.body.code).toBe('not_reschedulable');
    expect((await get(`/api/bookings/${booking.id}/cancellation-quote`)).body).toMatchObject({ percent: 0, refundPaise: 0 });
    expect((await get(`/api/bookings/${booking.id}/cancellation-quote`, mentor)).body).toMatchObject({ percent: 100, refundPaise: booking.pricePaise });
    expect((await post(`/api/bookings/${booking.id}/cancel`)).body).toMatchObject({ settlement: { status: 'released' }, refund: null });
  });
});

describe('holds, late payments and reconciliation', () => {
  it('when a hold expires, then the time is free; a payment arriving later is refunded in full', async () => {
    const startsAt = futureStart(200);
    const created = await createBooking(t, student, { mentorSlug: mentor.slug, startsAt: startsAt.toISOString(), durationMinutes: 30 });
    const expired = await runExpireHolds(t.database.db, new Date(clock.now().getTime() + 16 * 60_000));
    expect(expired).toBeGreaterThanOrEqual(1);
    expect((await get(`/api/bookings/${created.body.booking.id}`)).body.status).toBe('expired');
    const paid = await payInSandbox(t, created.body.checkout);
    const verified = await post('/api/payments/verify', paid.body);
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ status: 'expired', settlement: { status: 'refunded' }, refund: { percent: 100, amountPaise: 100_000 } });
    expect((await createBooking(t, stranger, { mentorSlug: mentor.slug, startsAt: startsAt.toISOString(), durationMinutes: 30 })).status).toBe(201);
    expect(await ledgerProblems(t.database.db)).toEqual([]);
  });

  it('when the browser never calls verify and the webhooks never arrive, then reconciliation confirms the booking', async () => {
    // A second app on the same database whose gateway sends its webhooks nowhere: only reconciliation can confirm.
    const deaf = await createTestApp({ SANDBOX_WEBHOOK_URL: 'http://127.0.0.1:9/unreachable', JWT_SECRET: t.config.JWT_SECRET }, { ...t.database, close: async () => {} });
    try {
      const created = await createBooking(deaf, student, { mentorSlug: mentor.slug, startsAt: futureStart(210).toISOString(), durationMinutes: 30 });
      expect(created.status).toBe(201);
      expect((await payInSandbox(deaf, created.body.checkout)).status).toBe(200);
      const booking = () => get(`/api/bookings/${created.body.booking.id}`);
      expect((await booking()).body.status).toBe('pending_payment');
      // Before RECONCILE_AFTER_MINUTES nothing is asked; after it, the order is found paid at the gateway.
      expect(await runReconcilePendingPayments(deaf.built.payments, clock.now())).toBe(0);
      expect(await runReconcilePendingPayments(deaf.built.payments, new Date(clock.now().getTime() + 6 * 60_000))).toBeGreaterThanOrEqual(1);
      expect((await booking()).body).toMatchObject({ status: 'confirmed', settlement: { status: 'held' }, payment: { status: 'captured' } });
      expect(await ledgerProblems(t.database.db)).toEqual([]);
    } finally {
      await deaf.close();
    }
  });

  it('when escrow is released, then the mentor wallet is credited once, and again is a no-op', async () => {
    const { booking } = await bookAndPay(t, student, mentor, futureStart(220));
    const before = await accountBalance(t.database.db, walletAccount(mentor.user.id));
    expect(await releaseEscrow(t.built.bookings, booking.id)).toBe(true);
    expect(await releaseEscrow(t.built.bookings, booking.id)).toBe(false);
    const after = await accountBalance(t.database.db, walletAccount(mentor.user.id));
    expect(after.creditsPosted - before.creditsPosted).toBe(139_752);
    expect((await get(`/api/bookings/${booking.id}`)).body.settlement.status).toBe('released');
    expect(await ledgerProblems(t.database.db)).toEqual([]);
  });
});

describe('webhook endpoint', () => {
  it('when the signature is over other bytes (a flipped byte, or the body re-serialised), then 400 and nothing is stored', async () => {
    const body = JSON.stringify({ entity: 'event', event: 'payment.failed', payload: { payment: { entity: { id: 'pay_XXXXXXXXXXXXXX', order_id: 'order_XXXXXXXXXXXXXX' } } } }, null, 2);
    // Only this test's events: the sandbox is still delivering the webhooks of earlier tests' payments.
    const count = async () => (await t.database.db.select({ n: sql<number>`count(*)::int` }).from(webhookEvents).where(sql`${webhookEvents.eventId} like 'evt_flip%'`))[0]!.n;
    const before = await count();
    const flipped = body.replace('failed', 'failee');
    const { webhookSecret } = (await import('../../gateway-settings.js')).sandboxCredentials(t.config);
    const good = hmacHex(webhookSecret, body);
    const r1 = await t.http().post('/api/payments/webhook').set('Content-Type', 'application/json').set('X-Razorpay-Signature', good).set('x-razorpay-event-id', 'evt_flip00000001').send(flipped);
    expect(r1.status).toBe(400);
    const reserialised = JSON.stringify(JSON.parse(body));
    const r2 = await t.http().post('/api/payments/webhook').set('Content-Type', 'application/json').set('X-Razorpay-Signature', good).set('x-razorpay-event-id', 'evt_flip00000002').send(reserialised);
    expect(r2.status).toBe(400);
    expect(await count()).toBe(before);
    const ok = await t.http().post('/api/payments/webhook').set('Content-Type', 'application/json').set('X-Razorpay-Signature', good).set('x-razorpay-event-id', 'evt_flip00000003').send(body);
    expect(ok.status).toBe(200);
    const dup = await t.http().post('/api/payments/webhook').set('Content-Type', 'application/json').set('X-Razorpay-Signature', good).set('x-razorpay-event-id', 'evt_flip00000003').send(body);
    expect(dup.body).toEqual({ received: true, duplicate: true });
    expect(await count()).toBe(before + 1);
    expect(t.built.payments.provider.name).toBe('sandbox');
  });
});

describe('lists, calendar and invoices', () => {
  it('when a student lists bookings and payments, then they see theirs with invoices; the mentor sees them as mentor', async () => {
    const { booking } = await bookAndPay(t, student, mentor, futureStart(300));
    const upcoming = await get('/api/bookings?status=upcoming&limit=100');
    expect(upcoming.status).toBe(200);
    expect(upcoming.body.items.map((b: { id: string }) => b.id)).toContain(booking.id);
    const asMentor = await get('/api/bookings?role=mentor&status=upcoming&limit=100', mentor);
    const mine = asMentor.body.items.find((b: { id: string }) => b.id === booking.id);
    expect(mine.breakdown.mentorSharePaise).toBe(139_752);
    expect((await get('/api/bookings?status=nonsense')).status).toBe(422);
    const paymentsPage = await get('/api/payments?limit=100');
    const payment = paymentsPage.body.items.find((p: { bookingId: string }) => p.bookingId === booking.id);
    expect(payment).toMatchObject({ amountPaise: 180_000, status: 'captured', bookingCode: booking.code });
    const invoice = await get(`/api/payments/${payment.id}/invoice`);
    expect(invoice.body).toMatchObject({ totalPaise: 180_000, billedTo: { name: 'Sam Student' }, booking: { code: booking.code } });
    expect((await get(`/api/payments/${payment.id}/invoice`, stranger)).status).toBe(404);
    const ics = await get(`/api/bookings/${booking.id}/calendar.ics`);
    expect(ics.headers['content-type']).toContain('text/calendar');
    expect(ics.text).toContain('BEGIN:VEVENT');
    expect(ics.text).toContain(booking.code);
  });
});

describe('group slots', () => {
  it('when students book seats, then the seat counter is taken and a full slot answers 409', async () => {
    const slotRes = await t
      .http()
      .post('/api/mentors/me/slots')
      .set(bearer(mentor.accessToken))
      .send({ startsAt: futureStart(400).toISOString(), durationMinutes: 60, capacity: 2, title: 'Group mock interview', pricePaise: 50_000 });
    expect(slotRes.status).toBe(201);
    const slotId = slotRes.body.id as string;
    const a = await createBooking(t, student, { slotId });
    expect(a.status).toBe(201);
    expect(a.body.booking).toMatchObject({ kind: 'group', pricePaise: 50_000, slot: { id: slotId, capacity: 2 } });
    expect((await createBooking(t, student, { slotId })).body.code).toBe('already_booked');
    expect((await createBooking(t, stranger, { slotId })).status).toBe(201);
    const third = await registerUser(t, { name: 'Third Student' });
    const full = await createBooking(t, third, { slotId });
    expect(full.status).toBe(409);
    expect(full.body.code).toBe('slot_unavailable');
  });

  it('when the mentor calls off a group session, then paid seats are refunded in full and seats being paid for are released (a late payment is refunded)', async () => {
    const slotRes = await t
      .http()
      .post('/api/mentors/me/slots')
      .set(bearer(mentor.accessToken))
      .send({ startsAt: futureStart(420).toISOString(), durationMinutes: 60, capacity: 3, title: 'Group resume review', pricePaise: 40_000 });
    const slotId = slotRes.body.id as string;
    const payer = await createBooking(t, student, { slotId });
    const paid = await payInSandbox(t, payer.body.checkout);
    expect((await post('/api/payments/verify', paid.body)).body.status).toBe('confirmed');
    const waiting = await createBooking(t, stranger, { slotId });
    expect(waiting.body.booking.status).toBe('pending_payment');

    const off = await post(`/api/bookings/${payer.body.booking.id}/cancel`, { reason: 'Session called off' }, mentor);
    expect(off.body).toMatchObject({ status: 'cancelled', settlement: { status: 'refunded' }, refund: { percent: 100, amountPaise: 40_000 } });
    expect((await get(`/api/bookings/${waiting.body.booking.id}`, stranger)).body).toMatchObject({ status: 'cancelled', actions: { pay: false } });
    const slotsNow = await t.database.db.execute(sql`select status::text as status, seats_taken from slots where id = ${slotId}`);
    const slotRow = rowsOf<Record<string, unknown>>(slotsNow)[0]!;
    expect(slotRow).toMatchObject({ status: 'cancelled', seats_taken: 0 });
    // The second student pays anyway (an open checkout tab): the money goes straight back.
    const late = await payInSandbox(t, waiting.body.checkout);
    const verified = await post('/api/payments/verify', late.body, stranger);
    expect(verified.body).toMatchObject({ status: 'cancelled', settlement: { status: 'refunded' }, refund: { percent: 100 } });
    expect(await ledgerProblems(t.database.db)).toEqual([]);
  });
});

describe('after the money is settled', () => {
  it('when escrow was already released, then cancelling is refused with 409 and nothing moves', async () => {
    const { booking } = await bookAndPay(t, student, mentor, futureStart(440));
    await releaseEscrow(t.built.bookings, booking.id);
    const quote = await get(`/api/bookings/${booking.id}/cancellation-quote`);
    expect(quote.status).toBe(409);
    const res = await post(`/api/bookings/${booking.id}/cancel`);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('not_cancellable');
    expect((await get(`/api/bookings/${booking.id}`)).body).toMatchObject({ status: 'confirmed', settlement: { status: 'released' }, actions: { cancel: false } });
    expect(await ledgerProblems(t.database.db)).toEqual([]);
  });
});
