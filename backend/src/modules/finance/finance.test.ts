import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJobCommand } from '../../cli.js';
import { rowsOf } from '../../db/client.js';
import { createTestDatabase } from '../../db/test-database.js';
import { businessDayStartFrom } from '../../lib/business-time.js';
import { clock } from '../../lib/clock.js';
import { bearer, bookableMentor, bookAndPay, createBooking, futureStart, payInSandbox, type Account } from '../../test-support/bookings.js';
import { ledgerProblems } from '../../test-support/ledger-checks.js';
import { completedSession, moveTo, restoreClockAfterEach, tokenAt } from '../../test-support/sessions.js';
import { statementCounter } from '../../test-support/statements.js';
import { createAdmin, createTestApp, registerUser, type TestApp } from '../../test-support/test-app.js';
import { auditLog } from '../audit/audit.tables.js';
import { runReleaseDue } from '../bookings/bookings.service.js';
import { postEntries } from '../ledger/ledger.service.js';
import { notifications } from '../notifications/notifications.tables.js';
import { refunds } from '../payments/payments.tables.js';
import { payoutRecords } from '../payouts/payouts.records.js';
import { runProcessPayouts } from '../payouts/payouts.service.js';
import { withdrawals } from '../payouts/payouts.tables.js';
import type { FinanceContext } from './finance.context.js';
import { runNightlyReconciliation } from './finance.service.js';
import { reconciliationRuns } from './finance.tables.js';

/**
 * The admin's finance: the revenue dashboard summed from the ledger after real flows (bookings paid, refunded and
 * released, withdrawals paid out and failed, all through the sandbox), reconciliation finding nothing after them
 * and every mismatch planted on the gateway's side or ours, the nightly job, and the routes' guards and costs.
 */

const HOUR = 3_600_000;
const BANK = { type: 'bank', holderName: 'Meera Iyer', accountNumber: '123456789012', accountNumberConfirm: '123456789012', ifsc: 'HDFC0000001', password: 'correct horse 1' };

let t: TestApp;
let admin: { id: string; token: string };
let mentor: Awaited<ReturnType<typeof bookableMentor>>;
let student: Account;
const counter = statementCounter();

beforeAll(async () => {
  const database = await createTestDatabase({ onQuery: counter.onQuery });
  // Payouts wait at the sandbox until the test says how the bank answered.
  t = await createTestApp({ SANDBOX_PAYOUT_DELAY_MS: '3600000' }, database);
  admin = await createAdmin(t);
  mentor = await bookableMentor(t, admin, { name: 'Meera Iyer' });
  student = await registerUser(t, { name: 'Sam Student' });
});
restoreClockAfterEach();
afterAll(async () => {
  await t?.close();
});

const as = (who: 'admin' | 'student' | 'mentor') => ({ admin: tokenAt(t, admin.id, 'admin'), student: tokenAt(t, student.user.id), mentor: tokenAt(t, mentor.user.id, 'mentor') })[who];
const get = (path: string, who: Parameters<typeof as>[0] = 'admin') => t.http().get(path).set(as(who));
const finance = (): FinanceContext => ({ db: t.database.db, payments: t.built.payments, payouts: t.built.payouts, withdrawalRecords: payoutRecords, logger: t.built.bookings.logger });
const count = <T>(work: () => Promise<T>) => counter.count(() => t.settle(), work);

/** Runs the payout job and the sandbox (payouts, webhooks) until both are idle. */
async function drain(): Promise<void> {
  for (let i = 0; i < 4; i++) {
    await runProcessPayouts(t.built.payouts, clock.now());
    await t.settle();
  }
}

/** The bank's answer about a withdrawal's payout, through the sandbox's stand-in, and everything it sets off. */
async function bankSays(withdrawalId: string, outcome: 'processed' | 'failed' | 'reversed'): Promise<void> {
  const [row] = await t.database.db.select().from(withdrawals).where(eq(withdrawals.id, withdrawalId));
  await t.http().post(`/sandbox/razorpay/v1/payouts/${row!.payoutId}/simulate`).send({ outcome }).expect(200);
  await drain();
}

/** A withdrawal requested, approved, sent to the gateway and answered by the bank. */
async function payOut(amountPaise: number, outcome: 'processed' | 'failed'): Promise<string> {
  const requested = await t.http().post('/api/wallet/withdrawals').set(as('mentor')).set('Idempotency-Key', randomUUID()).send({ amountPaise });
  expect(requested.status, JSON.stringify(requested.body)).toBe(201);
  await t.http().post(`/api/admin/withdrawals/${requested.body.id}/approve`).set(as('admin')).expect(200);
  await drain();
  await bankSays(requested.body.id as string, outcome);
  return requested.body.id as string;
}

