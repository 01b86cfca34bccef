import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authSettings } from '../../app.js';
import { createTestDatabase } from '../../db/test-database.js';
import { clock, setClock } from '../../lib/clock.js';
import { bearer, bookableMentor, bookAndPay, futureStart, type Account } from '../../test-support/bookings.js';
import { ledgerProblems } from '../../test-support/ledger-checks.js';
import { completedSession, moveTo, restoreClockAfterEach, tokenAt } from '../../test-support/sessions.js';
import { statementCounter } from '../../test-support/statements.js';
import { approvedMentor, createAdmin, createTestApp, registerUser, type TestApp } from '../../test-support/test-app.js';
import { signAccessToken } from '../auth/auth.service.js';
import { releaseEscrow } from '../bookings/bookings.payments.js';
import { runReleaseDue } from '../bookings/bookings.service.js';
import { postEntries, walletAccount } from '../ledger/ledger.service.js';
import { runProcessPayouts } from '../payouts/payouts.service.js';
import { CSV_HEADER, istDate, rupeesText } from './wallet.csv.js';
import { writeTransactionsCsv } from './wallet.service.js';

/**
 * The wallet read from the ledger: real bookings paid through the sandbox, released, refunded in full and in part;
 * withdrawals posted to the ledger as the payouts flow posts them (request = a pending wallet → payouts_in_transit,
 * paid = its post and the payout out of payouts_in_transit, rejected or failed = its void, reversed after it was
 * paid = gateway_clearing → wallet). Every figure is checked after each step.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** 60 minutes at ₹1,800: 20% commission, a 2% gateway fee with 18% GST on it, the rest the mentor's. */
const SHARE_60 = 139_752;
/** What the mentor keeps of ₹900 left after a 50% refund, split again. */
const KEPT_SHARE = 69_876;
/** 30 minutes at ₹1,000. */
const SHARE_30 = 77_640;

let t: TestApp;
let admin: { id: string; token: string };
let student: Account;
const counter = statementCounter();

beforeAll(async () => {
  const database = await createTestDatabase({ onQuery: counter.onQuery });
  t = await createTestApp({}, database);
  admin = await createAdmin(t);
  student = await registerUser(t, { name: 'Wallet Student' });
});
restoreClockAfterEach();
afterAll(async () => {
  await t?.close();
});

const asMentor = (mentor: { user: { id: string } }) => tokenAt(t, mentor.user.id, 'mentor');
const wallet = (mentor: { user: { id: string } }) => t.http().get('/api/wallet').set(asMentor(mentor));
const statement = (mentor: { user: { id: string } }, query: Record<string, string | number> = {}) => t.http().get('/api/wallet/transactions').query(query).set(asMentor(mentor));
const count = <T>(work: () => Promise<T>) => counter.count(() => t.settle(), work);

interface Line {
  id: string;
  at: string;
  type: string;
  amountPaise: number;
  status: string;
  settledAt: string | null;
  bookingId: string | null;
  withdrawalId: string | null;
  split: { grossPaise: number; commissionPaise: number; gatewayFeePaise: number } | null;
  description: string;
}

/** What the wallet's statement says is spendable: every line but an earning still in escrow or refunded. */
const spendable = (lines: Line[]) => lines.filter((l) => !(l.type === 'earning' && (l.status === 'in_escrow' || l.status === 'refunded'))).reduce((sum, l) => sum + l.amountPaise, 0);

describe('who may read a wallet', () => {
  it('when a student or an admin asks, then 403, without a token 401; a new mentor’s wallet is all zeros with no lines and a CSV of only its header', async () => {
    const mentor = await approvedMentor(t, admin, { name: 'New Mentor' });
    for (const path of ['/api/wallet', '/api/wallet/transactions', '/api/wallet/transactions?format=csv']) {
      const asStudent = await t.http().get(path).set(bearer(student.accessToken));
      expect(asStudent.status, path).toBe(403);
      expect(asStudent.body.code).toBe('forbidden');
      expect((await t.http().get(path).set(bearer(admin.token))).status, path).toBe(403);
      expect((await t.http().get(path)).status, path).toBe(401);
    }
    expect((await wallet(mentor)).body).toEqual({ availablePaise: 0, inEscrowPaise: 0, withdrawnPaise: 0, lifetimeEarnedPaise: 0, inTransitPaise: 0 });
    expect((await statement(mentor)).body).toEqual({ items: [], page: 1, limit: 20, total: 0 });
    const csv = await statement(mentor, { format: 'csv' });
    expect(csv.status).toBe(200);
    expect(csv.text).toBe(`${CSV_HEADER.join(',')}\r\n`);
  });
});

