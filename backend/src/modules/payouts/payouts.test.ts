import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxCredentials } from '../../gateway-settings.js';
import { clock } from '../../lib/clock.js';
import { hmacHex } from '../../lib/signatures.js';
import { sandboxWebhooks } from '../sandbox/sandbox.tables.js';
import { runReleaseDue } from '../bookings/bookings.service.js';
import { bookableMentor, bearer, type Account } from '../../test-support/bookings.js';
import { ledgerProblems } from '../../test-support/ledger-checks.js';
import { completedSession, moveTo, restoreClockAfterEach, tokenAt } from '../../test-support/sessions.js';
import { approvedMentor, createAdmin, createTestApp, registerUser, type TestApp } from '../../test-support/test-app.js';
import { auditLog } from '../audit/audit.tables.js';
import { postEntries, walletAccount, walletBalance } from '../ledger/ledger.service.js';
import { notifications } from '../notifications/notifications.tables.js';
import { payoutMethods, withdrawals } from './payouts.tables.js';
import { runProcessPayouts } from './payouts.service.js';
import { runWeeklyPayouts, weeklyPayoutMoment } from './payouts.weekly.js';

const HOUR = 3_600_000;
const PASSWORD = 'correct horse 1';
const BANK = { type: 'bank', holderName: 'Asha Rao', accountNumber: '123456789012', accountNumberConfirm: '123456789012', ifsc: 'HDFC0000001', password: PASSWORD };

let t: TestApp;
let admin: { id: string; token: string };
let student: Account;

beforeAll(async () => {
  // The sandbox's bank takes a minute, so a test can decide a payout's outcome before it is processed.
  t = await createTestApp({ SANDBOX_PAYOUT_DELAY_MS: '60000' });
  admin = await createAdmin(t);
  student = await registerUser(t, { name: 'Sam Student' });
});
restoreClockAfterEach();
afterAll(async () => {
  await t?.close();
});

/** Credits a mentor's wallet as a released session does: money captured into escrow, then the share posted to the wallet. */
async function fundWallet(mentorId: string, amountPaise: number): Promise<void> {
  const id = randomUUID();
  await postEntries(t.database.db, {
    transfers: [
      { id: `booking:${id}:capture`, debit: 'gateway_clearing', credit: 'escrow', amount: amountPaise, code: 'capture', bookingId: id, externalRef: `pay_${id.slice(0, 14)}` },
      { id: `booking:${id}:share`, debit: 'escrow', credit: walletAccount(mentorId), amount: amountPaise, code: 'mentor_share', bookingId: id },
    ],
  });
}

async function mentorWithMethod(name: string, balancePaise: number) {
  const mentor = await approvedMentor(t, admin, { name });
  if (balancePaise > 0) await fundWallet(mentor.user.id, balancePaise);
  const set = await t.http().put('/api/wallet/payout-method').set(bearer(mentor.accessToken)).send({ ...BANK, holderName: name });
  expect(set.status, JSON.stringify(set.body)).toBe(200);
  return mentor;
}

const asMentor = (m: { user: { id: string } }) => tokenAt(t, m.user.id, 'mentor');
const asAdmin = () => tokenAt(t, admin.id, 'admin');

async function withdraw(m: { user: { id: string } }, amountPaise: number, key = randomUUID()) {
  return t.http().post('/api/wallet/withdrawals').set(asMentor(m)).set('Idempotency-Key', key).send({ amountPaise });
}

/** Runs the payout job and the sandbox (its bank, its webhooks) with the clock moving on, until both are idle. */
async function drain(): Promise<void> {
  for (let i = 0; i < 4; i++) {
    await runProcessPayouts(t.built.payouts, clock.now());
    await t.settle();
    moveTo(new Date(clock.now().getTime() + 2 * 60_000));
    // The sandbox's worker sleeps on real timers: told that time moved, it looks for what fell due.
    t.built.sandbox?.kick();
    await t.settle();
  }
}