interface Flows {
  period: { from: string; to: string };
  paid: { id: string; pricePaise: number };
  refunded: { id: string; pricePaise: number };
  released: Array<{ id: string; pricePaise: number; commissionPaise: number; gatewayFeePaise: number }>;
  paidOut: string;
  failedPayout: string;
  reversedPayout: string;
}

/**
 * The real flows every test below reads: one booking paid and held, one paid and cancelled in time (refunded in
 * full through the gateway), two sessions completed and released after the dispute window; then one withdrawal paid
 * out, one the bank failed and one it sent back after paying it. The clock moves on through them; the period spans
 * them all.
 */
let flows: Flows;
beforeAll(async () => {
  const from = new Date(clock.now().getTime() - HOUR);
  // Weeks ahead, so that nothing settles it while the clock moves on through the other flows: it stays held.
  const paid = (await bookAndPay(t, student, mentor, futureStart(20 * 24), 60)).booking;
  const refunded = (await bookAndPay(t, student, mentor, futureStart(60, { durationMinutes: 30 }), 30)).booking;
  const cancelled = await t.http().post(`/api/bookings/${refunded.id}/cancel`).set(as('student')).send({});
  expect(cancelled.body).toMatchObject({ status: 'cancelled', refund: { percent: 100 } });
  await t.settle();
  const sessions = [await completedSession(t, student, mentor, 40), await completedSession(t, student, mentor, 44)];
  moveTo(new Date(clock.now().getTime() + 25 * HOUR));
  await runReleaseDue(t.built.bookings);
  const released = [];
  for (const s of sessions) {
    const b = (await get(`/api/bookings/${s.id}`, 'mentor')).body;
    expect(b.settlement.status).toBe('released');
    released.push({ id: s.id, pricePaise: s.pricePaise, commissionPaise: b.breakdown.commissionPaise as number, gatewayFeePaise: b.breakdown.gatewayFeePaise as number });
  }
  const method = await t.http().put('/api/wallet/payout-method').set(as('mentor')).send(BANK);
  expect(method.status, JSON.stringify(method.body)).toBe(200);
  const paidOut = await payOut(50_000, 'processed');
  const failedPayout = await payOut(50_000, 'failed');
  const reversedPayout = await payOut(50_000, 'processed');
  await bankSays(reversedPayout, 'reversed');
  const statuses = await t.database.db.select({ id: withdrawals.id, status: withdrawals.status }).from(withdrawals);
  expect(Object.fromEntries(statuses.map((w) => [w.id, w.status]))).toEqual({ [paidOut]: 'processed', [failedPayout]: 'failed', [reversedPayout]: 'reversed' });
  flows = {
    period: { from: from.toISOString(), to: new Date(clock.now().getTime() + HOUR).toISOString() },
    paid: { id: paid.id, pricePaise: paid.pricePaise },
    refunded: { id: refunded.id, pricePaise: refunded.pricePaise },
    released,
    paidOut,
    failedPayout,
    reversedPayout,
  };
}, 120_000);

const periodQuery = () => `from=${encodeURIComponent(flows.period.from)}&to=${encodeURIComponent(flows.period.to)}`;