describe('earnings from real sessions', () => {
  it('when a session is completed, settled and released by the job, then its share moves from escrow to available and its line from in_escrow to released', async () => {
    const mentor = await bookableMentor(t, admin, { name: 'Session Mentor' });
    const s = await completedSession(t, student, mentor, 40);
    expect((await wallet(mentor)).body).toEqual({ availablePaise: 0, inEscrowPaise: SHARE_30, withdrawnPaise: 0, lifetimeEarnedPaise: 0, inTransitPaise: 0 });
    const held = (await statement(mentor)).body;
    expect(held.items).toEqual([expect.objectContaining({ type: 'earning', amountPaise: SHARE_30, status: 'in_escrow', settledAt: null, bookingId: s.id, withdrawalId: null })]);
    expect(held.items[0].split).toEqual({ grossPaise: 100_000, commissionPaise: 20_000, gatewayFeePaise: 2_360 });
    expect(held.items[0].description).toMatch(/held in escrow/);

    moveTo(new Date(clock.now().getTime() + 24 * HOUR));
    expect(await runReleaseDue(t.built.bookings, clock.now())).toBeGreaterThanOrEqual(1);
    expect((await wallet(mentor)).body).toEqual({ availablePaise: SHARE_30, inEscrowPaise: 0, withdrawnPaise: 0, lifetimeEarnedPaise: SHARE_30, inTransitPaise: 0 });
    const released = (await statement(mentor)).body;
    expect(released.items).toEqual([expect.objectContaining({ type: 'earning', amountPaise: SHARE_30, status: 'released', settledAt: clock.now().toISOString(), bookingId: s.id })]);
    expect(await ledgerProblems(t.database.db)).toEqual([]);
  });
});

describe('withdrawals made through the payouts flow', () => {
  /** Runs the payout job and the sandbox's bank and webhooks, the clock moving on, until both are idle. */
  async function drain(): Promise<void> {
    for (let i = 0; i < 4; i++) {
      await runProcessPayouts(t.built.payouts, clock.now());
      await t.settle();
      moveTo(new Date(clock.now().getTime() + 2 * 60_000));
      t.built.sandbox?.kick();
      await t.settle();
    }
  }

  it('when a withdrawal is requested and paid out and another rejected, then the figures and the statement follow the payouts’ own postings', async () => {
    const mentor = await bookableMentor(t, admin, { name: 'Paid Mentor' });
    for (const hours of [500, 520]) {
      const { booking } = await bookAndPay(t, student, mentor, futureStart(hours));
      expect(await releaseEscrow(t.built.bookings, booking.id)).toBe(true);
    }
    const method = await t.http().put('/api/wallet/payout-method').set(asMentor(mentor)).send({
      type: 'bank',
      holderName: 'Paid Mentor',
      accountNumber: '123456789012',
      accountNumberConfirm: '123456789012',
      ifsc: 'HDFC0000001',
      password: mentor.password,
    });
    expect(method.status, JSON.stringify(method.body)).toBe(200);
    const withdraw = (amountPaise: number) => t.http().post('/api/wallet/withdrawals').set(asMentor(mentor)).set('Idempotency-Key', crypto.randomUUID()).send({ amountPaise });
    const released = 2 * SHARE_60;

    const paid = await withdraw(100_000);
    expect(paid.status, JSON.stringify(paid.body)).toBe(201);
    expect((await wallet(mentor)).body).toEqual({ availablePaise: released - 100_000, inEscrowPaise: 0, withdrawnPaise: 0, lifetimeEarnedPaise: released, inTransitPaise: 100_000 });
    expect((await statement(mentor)).body.items[0]).toMatchObject({ type: 'withdrawal', amountPaise: -100_000, status: 'in_transit', withdrawalId: paid.body.id });

    expect((await t.http().post(`/api/admin/withdrawals/${paid.body.id}/approve`).set(tokenAt(t, admin.id, 'admin'))).status).toBe(200);
    await drain();
    expect((await t.http().get(`/api/wallet/withdrawals/${paid.body.id}`).set(asMentor(mentor))).body.status).toBe('processed');
    expect((await wallet(mentor)).body).toEqual({ availablePaise: released - 100_000, inEscrowPaise: 0, withdrawnPaise: 100_000, lifetimeEarnedPaise: released, inTransitPaise: 0 });
    expect((await statement(mentor, { type: 'withdrawal' })).body.items).toEqual([expect.objectContaining({ status: 'paid', withdrawalId: paid.body.id, settledAt: expect.any(String) })]);

    const rejected = await withdraw(50_000);
    expect(rejected.status).toBe(201);
    const reject = await t.http().post(`/api/admin/withdrawals/${rejected.body.id}/reject`).set(tokenAt(t, admin.id, 'admin')).send({ reason: 'The name on the account does not match' });
    expect(reject.status, JSON.stringify(reject.body)).toBe(200);
    expect((await wallet(mentor)).body).toEqual({ availablePaise: released - 100_000, inEscrowPaise: 0, withdrawnPaise: 100_000, lifetimeEarnedPaise: released, inTransitPaise: 0 });
    const lines = (await statement(mentor)).body.items as Line[];
    expect(lines.slice(0, 2)).toEqual([
      expect.objectContaining({ type: 'withdrawal_returned', amountPaise: 50_000, status: 'settled', withdrawalId: rejected.body.id }),
      expect.objectContaining({ type: 'withdrawal', amountPaise: -50_000, status: 'returned', withdrawalId: rejected.body.id }),
    ]);
    expect(spendable(lines)).toBe(released - 100_000);
    expect(await ledgerProblems(t.database.db)).toEqual([]);
  });
});