const withdrawalRow = async (id: string) => (await t.database.db.select().from(withdrawals).where(eq(withdrawals.id, id)))[0]!;

describe('payout method', () => {
  it('when a mentor sets a bank account, then it is validated field by field, needs the password, is stored sealed and only ever shown masked, and the change is audited', async () => {
    const mentor = await approvedMentor(t, admin, { name: 'Ravi Kumar' });
    const put = (body: object) => t.http().put('/api/wallet/payout-method').set(bearer(mentor.accessToken)).send(body);
    expect((await t.http().get('/api/wallet/payout-method').set(bearer(mentor.accessToken))).status).toBe(404);

    const cases: Array<[object, string]> = [
      [{ ...BANK, accountNumber: '12345678', accountNumberConfirm: '12345678' }, 'accountNumber'],
      [{ ...BANK, accountNumber: '12345678901a', accountNumberConfirm: '12345678901a' }, 'accountNumber'],
      [{ ...BANK, accountNumberConfirm: '123456789013' }, 'accountNumberConfirm'],
      [{ ...BANK, ifsc: 'HDFC1000001' }, 'ifsc'],
      [{ ...BANK, ifsc: 'ZZZZ0000001' }, 'ifsc'],
      [{ ...BANK, holderName: '' }, 'holderName'],
      [{ type: 'upi', vpa: 'not-a-vpa', password: PASSWORD }, 'vpa'],
      [{ ...BANK, password: 'wrong password' }, 'password'],
    ];
    for (const [body, field] of cases) {
      const res = await put(body);
      expect(res.status, field).toBe(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.errors[0].path, JSON.stringify(res.body)).toBe(field);
    }
    expect(await t.database.db.select().from(payoutMethods).where(eq(payoutMethods.mentorId, mentor.user.id))).toEqual([]);
    // A student can't have one.
    expect((await t.http().put('/api/wallet/payout-method').set(bearer(student.accessToken)).send(BANK)).status).toBe(403);

    const ok = await put(BANK);
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ type: 'bank', masked: 'XXXXXX9012', ifsc: 'HDFC0000001', bankName: expect.stringMatching(/HDFC/i), autoPayout: false });
    expect((await t.http().get('/api/wallet/payout-method').set(bearer(mentor.accessToken))).body).toEqual(ok.body);
    const [row] = await t.database.db.select().from(payoutMethods).where(eq(payoutMethods.mentorId, mentor.user.id));
    expect(row!.sealed).not.toContain('123456789012');
    expect(row!.sealed.startsWith(`v1.${row!.keyId}.`)).toBe(true);
    const audit = await t.database.db.select().from(auditLog).where(eq(auditLog.subjectId, mentor.user.id));
    expect(audit.map((a) => a.action)).toContain('payout_method.changed');
    expect(JSON.stringify(audit)).not.toContain('123456789012');
    expect(t.logs.join('\n')).not.toContain('123456789012');

    const upi = await put({ type: 'upi', vpa: 'ravi.kumar@okhdfcbank', password: PASSWORD });
    expect(upi.body).toEqual({ type: 'upi', masked: expect.stringMatching(/^ra.*@okhdfcbank$/), autoPayout: false });
    expect(upi.body.masked).not.toContain('ravi.kumar');
  });
});