describe('the revenue dashboard', () => {
  it('when the admin opens a period of real bookings, refunds, releases and payouts, then each figure is what the ledger moved, the weeks add up to the totals, and it is one statement', async () => {
    const { result: res, statements } = await count(() => get(`/api/admin/finance/summary?${periodQuery()}&groupBy=week`));
    expect(res.status).toBe(200);
    expect(statements, statements.join('\n')).toHaveLength(1);
    const all = [flows.paid, flows.refunded, ...flows.released];
    expect(res.body).toMatchObject({ from: flows.period.from, to: flows.period.to, groupBy: 'week', timeZone: 'Asia/Kolkata' });
    expect(res.body.totals).toEqual({
      bookings: 4,
      grossPaise: all.reduce((sum, b) => sum + b.pricePaise, 0),
      // Only what was earned for good: the held booking's and the refunded one's commission never were.
      platformRevenuePaise: flows.released.reduce((sum, b) => sum + b.commissionPaise, 0),
      gatewayFeesPaise: flows.released.reduce((sum, b) => sum + b.gatewayFeePaise, 0),
      refundsPaise: flows.refunded.pricePaise,
      // Two were paid out (one of them came back); the failed one never left.
      payoutsPaise: 100_000,
      payoutReversalsPaise: 50_000,
    });
    expect(res.body.totals.platformRevenuePaise).toBeGreaterThan(0);
    const weeks = res.body.weeks as Array<Record<string, number | string>>;
    for (const figure of Object.keys(res.body.totals)) expect(weeks.reduce((sum, w) => sum + (w[figure] as number), 0), figure).toBe(res.body.totals[figure]);
    // Consecutive Mondays (India), the first one on or before the period's start.
    for (const [i, w] of weeks.entries()) {
      expect(new Date(`${w.weekStart as string}T00:00:00Z`).getUTCDay(), w.weekStart as string).toBe(1);
      if (i > 0) expect(new Date(`${w.weekStart as string}T00:00:00Z`).getTime() - new Date(`${weeks[i - 1]!.weekStart as string}T00:00:00Z`).getTime()).toBe(7 * 24 * HOUR);
    }
    expect(new Date(`${weeks[0]!.weekStart as string}T00:00:00+05:30`).getTime()).toBeLessThanOrEqual(new Date(flows.period.from).getTime());
  });

  it('when money moves either side of midnight between Sunday and Monday in India, then it counts in its own week; what is outside the period does not count', async () => {
    const at = (iso: string, code: string, amount: number) =>
      postEntries(t.database.db, { transfers: [{ id: `report-test:${randomUUID()}`, debit: 'gateway_clearing', credit: 'escrow', amount, code }] }, new Date(iso));
    await at('2040-03-04T18:29:59.999Z', 'capture', 1_000_00); // Sunday 23:59:59.999 in India
    await at('2040-03-04T18:30:00.000Z', 'capture', 2_000_00); // Monday 00:00
    await at('2040-03-01T18:29:59.999Z', 'capture', 4_000_00); // before the period
    await at('2040-03-11T18:30:00.000Z', 'capture', 8_000_00); // its end: excluded
    await at('2040-03-06T10:00:00.000Z', 'gateway_refund', 300_00);
    await at('2040-03-06T11:00:00.000Z', 'payout_reversal', 200_00);
    const res = await get('/api/admin/finance/summary?from=2040-03-02&to=2040-03-12');
    expect(res.status).toBe(200);
    expect(res.body.from).toBe('2040-03-01T18:30:00.000Z');
    expect(res.body.weeks.map((w: { weekStart: string; bookings: number; grossPaise: number; refundsPaise: number; payoutReversalsPaise: number }) => [w.weekStart, w.bookings, w.grossPaise, w.refundsPaise, w.payoutReversalsPaise])).toEqual([
      ['2040-02-27', 1, 1_000_00, 0, 0],
      ['2040-03-05', 1, 2_000_00, 300_00, 200_00],
    ]);
    const empty = await get('/api/admin/finance/summary?from=2041-01-01&to=2041-01-15');
    expect(empty.body.weeks.map((w: { weekStart: string }) => w.weekStart)).toEqual(['2040-12-31', '2041-01-07', '2041-01-14']);
    expect(empty.body.totals).toMatchObject({ bookings: 0, grossPaise: 0 });
  });

  it('when nothing is asked, then it shows this week and the eleven before it', async () => {
    const res = await get('/api/admin/finance/summary');
    expect(res.status).toBe(200);
    expect(res.body.weeks).toHaveLength(12);
    expect(new Date(res.body.to).getTime()).toBe(businessDayStartFrom(clock.now(), 1).getTime());
  });

  it('when the period is malformed, backwards, too long, half given or grouped otherwise, then 422 names the field', async () => {
    const cases: Array<[string, string]> = [
      ['from=2026-13-01&to=2026-12-01', 'from'],
      ['from=yesterday&to=2026-12-01', 'from'],
      ['from=2026-11-10&to=2026-11-01', 'to'],
      ['from=2026-11-10&to=2026-11-10', 'to'],
      ['from=2020-01-01&to=2026-01-01', 'to'],
      ['from=2026-11-01', 'to'],
      ['to=2026-11-01', 'from'],
      ['from=2026-11-01&to=2026-11-08&groupBy=month', 'groupBy'],
    ];
    for (const [query, field] of cases) {
      const res = await get(`/api/admin/finance/summary?${query}`);
      expect(res.status, query).toBe(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.errors.map((e: { path: string }) => e.path), query).toEqual([field]);
    }
  });
});

