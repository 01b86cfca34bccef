import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authSettings } from '../../app.js';
import { rowsOf } from '../../db/client.js';
import { createTestDatabase } from '../../db/test-database.js';
import { clock, setClock } from '../../lib/clock.js';
import { bookableMentor, bookAndPay, futureStart, type Account } from '../../test-support/bookings.js';
import { moveTo, restoreClockAfterEach, tokenAt } from '../../test-support/sessions.js';
import { statementCounter } from '../../test-support/statements.js';
import { createAdmin, createTestApp, registerUser, type TestApp } from '../../test-support/test-app.js';
import { signAccessToken } from '../auth/auth.service.js';

/**
 * The admin's audit trail: every admin action and every money movement, as one list, newest first, filtered and
 * paginated in at most two statements.
 */

const HOUR = 3_600_000;

let t: TestApp;
let admin: { id: string; token: string };
let mentor: Awaited<ReturnType<typeof bookableMentor>>;
let student: Account;
let booking: { id: string; pricePaise: number };
let gatewayPaymentId: string;
/** When the second round of activity began (an hour after the first). */
let later: Date;
let laterMentor: Awaited<ReturnType<typeof bookableMentor>>;
const counter = statementCounter();

beforeAll(async () => {
  const database = await createTestDatabase({ onQuery: counter.onQuery });
  t = await createTestApp({}, database);
  admin = await createAdmin(t);
  mentor = await bookableMentor(t, admin, { name: 'Meera Iyer' });
  student = await registerUser(t, { name: 'Sam Student' });
  const paid = await bookAndPay(t, student, mentor, futureStart(30), 60);
  booking = { id: paid.booking.id, pricePaise: paid.booking.pricePaise };
  gatewayPaymentId = paid.payment.razorpay_payment_id;
  await t.settle();
  later = new Date(clock.now().getTime() + HOUR);
  const kept = moveTo(later);
  try {
    // Tokens minted on the moved clock.
    const fresh = (id: string, role: 'student' | 'admin') => signAccessToken(authSettings(t.config), { id, role });
    laterMentor = await bookableMentor(t, { token: fresh(admin.id, 'admin') }, { name: 'Kiran Das' });
    await bookAndPay(t, { ...student, accessToken: fresh(student.user.id, 'student') }, laterMentor, futureStart(34), 30);
    await t.settle();
  } finally {
    setClock(kept);
  }
}, 60_000);
restoreClockAfterEach();
afterAll(async () => {
  await t?.close();
});

const as = (who: 'admin' | 'student' | 'mentor') => ({ admin: tokenAt(t, admin.id, 'admin'), student: tokenAt(t, student.user.id), mentor: tokenAt(t, mentor.user.id, 'mentor') })[who];
const get = (query: string, who: Parameters<typeof as>[0] = 'admin') => t.http().get(`/api/admin/audit${query}`).set(as(who));
const count = <T>(work: () => Promise<T>) => counter.count(() => t.settle(), work);

type Entry = { id: string; at: string; kind: 'admin' | 'money'; actor: { id: string; name: string } | null; action: string; subjectType: string; subjectId: string; data: Record<string, unknown> };

async function totals(): Promise<{ admin: number; money: number }> {
  const [row] = rowsOf<{ admin: number; money: number }>(
    await t.database.db.execute(sql`select (select count(*) from audit_log)::int as admin, (select count(*) from ledger_transfers)::int as money`),
  );
  return row!;
}