describe('withdrawals', () => {
  it('when a mentor asks for money, then the amount is checked, the money leaves "available" at once, one request is open at a time, and bad input changes nothing', async () => {
    const mentor = await approvedMentor(t, admin, { name: 'Nisha Verma' });
    await fundWallet(mentor.user.id, 200_000);
    expect((await withdraw(mentor, 60_000)).body.code).toBe('payout_method_missing');
    await t.http().put('/api/wallet/payout-method').set(bearer(mentor.accessToken)).send(BANK).expect(200);

    for (const [amount, field] of [[49_999, 'amountPaise'], [200_001, 'amountPaise'], [1.5, 'amountPaise'], ['500', 'amountPaise']] as const) {
      const res = await withdraw(mentor, amount as number);
      expect(res.status).toBe(422);
      expect(res.body.errors[0].path).toBe(field);
    }
    expect((await walletBalance(t.database.db, mentor.user.id)).availablePaise).toBe(200_000);

    const key = randomUUID();
    const first = await withdraw(mentor, 150_000, key);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ amountPaise: 150_000, status: 'requested', source: 'mentor', method: { type: 'bank', masked: 'XXXXXX9012' }, payoutId: null, utr: null });
    expect(first.body.timeline).toEqual([{ status: 'requested', at: expect.any(String) }]);
    expect((await withdraw(mentor, 150_000, key)).body.id).toBe(first.body.id);
    expect(await walletBalance(t.database.db, mentor.user.id)).toMatchObject({ availablePaise: 50_000 });
    const second = await withdraw(mentor, 50_000);
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('withdrawal_open');

    // Someone else's withdrawal is not found; admin routes are the admin's.
    const other = await approvedMentor(t, admin, { name: 'Other Mentor' });
    expect((await t.http().get(`/api/wallet/withdrawals/${first.body.id}`).set(asMentor(other))).status).toBe(404);
    expect((await t.http().get(`/api/wallet/withdrawals/${first.body.id}`).set(asMentor(mentor))).body.id).toBe(first.body.id);
    expect((await t.http().post(`/api/admin/withdrawals/${first.body.id}/approve`).set(asMentor(mentor))).status).toBe(403);
    expect((await t.http().get('/api/admin/withdrawals').set(bearer(student.accessToken))).status).toBe(403);
    // Changing where the money goes waits until this one is done.
    expect((await t.http().put('/api/wallet/payout-method').set(bearer(mentor.accessToken)).send({ type: 'upi', vpa: 'nisha@okicici', password: PASSWORD })).body.code).toBe('withdrawal_open');

    // Rejected: the money is back, once.
    const short = await t.http().post(`/api/admin/withdrawals/${first.body.id}/reject`).set(asAdmin()).send({ reason: '' });
    expect(short.body.errors[0].path).toBe('reason');
    const rejected = await t.http().post(`/api/admin/withdrawals/${first.body.id}/reject`).set(asAdmin()).send({ reason: 'Please complete your KYC first' });
    expect(rejected.body).toMatchObject({ status: 'rejected', rejectReason: 'Please complete your KYC first' });
    expect((await t.http().post(`/api/admin/withdrawals/${first.body.id}/reject`).set(asAdmin()).send({ reason: 'again and again' })).status).toBe(409);
    expect((await t.http().post(`/api/admin/withdrawals/${first.body.id}/approve`).set(asAdmin())).status).toBe(409);
    expect(await walletBalance(t.database.db, mentor.user.id)).toMatchObject({ availablePaise: 200_000 });
    expect(await ledgerProblems(t.database.db)).toEqual([]);
  });

  it('when the admin approves, then the payout goes to the sandbox with the withdrawal id as its key, is processed with a UTR, and the wallet says withdrawn; approving twice is refused', async () => {
    const mentor = await mentorWithMethod('Asha Rao', 120_000);
    const requested = (await withdraw(mentor, 100_000)).body;
    const queue = await t.http().get('/api/admin/withdrawals?status=requested').set(asAdmin());
    expect(queue.body.items.find((w: { id: string }) => w.id === requested.id)).toMatchObject({ mentor: { name: 'Asha Rao' }, amountPaise: 100_000 });

    const approved = await t.http().post(`/api/admin/withdrawals/${requested.id}/approve`).set(asAdmin());
    expect(approved.body.status).toBe('approved');
    expect((await t.http().post(`/api/admin/withdrawals/${requested.id}/approve`).set(asAdmin())).body.code).toBe('withdrawal_not_requested');
    await drain();

    const done = await t.http().get(`/api/wallet/withdrawals/${requested.id}`).set(asMentor(mentor));
    expect(done.body).toMatchObject({ status: 'processed', payoutId: expect.stringMatching(/^pout_/), utr: expect.stringMatching(/^\w{10,}$/) });
    expect(done.body.timeline.map((s: { status: string }) => s.status)).toEqual(['requested', 'approved', 'processing', 'processed']);
    const payout = await t.http().get(`/sandbox/razorpay/v1/payouts/${done.body.payoutId}`).auth(sandboxCredentials(t.config).keyId, sandboxCredentials(t.config).keySecret);
    expect(payout.body).toMatchObject({ id: done.body.payoutId, amount: 100_000, status: 'processed', reference_id: requested.id });
    expect(await walletBalance(t.database.db, mentor.user.id)).toMatchObject({ availablePaise: 20_000 });
    expect(await ledgerProblems(t.database.db)).toEqual([]);
    const told = await t.database.db.select().from(notifications).where(eq(notifications.userId, mentor.user.id));
    expect(told.map((n) => n.type)).toEqual(expect.arrayContaining(['withdrawal_requested', 'withdrawal_approved', 'withdrawal_processed']));
  });

  it('when the bank fails the payout, or returns it after it was processed, then the money is back in the wallet exactly once', async () => {
    const mentor = await mentorWithMethod('Kiran Das', 100_000);
    const failing = (await withdraw(mentor, 60_000)).body;
    await t.http().post(`/api/admin/withdrawals/${failing.id}/approve`).set(asAdmin()).expect(200);
    await runProcessPayouts(t.built.payouts, clock.now());
    // Approving kicked the job in the background too: whichever pass took it, it has sent it.
    await t.settle();
    const sent = await withdrawalRow(failing.id);
    expect(sent).toMatchObject({ status: 'processing', payoutId: expect.stringMatching(/^pout_/) });
    const simulated = await t.http().post(`/sandbox/razorpay/v1/payouts/${sent.payoutId}/simulate`).send({ outcome: 'failed' });
    expect(simulated.status, JSON.stringify(simulated.body)).toBe(200);
    await drain();
    expect((await withdrawalRow(failing.id)).status).toBe('failed');
    expect(await walletBalance(t.database.db, mentor.user.id)).toMatchObject({ availablePaise: 100_000 });

    const reversing = (await withdraw(mentor, 70_000)).body;
    await t.http().post(`/api/admin/withdrawals/${reversing.id}/approve`).set(asAdmin()).expect(200);
    await drain();
    expect((await withdrawalRow(reversing.id)).status).toBe('processed');
    expect(await walletBalance(t.database.db, mentor.user.id)).toMatchObject({ availablePaise: 30_000 });
    const paid = await withdrawalRow(reversing.id);
    await t.http().post(`/sandbox/razorpay/v1/payouts/${paid.payoutId}/simulate`).send({ outcome: 'reversed' });
    await drain();
    const reversed = await t.http().get(`/api/wallet/withdrawals/${reversing.id}`).set(asMentor(mentor));
    expect(reversed.body).toMatchObject({ status: 'reversed', failureReason: expect.any(String) });
    expect(await walletBalance(t.database.db, mentor.user.id)).toMatchObject({ availablePaise: 100_000 });
    expect(await ledgerProblems(t.database.db)).toEqual([]);
  });

  it('when a payout webhook is forged, then it is refused; a genuine one repeated is applied once', async () => {
    const forged = JSON.stringify({ event: 'payout.processed', payload: { payout: { entity: { id: 'pout_AAAAAAAAAAAAAA', status: 'processed' } } } });
    const res = await t.http().post('/api/payouts/webhook').set('Content-Type', 'application/json').set('X-Razorpay-Signature', 'a'.repeat(64)).send(forged);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('signature_invalid');

    // A genuine one, as the sandbox sent it, delivered again: recognised as a repeat, nothing moves twice.
    const [sent] = await t.database.db.select().from(sandboxWebhooks).where(eq(sandboxWebhooks.target, 'payouts')).limit(1);
    expect(sent).toBeDefined();
    const again = () =>
      t.http().post('/api/payouts/webhook').set('Content-Type', 'application/json').set('X-Razorpay-Signature', hmacHex(sandboxCredentials(t.config).webhookSecret, sent!.body)).send(sent!.body);
    expect((await again()).body).toEqual({ received: true, duplicate: true });
    expect(await ledgerProblems(t.database.db)).toEqual([]);
  });
});