describe('reconciliation', () => {
  it('when the admin reconciles the period of the real flows, then every payment, refund and payout is compared and nothing disagrees, in two statements', async () => {
    const { result: res, statements } = await count(() => get(`/api/admin/reconciliation?${periodQuery()}`));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ from: flows.period.from, to: flows.period.to, checked: { payments: 4, refunds: 1, payouts: 3 }, mismatches: [] });
    // The withdrawals; then our payments and refunds with the ledger's transfers beside them.
    expect(statements, statements.join('\n')).toHaveLength(2);
  });

  it('when the admin runs one, then it is kept with who ran it and audited, listed first among the runs and readable whole', async () => {
    const { result: run, statements } = await count(() => t.http().post('/api/admin/reconciliation/run').set(as('admin')).send({ from: flows.period.from, to: flows.period.to }));
    expect(run.status, JSON.stringify(run.body)).toBe(201);
    // The two of the comparison, the run and its audit entry kept, and the run read back as the admin will see it.
    expect(statements, statements.join('\n')).toHaveLength(5);
    expect(run.body).toMatchObject({ trigger: 'manual', actor: { id: admin.id, name: 'Test Admin' }, checked: { payments: 4, refunds: 1, payouts: 3 }, mismatchCount: 0, mismatches: [] });
    const [audit] = await t.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'reconciliation.run'), eq(auditLog.subjectId, run.body.id)));
    expect(audit).toMatchObject({ actorId: admin.id, data: { mismatchCount: 0, from: flows.period.from } });

    const listed = await count(() => get('/api/admin/reconciliation/runs?limit=5'));
    expect(listed.statements).toHaveLength(1);
    expect(listed.result.body.items[0]).toEqual({ id: run.body.id, from: run.body.from, to: run.body.to, trigger: 'manual', actor: run.body.actor, checked: run.body.checked, mismatchCount: 0, ranAt: run.body.ranAt });
    expect(listed.result.body.items[0]).not.toHaveProperty('mismatches');
    const one = await count(() => get(`/api/admin/reconciliation/runs/${run.body.id}`));
    expect(one.statements).toHaveLength(1);
    expect(one.result.body).toEqual(run.body);
    expect((await get(`/api/admin/reconciliation/runs/${randomUUID()}`)).status).toBe(404);
    expect((await get('/api/admin/reconciliation/runs/not-an-id')).body.errors[0].path).toBe('id');
    const past = await count(() => get('/api/admin/reconciliation/runs?page=50'));
    expect(past.result.body).toMatchObject({ items: [], page: 50, total: 1 });
    expect(past.statements).toHaveLength(2);
  });

  it('when the period or the body is wrong, then 422 names the field and nothing is kept', async () => {
    expect((await get('/api/admin/reconciliation?from=2026-01-01&to=2026-06-01')).body.errors[0].path).toBe('to');
    expect((await get('/api/admin/reconciliation?from=2026-02-30&to=2026-03-02')).body.errors[0].path).toBe('from');
    const before = await t.database.db.$count(reconciliationRuns);
    const bad = await t.http().post('/api/admin/reconciliation/run').set(as('admin')).send({ from: 'soon', extra: 1 });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['extra', 'from']);
    expect((await t.http().post('/api/admin/reconciliation/run').set(as('admin')).send({ from: '2026-11-10', to: '2026-11-09' })).body.errors[0].path).toBe('to');
    expect(await t.database.db.$count(reconciliationRuns)).toBe(before);
  });

  it('when someone who is not an admin asks, then 403 (401 without a session), on every finance route', async () => {
    const routes: Array<['get' | 'post', string]> = [
      ['get', '/api/admin/finance/summary'],
      ['get', '/api/admin/reconciliation'],
      ['post', '/api/admin/reconciliation/run'],
      ['get', '/api/admin/reconciliation/runs'],
      ['get', `/api/admin/reconciliation/runs/${randomUUID()}`],
    ];
    for (const [method, path] of routes) {
      for (const who of ['student', 'mentor'] as const) {
        const res = await t.http()[method](path).set(as(who)).send(method === 'post' ? {} : undefined);
        expect(res.status, `${who} ${path}`).toBe(403);
        expect(res.body.code).toBe('forbidden');
      }
      expect((await t.http()[method](path)).status, path).toBe(401);
    }
  });

  it('when the night job runs for a day of the flows, then it keeps one run (again: nothing), finds nothing and tells no one; the job command works', async () => {
    const firstCapture = new Date(flows.period.from);
    const morning = new Date(businessDayStartFrom(firstCapture, 1).getTime() + 3 * HOUR);
    const compared = await runNightlyReconciliation(finance(), morning);
    expect(compared).toBeGreaterThan(0);
    expect(await runNightlyReconciliation(finance(), new Date(morning.getTime() + HOUR))).toBe(0);
    const nightly = await t.database.db.select().from(reconciliationRuns).where(eq(reconciliationRuns.trigger, 'nightly'));
    expect(nightly).toHaveLength(1);
    expect(nightly[0]).toMatchObject({ mismatchCount: 0, periodFrom: businessDayStartFrom(firstCapture, 0), periodTo: businessDayStartFrom(firstCapture, 1) });
    expect(await t.database.db.select().from(notifications).where(eq(notifications.type, 'reconciliation_mismatches'))).toEqual([]);

    const line = await runJobCommand(['reconcile', '--now', new Date(morning.getTime() + 24 * HOUR).toISOString()], t.config, t.database);
    expect(line).toMatch(/^reconcile: \d+ handled/);
    expect(await t.database.db.$count(reconciliationRuns, eq(reconciliationRuns.trigger, 'nightly'))).toBe(2);
  });

  // Last: it changes the gateway's books and ours for good.
  it('when mismatches are planted on the gateway’s side and ours, then each is found with both sides, the nightly run tells every admin once', async () => {
    const db = t.database.db;
    const [refund] = await db.select().from(refunds).where(eq(refunds.bookingId, flows.refunded.id));
    // The gateway lost the refund, and says the held booking's payment was a paisa more.
    await db.execute(sql`delete from sandbox_refunds where id = ${refund!.gatewayRefundId}`);
    const paidBooking = (await get(`/api/bookings/${flows.paid.id}`, 'student')).body;
    const [payment] = rowsOf<{ id: string }>(await db.execute(sql`select gateway_payment_id as id from payments where booking_id = ${flows.paid.id}`));
    await db.execute(sql`update sandbox_payments set amount = amount + 1, entity = jsonb_set(entity, '{amount}', to_jsonb(amount + 1)) where id = ${payment!.id}`);
    // Our ledger has a capture the gateway never saw.
    const ghostAt = new Date(new Date(flows.period.from).getTime() + 2 * HOUR);
    const ghostBooking = randomUUID();
    await postEntries(db, { transfers: [{ id: `booking:${ghostBooking}:capture`, debit: 'gateway_clearing', credit: 'escrow', amount: 999_00, code: 'capture', bookingId: ghostBooking, externalRef: 'pay_Ghost0000000001' }] }, ghostAt);

    const res = await get(`/api/admin/reconciliation?${periodQuery()}`);
    expect(res.status).toBe(200);
    const found = new Set(res.body.mismatches.map((m: { subject: string; kind: string; id: string }) => `${m.subject} ${m.kind} ${m.id}`));
    expect(found).toEqual(
      new Set([
        `payment amount_differs ${payment!.id}`,
        'payment missing_at_gateway pay_Ghost0000000001',
        'payment missing_in_records pay_Ghost0000000001',
        `refund missing_at_gateway ${refund!.gatewayRefundId}`,
      ]),
    );
    const byKind = (kind: string, id: string) => res.body.mismatches.find((m: { kind: string; id: string }) => m.kind === kind && m.id === id);
    expect(byKind('amount_differs', payment!.id)).toMatchObject({
      ours: { amountPaise: paidBooking.pricePaise, ledgerPaise: paidBooking.pricePaise, status: 'captured' },
      gateway: { id: payment!.id, amountPaise: paidBooking.pricePaise + 1, status: 'captured' },
    });
    expect(byKind('missing_at_gateway', refund!.gatewayRefundId!)).toMatchObject({ ours: { recordId: refund!.id, amountPaise: flows.refunded.pricePaise, ledgerPaise: flows.refunded.pricePaise }, gateway: null });
    expect(byKind('missing_in_records', 'pay_Ghost0000000001')).toMatchObject({ ours: { recordId: null, ledgerPaise: 999_00 }, gateway: null });

    // The night after the ghost's day: kept, and every admin told once.
    const secondAdmin = await createAdmin(t);
    const morning = new Date(businessDayStartFrom(ghostAt, 1).getTime() + 4 * HOUR);
    await t.database.db.delete(reconciliationRuns).where(eq(reconciliationRuns.trigger, 'nightly'));
    expect(await runNightlyReconciliation(finance(), morning)).toBeGreaterThan(0);
    expect(await runNightlyReconciliation(finance(), morning)).toBe(0);
    const [nightly] = await db.select().from(reconciliationRuns).where(eq(reconciliationRuns.trigger, 'nightly'));
    expect(nightly!.mismatchCount).toBeGreaterThanOrEqual(2);
    const told = await db.select().from(notifications).where(eq(notifications.type, 'reconciliation_mismatches'));
    expect(told.map((n) => n.userId).sort()).toEqual([admin.id, secondAdmin.id].sort());
    expect(told[0]).toMatchObject({ title: expect.stringMatching(/^Reconciliation found \d+ mismatch/), actionUrl: '/admin/reconciliation', data: { runId: nightly!.id } });
    // The ledger itself stays consistent: a mismatch is a disagreement with the gateway, not a broken book.
    expect(await ledgerProblems(db)).toEqual([]);
  });
});