describe('the audit trail', () => {
  it('when the admin opens it, then admin actions and money movements come as one list, newest first, with who, what and the money, in one statement', async () => {
    const { result: res, statements } = await count(() => get('?limit=100'));
    expect(res.status).toBe(200);
    expect(statements, statements.join('\n')).toHaveLength(1);
    const { admin: actions, money } = await totals();
    expect(actions).toBeGreaterThanOrEqual(2);
    expect(money).toBeGreaterThanOrEqual(8);
    expect(res.body).toMatchObject({ page: 1, limit: 100, total: actions + money });
    const items = res.body.items as Entry[];
    expect(items).toHaveLength(actions + money);
    const times = items.map((e) => new Date(e.at).getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));

    const approval = items.find((e) => e.action === 'mentor_application.approve' && e.data.slug === mentor.slug);
    expect(approval).toMatchObject({ kind: 'admin', actor: { id: admin.id, name: 'Test Admin' }, subjectType: 'mentor_application', subjectId: mentor.applicationId });
    const capture = items.find((e) => e.action === 'money.capture' && e.subjectId === booking.id);
    expect(capture).toEqual({
      id: `booking:${booking.id}:capture`,
      at: expect.any(String),
      kind: 'money',
      actor: null,
      action: 'money.capture',
      subjectType: 'booking',
      subjectId: booking.id,
      data: expect.objectContaining({ transferId: `booking:${booking.id}:capture`, debit: 'gateway_clearing', credit: 'escrow', amountPaise: booking.pricePaise, bookingId: booking.id, externalRef: gatewayPaymentId, kind: 'posted' }),
    });
    // The split promised out of escrow at the same time.
    expect(items.filter((e) => e.subjectId === booking.id).map((e) => e.action).sort()).toEqual(['money.capture', 'money.commission', 'money.gateway_fee', 'money.mentor_share']);
  });

  it('when filtered by actor, then only what that person did (never a money movement)', async () => {
    const res = await get(`?actor=${admin.id}&limit=100`);
    const items = res.body.items as Entry[];
    expect(items.length).toBeGreaterThanOrEqual(2);
    expect(items.every((e) => e.kind === 'admin' && e.actor?.id === admin.id)).toBe(true);
    expect(res.body.total).toBe(items.length);
    expect((await get(`?actor=${student.user.id}`)).body).toMatchObject({ items: [], total: 0 });
  });

  it('when filtered by action, then an exact action or a prefix (ending in "." or "*") matches', async () => {
    const money = (await get('?action=money.&limit=100')).body;
    expect(money.total).toBe((await totals()).money);
    expect((money.items as Entry[]).every((e) => e.kind === 'money' && e.action.startsWith('money.'))).toBe(true);
    const captures = (await get('?action=money.capture')).body;
    expect((captures.items as Entry[]).map((e) => e.action)).toEqual(['money.capture', 'money.capture']);
    const approvals = (await get('?action=mentor_application.approve')).body;
    expect((approvals.items as Entry[]).map((e) => e.subjectType)).toEqual(['mentor_application', 'mentor_application']);
    expect((await get('?action=mentor_application.*')).body.total).toBe(approvals.total);
    expect((await get('?action=mentor_application')).body.total).toBe(0);
    expect((await get('?action=mo*')).body.total).toBe(money.total);
  });

  it('when filtered by time, then only what happened from (inclusive) to (exclusive)', async () => {
    const res = await get(`?from=${encodeURIComponent(later.toISOString())}&limit=100`);
    const items = res.body.items as Entry[];
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((e) => new Date(e.at) >= later)).toBe(true);
    expect(items.some((e) => e.action === 'mentor_application.approve')).toBe(true);
    expect(items.some((e) => e.subjectId === booking.id)).toBe(false);
    const before = await get(`?to=${encodeURIComponent(later.toISOString())}&action=money.capture`);
    expect((before.body.items as Entry[]).map((e) => e.subjectId)).toEqual([booking.id]);
    const all = (await get('?limit=1')).body.total as number;
    expect(res.body.total + (await get(`?to=${encodeURIComponent(later.toISOString())}`)).body.total).toBe(all);
  });

  it('when paging, then the pages follow each other and a page past the end still says the total, in two statements', async () => {
    const all = (await get('?limit=100')).body.items as Entry[];
    const page2 = await count(() => get('?limit=3&page=2'));
    expect(page2.statements).toHaveLength(1);
    expect((page2.result.body.items as Entry[]).map((e) => e.id)).toEqual(all.slice(3, 6).map((e) => e.id));
    const past = await count(() => get('?limit=50&page=40'));
    expect(past.result.body).toMatchObject({ items: [], page: 40, limit: 50, total: all.length });
    expect(past.statements).toHaveLength(2);
    expect((await get('?limit=500')).body.limit).toBe(100);
  });

  it('when a filter is malformed, then 422 names the field', async () => {
    const cases: Array<[string, string]> = [
      ['?actor=nobody', 'actor'],
      ['?from=last-week', 'from'],
      ['?to=2026-02-30', 'to'],
      ['?from=2026-11-10&to=2026-11-09', 'to'],
      ['?action=drop%20table', 'action'],
      ['?page=0', 'page'],
    ];
    for (const [query, field] of cases) {
      const res = await get(query);
      expect(res.status, query).toBe(422);
      expect(res.body.errors.map((e: { path: string }) => e.path), query).toEqual([field]);
    }
  });

  it('when someone who is not an admin asks, then 403; without a session, 401', async () => {
    expect((await get('', 'student')).status).toBe(403);
    expect((await get('', 'mentor')).status).toBe(403);
    expect((await t.http().get('/api/admin/audit')).status).toBe(401);
  });
});