describe('a mentor paid from real sessions', () => {
  it('when sessions are released, then the whole balance can be withdrawn and is paid out', async () => {
    const mentor = await bookableMentor(t, admin, { name: 'Meera Iyer' });
    await t.http().put('/api/wallet/payout-method').set(bearer(mentor.accessToken)).send(BANK).expect(200);
    await completedSession(t, student, mentor, 30);
    moveTo(new Date(clock.now().getTime() + 25 * HOUR));
    await runReleaseDue(t.built.bookings, clock.now());
    const { availablePaise } = await walletBalance(t.database.db, mentor.user.id);
    expect(availablePaise).toBeGreaterThanOrEqual(50_000);
    const w = (await withdraw(mentor, availablePaise)).body;
    await t.http().post(`/api/admin/withdrawals/${w.id}/approve`).set(asAdmin()).expect(200);
    await drain();
    expect((await withdrawalRow(w.id)).status).toBe('processed');
    expect(await walletBalance(t.database.db, mentor.user.id)).toMatchObject({ availablePaise: 0 });
    expect(await ledgerProblems(t.database.db)).toEqual([]);
  });
});

describe('weekly automatic payouts', () => {
  it('when Monday 06:00 IST comes, then every opted-in mentor with at least ₹500 is paid their whole balance, once, and outside that day nothing happens', async () => {
    const opted = await mentorWithMethod('Weekly Mentor', 80_000);
    const low = await mentorWithMethod('Low Balance', 40_000);
    const notOpted = await mentorWithMethod('Not Opted', 90_000);
    for (const m of [opted, low]) await t.http().patch('/api/wallet/settings').set(asMentor(m)).send({ autoPayout: true }).expect(200);
    expect((await t.http().patch('/api/wallet/settings').set(asMentor(opted)).send({ autoPayout: 'yes' })).body.errors[0].path).toBe('autoPayout');

    // The Monday 06:00 IST of some week ahead of the clock, wherever and whenever this runs.
    const { at } = weeklyPayoutMoment(new Date(clock.now().getTime() + 8 * 24 * HOUR));
    moveTo(new Date(at.getTime() - 60_000));
    expect(await runWeeklyPayouts(t.built.payouts, clock.now())).toBe(0);
    moveTo(new Date(at.getTime() + 10 * 60_000));
    expect(await runWeeklyPayouts(t.built.payouts, clock.now())).toBe(1);
    expect(await runWeeklyPayouts(t.built.payouts, clock.now())).toBe(0);
    const rows = await t.database.db.select().from(withdrawals).where(eq(withdrawals.source, 'weekly'));
    expect(rows.filter((r) => [opted.user.id, low.user.id, notOpted.user.id].includes(r.mentorId))).toEqual([
      expect.objectContaining({ mentorId: opted.user.id, amountPaise: 80_000, status: 'approved', week: expect.stringMatching(/^\d{4}-W\d{2}$/) }),
    ]);
    await drain();
    expect((await withdrawalRow(rows.find((r) => r.mentorId === opted.user.id)!.id)).status).toBe('processed');

    // More money later that week: the week's payout was made; on Tuesday the window is over.
    await fundWallet(opted.user.id, 60_000);
    moveTo(new Date(at.getTime() + 25 * HOUR));
    expect(await runWeeklyPayouts(t.built.payouts, clock.now())).toBe(0);
    expect(await ledgerProblems(t.database.db)).toEqual([]);
  });
});