describe('reconciliation across the edge of the period', () => {
  // The sandbox's webhooks go nowhere here: a payment is captured only when the checkout is verified, so the
  // clock can move between the gateway's payment and its capture.
  const edgeCounter = statementCounter();
  let edge: TestApp;
  beforeAll(async () => {
    edge = await createTestApp({ SANDBOX_WEBHOOK_URL: 'http://127.0.0.1:9/unreachable' }, await createTestDatabase({ onQuery: edgeCounter.onQuery }));
  });
  afterAll(async () => {
    await edge?.close();
  });

  it('when a payment began before the period and was captured in it, then it is compared whole, in two statements, in either period', async () => {
    const edgeAdmin = await createAdmin(edge);
    const edgeMentor = await bookableMentor(edge, edgeAdmin, { name: 'Kiran Das' });
    const edgeStudent = await registerUser(edge, { name: 'Sam Student' });
    const opened = clock.now();
    const created = await createBooking(edge, edgeStudent, { mentorSlug: edgeMentor.slug, startsAt: futureStart(48).toISOString(), durationMinutes: 60 });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const paid = await payInSandbox(edge, created.body.checkout);
    expect(paid.status).toBe(200);
    // Half an hour later (and half a second: the gateway counts whole seconds) the checkout is verified: captured.
    const from = new Date(opened.getTime() + HOUR / 2 + 500);
    moveTo(from);
    const verified = await edge.http().post('/api/payments/verify').set(tokenAt(edge, edgeStudent.user.id)).send(paid.body);
    expect(verified.status, JSON.stringify(verified.body)).toBe(200);
    await edge.settle();
    const reconcileIn = (period: { from: Date; to: Date }) =>
      edgeCounter.count(
        () => edge.settle(),
        () => edge.http().get(`/api/admin/reconciliation?from=${period.from.toISOString()}&to=${period.to.toISOString()}`).set(tokenAt(edge, edgeAdmin.id, 'admin')),
      );

    // Only the capture is in this period: our payment and the gateway's are found through it.
    const after = await reconcileIn({ from, to: new Date(from.getTime() + HOUR) });
    expect(after.result.body).toMatchObject({ checked: { payments: 1, refunds: 0, payouts: 0 }, mismatches: [] });
    expect(after.statements, after.statements.join('\n')).toHaveLength(2);
    // Our payment and the gateway's are in this one; the capture, made after it, is found through the booking.
    const before = await reconcileIn({ from: new Date(opened.getTime() - HOUR), to: from });
    expect(before.result.body).toMatchObject({ checked: { payments: 1, refunds: 0, payouts: 0 }, mismatches: [] });
    expect(before.statements, before.statements.join('\n')).toHaveLength(2);
  });
});

describe('reconciliation when the gateway does not answer', () => {
  let down: TestApp;
  beforeAll(async () => {
    down = await createTestApp({ RAZORPAY_API_BASE_URL: 'http://127.0.0.1:9/unreachable', GATEWAY_TIMEOUT_MS: '2000' });
  });
  afterAll(async () => {
    await down?.close();
  });

  it('then the request says 503 gateway_unavailable and nothing is kept', async () => {
    const downAdmin = await createAdmin(down);
    const res = await down.http().post('/api/admin/reconciliation/run').set(bearer(downAdmin.token)).send({});
    expect(res.status).toBe(503);
    expect(res.body.code).toBe('gateway_unavailable');
    expect(await down.database.db.$count(reconciliationRuns)).toBe(0);
  });
});