describe('the statement of a wallet with a history', () => {
  const ids = { w1: crypto.randomUUID(), w2: crypto.randomUUID(), w3: crypto.randomUUID(), w4: crypto.randomUUID() };
  let mentor: Awaited<ReturnType<typeof bookableMentor>>;
  let base: Date;
  const bookings: Record<'escrowed' | 'released' | 'refunded' | 'halved', string> = { escrowed: '', released: '', refunded: '', halved: '' };
  /** The wallet's figures after each step, as GET /api/wallet answered. */
  const figures: Record<string, unknown> = {};
  let all: Line[] = [];

  const at = (days: number) => new Date(base.getTime() + days * DAY);
  const account = () => walletAccount(mentor.user.id);
  const hold = (w: string, amount: number, day: number) =>
    postEntries(t.database.db, { transfers: [{ id: `withdrawal:${w}`, debit: account(), credit: 'payouts_in_transit', amount, code: 'withdrawal', pending: true }] }, at(day));
  const paid = (w: string, amount: number, day: number) =>
    postEntries(
      t.database.db,
      {
        resolve: [{ action: 'post', pendingId: `withdrawal:${w}`, id: `withdrawal:${w}:paid` }],
        transfers: [{ id: `withdrawal:${w}:payout`, debit: 'payouts_in_transit', credit: 'gateway_clearing', amount, code: 'payout', externalRef: `pout_${w.slice(0, 8)}` }],
      },
      at(day),
    );
  const returned = (w: string, day: number) => postEntries(t.database.db, { resolve: [{ action: 'void', pendingId: `withdrawal:${w}`, id: `withdrawal:${w}:returned` }] }, at(day));
  const reversed = (w: string, amount: number, day: number) =>
    postEntries(t.database.db, { transfers: [{ id: `withdrawal:${w}:reversal`, debit: 'gateway_clearing', credit: account(), amount, code: 'payout_reversal', externalRef: `pout_${w.slice(0, 8)}` }] }, at(day));
  const snapshot = async (step: string) => {
    figures[step] = (await wallet(mentor)).body;
  };

  beforeAll(async () => {
    // Everything happens at whole days from one instant, so each line falls on a day of its own in India.
    base = new Date(Math.floor(clock.now().getTime() / HOUR) * HOUR);
    const kept = moveTo(base);
    try {
      mentor = await bookableMentor(t, admin, { name: 'Statement Mentor' });
      // A token of the moved clock.
      const payer = { ...student, accessToken: signAccessToken(authSettings(t.config), { id: student.user.id, role: 'student' }) };
      const pay = async (start: Date) => (await bookAndPay(t, payer, mentor, start)).booking.id;
      bookings.escrowed = await pay(futureStart(300));
      bookings.released = await pay(futureStart(320));
      bookings.refunded = await pay(futureStart(72));
      bookings.halved = await pay(futureStart(10, { before: 24 }));
      await snapshot('paid');
      for (const id of [bookings.refunded, bookings.halved]) {
        const cancelled = await t.http().post(`/api/bookings/${id}/cancel`).set(tokenAt(t, student.user.id)).send({ reason: 'Plans changed' });
        expect(cancelled.status).toBe(200);
      }
      await snapshot('cancelled');
      expect(await releaseEscrow(t.built.bookings, bookings.released, at(1))).toBe(true);
      await snapshot('released');
      await hold(ids.w1, 100_000, 2);
      await snapshot('w1 requested');
      await paid(ids.w1, 100_000, 3);
      await snapshot('w1 paid');
      await hold(ids.w2, 50_000, 4);
      await returned(ids.w2, 5);
      await snapshot('w2 returned');
      await hold(ids.w3, 30_000, 6);
      await paid(ids.w3, 30_000, 7);
      await snapshot('w3 paid');
      await reversed(ids.w3, 30_000, 8);
      await snapshot('w3 reversed');
      await hold(ids.w4, 20_000, 9);
      await snapshot('w4 requested');
      await t.settle();
      all = (await statement(mentor, { limit: 100 })).body.items as Line[];
    } finally {
      setClock(kept);
    }
  });

  it('when money moves, then every figure follows the ledger: escrow, release, refunds, withdrawals paid, returned and reversed', () => {
    const zero = { availablePaise: 0, inEscrowPaise: 0, withdrawnPaise: 0, lifetimeEarnedPaise: 0, inTransitPaise: 0 };
    const released = SHARE_60 + KEPT_SHARE;
    expect(figures).toEqual({
      paid: { ...zero, inEscrowPaise: 4 * SHARE_60 },
      // The full refund voids its share; the half refund voids its share and pays the kept part's share at once.
      cancelled: { ...zero, inEscrowPaise: 2 * SHARE_60, availablePaise: KEPT_SHARE, lifetimeEarnedPaise: KEPT_SHARE },
      released: { ...zero, inEscrowPaise: SHARE_60, availablePaise: released, lifetimeEarnedPaise: released },
      // Requested: out of available at once, in transit.
      'w1 requested': { ...zero, inEscrowPaise: SHARE_60, availablePaise: released - 100_000, lifetimeEarnedPaise: released, inTransitPaise: 100_000 },
      'w1 paid': { ...zero, inEscrowPaise: SHARE_60, availablePaise: released - 100_000, lifetimeEarnedPaise: released, withdrawnPaise: 100_000 },
      'w2 returned': { ...zero, inEscrowPaise: SHARE_60, availablePaise: released - 100_000, lifetimeEarnedPaise: released, withdrawnPaise: 100_000 },
      'w3 paid': { ...zero, inEscrowPaise: SHARE_60, availablePaise: released - 130_000, lifetimeEarnedPaise: released, withdrawnPaise: 130_000 },
      // The bank sent it back: back in available, neither withdrawn nor earned again.
      'w3 reversed': { ...zero, inEscrowPaise: SHARE_60, availablePaise: released - 100_000, lifetimeEarnedPaise: released, withdrawnPaise: 100_000 },
      'w4 requested': { ...zero, inEscrowPaise: SHARE_60, availablePaise: released - 120_000, lifetimeEarnedPaise: released, withdrawnPaise: 100_000, inTransitPaise: 20_000 },
    });
  });

  it('when the statement is read, then each movement is one line, newest first, signed, with its status, and what it says adds up to the available balance', async () => {
    const byId = Object.fromEntries(all.map((l) => [l.id, l]));
    expect(all).toHaveLength(11);
    const order = all.map((l) => [l.at, l.id] as const);
    expect(order).toEqual([...order].sort((a, b) => (a[0] === b[0] ? b[1].localeCompare(a[1]) : b[0].localeCompare(a[0]))));
    expect(all.slice(0, 6).map((l) => l.id)).toEqual([`withdrawal:${ids.w4}`, `withdrawal:${ids.w3}:reversal`, `withdrawal:${ids.w3}`, `withdrawal:${ids.w2}:returned`, `withdrawal:${ids.w2}`, `withdrawal:${ids.w1}`]);

    const share = (booking: string) => byId[`booking:${booking}:share`]!;
    const split60 = { grossPaise: 180_000, commissionPaise: 36_000, gatewayFeePaise: 4_248 };
    expect(share(bookings.escrowed)).toMatchObject({ type: 'earning', amountPaise: SHARE_60, status: 'in_escrow', settledAt: null, bookingId: bookings.escrowed, split: split60, at: base.toISOString() });
    expect(share(bookings.released)).toMatchObject({ type: 'earning', amountPaise: SHARE_60, status: 'released', settledAt: at(1).toISOString(), split: split60 });
    expect(share(bookings.refunded)).toMatchObject({ type: 'earning', amountPaise: SHARE_60, status: 'refunded', settledAt: base.toISOString() });
    expect(share(bookings.refunded).description).toMatch(/refunded to the student/);
    expect(share(bookings.halved)).toMatchObject({ status: 'refunded' });
    expect(byId[`booking:${bookings.halved}:kept:share`]).toMatchObject({
      type: 'earning',
      amountPaise: KEPT_SHARE,
      status: 'released',
      settledAt: null,
      bookingId: bookings.halved,
      split: { grossPaise: 90_000, commissionPaise: 18_000, gatewayFeePaise: 2_124 },
    });

    const w = (id: string, suffix = '') => byId[`withdrawal:${id}${suffix}`]!;
    expect(w(ids.w1)).toMatchObject({ type: 'withdrawal', amountPaise: -100_000, status: 'paid', at: at(2).toISOString(), settledAt: at(3).toISOString(), withdrawalId: ids.w1, bookingId: null, split: null });
    expect(w(ids.w2)).toMatchObject({ type: 'withdrawal', amountPaise: -50_000, status: 'returned', settledAt: at(5).toISOString() });
    expect(w(ids.w2, ':returned')).toMatchObject({ type: 'withdrawal_returned', amountPaise: 50_000, status: 'settled', at: at(5).toISOString(), withdrawalId: ids.w2 });
    expect(w(ids.w3)).toMatchObject({ type: 'withdrawal', amountPaise: -30_000, status: 'paid' });
    expect(w(ids.w3, ':reversal')).toMatchObject({ type: 'payout_reversal', amountPaise: 30_000, status: 'settled', at: at(8).toISOString(), withdrawalId: ids.w3 });
    expect(w(ids.w4)).toMatchObject({ type: 'withdrawal', amountPaise: -20_000, status: 'in_transit', settledAt: null });
    for (const line of all) expect(line.description.length, line.id).toBeGreaterThan(10);

    expect(spendable(all)).toBe((await wallet(mentor)).body.availablePaise);
    expect(await ledgerProblems(t.database.db)).toEqual([]);
  });

  it('when filtered by type, then only that kind of line, and together the types are the whole statement', async () => {
    const expected = { earning: 5, withdrawal: 4, withdrawal_returned: 1, payout_reversal: 1 };
    let seen = 0;
    for (const [type, n] of Object.entries(expected)) {
      const page = (await statement(mentor, { type, limit: 100 })).body;
      expect(page.total, type).toBe(n);
      expect(page.items.map((l: Line) => l.type)).toEqual(Array(n).fill(type));
      expect(page.items).toEqual(all.filter((l) => l.type === type));
      seen += n;
    }
    expect(seen).toBe(all.length);
  });

  it('when filtered by dates, then a date is a whole day in India (both ends included), a date-time is taken as it is', async () => {
    const from = istDate(at(2));
    const to = istDate(at(5));
    const byDay = (await statement(mentor, { from, to, limit: 100 })).body;
    expect(byDay.items.map((l: Line) => l.id)).toEqual([`withdrawal:${ids.w2}:returned`, `withdrawal:${ids.w2}`, `withdrawal:${ids.w1}`]);
    expect(byDay.items).toEqual(all.filter((l) => istDate(new Date(l.at)) >= from && istDate(new Date(l.at)) <= to));
    expect(byDay.total).toBe(3);

    const byInstant = (await statement(mentor, { from: at(2).toISOString(), to: at(4).toISOString(), limit: 100 })).body;
    expect(byInstant.items.map((l: Line) => l.id)).toEqual([`withdrawal:${ids.w2}`, `withdrawal:${ids.w1}`]);
    const oneDayOfEarnings = (await statement(mentor, { type: 'earning', from: istDate(base), to: istDate(base), limit: 100 })).body;
    expect(oneDayOfEarnings.total).toBe(5);
    expect((await statement(mentor, { from: istDate(at(20)) })).body).toMatchObject({ items: [], total: 0 });
  });

  it('when read a page at a time, then the pages are the statement in order, and a page past the end is empty with the total', async () => {
    const pages: Line[] = [];
    for (let page = 1; page <= 3; page++) {
      const body = (await statement(mentor, { page, limit: 4 })).body;
      expect(body).toMatchObject({ page, limit: 4, total: 11 });
      pages.push(...body.items);
    }
    expect(pages).toEqual(all);
    expect((await statement(mentor, { page: 4, limit: 4 })).body).toEqual({ items: [], page: 4, limit: 4, total: 11 });
    expect((await statement(mentor, { limit: 1000 })).body.limit).toBe(100);
  });

  it('when the filters are invalid, then 422 names the field', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ type: 'refund' }, 'type'],
      [{ from: 'yesterday' }, 'from'],
      [{ to: '2026-13-01' }, 'to'],
      [{ from: '2026-02-30' }, 'from'],
      [{ from: '2026-11-10T25:00:00Z' }, 'from'],
      [{ from: '2026-11-10', to: '2026-11-09' }, 'to'],
      [{ page: '0' }, 'page'],
      [{ limit: 'ten' }, 'limit'],
      [{ format: 'xlsx' }, 'format'],
    ];
    for (const [query, field] of cases) {
      const res = await statement(mentor, query);
      expect(res.status, JSON.stringify(query)).toBe(422);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.code).toBe('validation_failed');
      expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual([field]);
    }
    // The same day as both ends is one whole day, not an empty period.
    expect((await statement(mentor, { from: istDate(at(2)), to: istDate(at(2)) })).body.total).toBe(1);
  });

  it('when the statement is downloaded as CSV, then every matching line (no paging) with a header, amounts in rupees, and the file named', async () => {
    const res = await statement(mentor, { format: 'csv', limit: 2, page: 3 });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="wallet-\d{4}-\d{2}-\d{2}\.csv"$/);
    const rows = res.text.split('\r\n');
    expect(rows.at(-1)).toBe('');
    expect(rows[0]).toBe(CSV_HEADER.join(','));
    expect(rows).toHaveLength(all.length + 2);
    // Amount is the 4th column (descriptions with a comma are quoted, so read the fields from the end).
    const fields = (row: string) => row.match(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)!.map((f) => f.replace(/,$/, ''));
    expect(rows.slice(1, -1).map((row) => fields(row)[3])).toEqual(all.map((l) => rupeesText(l.amountPaise)));
    expect(rows.slice(1, -1).map((row) => fields(row)[11])).toEqual(all.map((l) => l.id));
    expect(rows[1]).toContain('-200.00');

    const withdrawals = await statement(mentor, { format: 'csv', type: 'withdrawal', from: istDate(at(2)), to: istDate(at(6)) });
    expect(withdrawals.headers['content-disposition']).toBe(`attachment; filename="wallet-${istDate(at(2))}-to-${istDate(at(6))}.csv"`);
    expect(withdrawals.text.split('\r\n').slice(1, -1).map((row) => fields(row)[11])).toEqual([`withdrawal:${ids.w3}`, `withdrawal:${ids.w2}`, `withdrawal:${ids.w1}`]);
  });

  it('when the CSV is read in chunks, then by keyset it is the same file, chunk after chunk, whatever the chunk size', async () => {
    const write = async (chunk: number) => {
      let text = '';
      const n = await writeTransactionsCsv(t.database.db, mentor.user.id, {}, { write: (s) => ((text += s), true), drained: async () => undefined, closed: () => false }, chunk);
      return { n, text };
    };
    const whole = await write(1000);
    expect(whole.n).toBe(11);
    for (const chunk of [1, 2, 3, 10, 11]) expect(await write(chunk)).toEqual(whole);
  });

  it('when the wallet and its statement are read, then each is one statement; a page past the end is two', async () => {
    const figuresRead = await count(() => wallet(mentor));
    expect(figuresRead.result.status).toBe(200);
    expect(figuresRead.statements, figuresRead.statements.join('\n')).toHaveLength(1);
    const page = await count(() => statement(mentor, { type: 'withdrawal', from: istDate(at(2)), limit: 2 }));
    expect(page.result.body.total).toBe(4);
    expect(page.statements, page.statements.join('\n')).toHaveLength(1);
    const past = await count(() => statement(mentor, { page: 9 }));
    expect(past.result.body).toMatchObject({ items: [], total: 11 });
    expect(past.statements, past.statements.join('\n')).toHaveLength(2);
  });
});
