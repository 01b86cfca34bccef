import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clock } from '../../lib/clock.js';
import { bookableMentor, type Account } from '../../test-support/bookings.js';
import { accountBalance, ledgerProblems } from '../../test-support/ledger-checks.js';
import { completedSession, moveTo, restoreClockAfterEach, tokenAt } from '../../test-support/sessions.js';
import { createAdmin, createTestApp, registerUser, type TestApp } from '../../test-support/test-app.js';
import { auditLog } from '../audit/audit.tables.js';
import { runReleaseDue } from '../bookings/bookings.service.js';
import { walletAccount } from '../ledger/ledger.service.js';
import { disputes } from './disputes.tables.js';

const HOUR = 3_600_000;

let t: TestApp;
let admin: { id: string; token: string };
let mentor: Awaited<ReturnType<typeof bookableMentor>>;
let student: Account;
let stranger: Account;

beforeAll(async () => {
  t = await createTestApp();
  admin = await createAdmin(t);
  mentor = await bookableMentor(t, admin, { name: 'Meera Iyer' });
  student = await registerUser(t, { name: 'Sam Student' });
  stranger = await registerUser(t, { name: 'Someone Else' });
});
restoreClockAfterEach();
afterAll(async () => {
  await t?.close();
});

const as = (who: 'student' | 'mentor' | 'stranger' | 'admin') =>
  ({ student: tokenAt(t, student.user.id), mentor: tokenAt(t, mentor.user.id, 'mentor'), stranger: tokenAt(t, stranger.user.id), admin: tokenAt(t, admin.id, 'admin') })[who];
const get = (path: string, who: Parameters<typeof as>[0] = 'student') => t.http().get(path).set(as(who));
const post = (path: string, body: object, who: Parameters<typeof as>[0] = 'student') => t.http().post(path).set(as(who)).send(body);
const REASON = 'The mentor left after ten minutes and did not come back.';

describe('opening a dispute', () => {
  it('when the student reports a problem inside the window, then the money stays held past the release time; bad input, the mentor and strangers change nothing', async () => {
    const s = await completedSession(t, student, mentor, 40);
    expect((await get(`/api/bookings/${s.id}`)).body).toMatchObject({ status: 'completed', actions: { dispute: true } });
    const short = await post(`/api/bookings/${s.id}/dispute`, { reason: 'bad' });
    expect(short.status).toBe(422);
    expect(short.body.errors[0].path).toBe('reason');
    expect((await post(`/api/bookings/${s.id}/dispute`, { reason: REASON }, 'mentor')).body.code).toBe('not_yours_to_dispute');
    expect((await post(`/api/bookings/${s.id}/dispute`, { reason: REASON }, 'stranger')).status).toBe(404);
    expect((await get(`/api/bookings/${s.id}/dispute`, 'stranger')).status).toBe(404);
    expect((await get(`/api/bookings/${s.id}/dispute`)).body).toEqual({ dispute: null });
    expect((await get(`/api/bookings/${s.id}`)).body.settlement.status).toBe('held');

    moveTo(new Date(clock.now().getTime() + 2 * HOUR));
    const opened = await post(`/api/bookings/${s.id}/dispute`, { reason: REASON });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ bookingId: s.id, status: 'open', reason: REASON, outcome: null, pricePaise: s.pricePaise, student: { name: 'Sam Student' }, mentor: { name: 'Meera Iyer' } });
    expect((await get(`/api/bookings/${s.id}`)).body).toMatchObject({ settlement: { status: 'disputed' }, actions: { dispute: false, confirmCompletion: false } });
    expect((await get(`/api/bookings/${s.id}/dispute`, 'mentor')).body.dispute.id).toBe(opened.body.id);
    expect((await post(`/api/bookings/${s.id}/dispute`, { reason: REASON })).body.code).toBe('already_disputed');
    expect((await post(`/api/bookings/${s.id}/confirm-completion`, {})).body.code).toBe('disputed');
    // The release job passes it by.
    expect(await runReleaseDue(t.built.bookings, new Date(clock.now().getTime() + 48 * HOUR))).toBe(0);
    expect((await get(`/api/bookings/${s.id}`)).body.settlement.status).toBe('disputed');
  });

  it('when the window has passed or the money was released, then 409 says so and nothing changes', async () => {
    const late = await completedSession(t, student, mentor, 44);
    moveTo(new Date(clock.now().getTime() + 24 * HOUR));
    const closed = await post(`/api/bookings/${late.id}/dispute`, { reason: REASON });
    expect(closed.status).toBe(409);
    expect(closed.body).toMatchObject({ code: 'dispute_window_closed' });
    await runReleaseDue(t.built.bookings);
    expect((await post(`/api/bookings/${late.id}/dispute`, { reason: REASON })).body.code).toBe('already_released');
    expect(await t.database.db.select().from(disputes).where(eq(disputes.bookingId, late.id))).toEqual([]);
  });
});

describe('resolving a dispute', () => {
  async function disputed(hours: number) {
    const s = await completedSession(t, student, mentor, hours);
    const opened = await post(`/api/bookings/${s.id}/dispute`, { reason: REASON });
    expect(opened.status).toBe(201);
    return { ...s, disputeId: opened.body.id as string };
  }

  it('when the admin opens the queue, then the case shows both attendance timelines and the notes; a partial refund above what was paid is refused and changes nothing; a valid one moves the exact money, tells both and is audited', async () => {
    const s = await disputed(50);
    await t.http().put(`/api/bookings/${s.id}/notes`).set(as('mentor')).send({ text: 'We covered load balancers.' });
    const queue = await get('/api/admin/disputes?status=open', 'admin');
    expect(queue.status).toBe(200);
    expect(queue.body.items.map((d: { id: string }) => d.id)).toContain(s.disputeId);
    expect((await get('/api/admin/disputes', 'student')).status).toBe(403);
    const detail = await get(`/api/admin/disputes/${s.disputeId}`, 'admin');
    expect(detail.body).toMatchObject({ reason: REASON, notes: { text: 'We covered load balancers.' } });
    expect(detail.body.attendance.participants.map((p: { role: string; percent: number }) => [p.role, p.percent])).toEqual([
      ['mentor', 100],
      ['student', 100],
    ]);

    const tooMuch = await post(`/api/admin/disputes/${s.disputeId}/resolve`, { outcome: 'partial', refundPaise: s.pricePaise + 1, note: 'Half the session was lost.' }, 'admin');
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body.errors[0].path).toBe('refundPaise');
    const missing = await post(`/api/admin/disputes/${s.disputeId}/resolve`, { outcome: 'partial', note: 'Half the session was lost.' }, 'admin');
    expect(missing.body.errors[0].path).toBe('refundPaise');
    expect((await get(`/api/bookings/${s.id}`)).body.settlement.status).toBe('disputed');
    expect((await post(`/api/admin/disputes/${s.disputeId}/resolve`, { outcome: 'release', note: 'Not mine to decide.' }, 'mentor')).status).toBe(403);

    const wallet = walletAccount(mentor.user.id);
    const before = (await accountBalance(t.database.db, wallet)).creditsPosted;
    const refundPaise = Math.floor(s.pricePaise / 2);
    const resolved = await post(`/api/admin/disputes/${s.disputeId}/resolve`, { outcome: 'partial', refundPaise, note: 'Half the session was lost.' }, 'admin');
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ status: 'resolved', outcome: 'partial', refundPaise, note: 'Half the session was lost.', resolvedAt: clock.now().toISOString() });
    const booking = (await get(`/api/bookings/${s.id}`, 'mentor')).body;
    expect(booking).toMatchObject({ settlement: { status: 'partially_refunded', refundPaise }, refund: { amountPaise: refundPaise } });
    // The kept half is split as a late cancellation's is: the mentor's share of it reaches the wallet.
    expect((await accountBalance(t.database.db, wallet)).creditsPosted - before).toBeGreaterThan(0);
    expect((await accountBalance(t.database.db, wallet)).creditsPosted - before).toBeLessThan(booking.breakdown.mentorSharePaise);
    expect((await post(`/api/admin/disputes/${s.disputeId}/resolve`, { outcome: 'refund', note: 'Again.' }, 'admin')).body.code).toBe('already_resolved');
    const [audit] = await t.database.db.select().from(auditLog).where(sql`${auditLog.action} = 'dispute.resolve' and ${auditLog.subjectId} = ${s.id}`);
    expect(audit).toMatchObject({ actorId: admin.id, data: { outcome: 'partial', refundPaise } });
    const told = await get('/api/notifications', 'student');
    expect(JSON.stringify(told.body)).toContain('dispute resolved');
    expect((await get('/api/admin/disputes?status=resolved', 'admin')).body.items.map((d: { id: string }) => d.id)).toContain(s.disputeId);
    await t.settle();
    expect(await ledgerProblems(t.database.db)).toEqual([]);
  });

  it('when the admin releases one and refunds another in full, then the mentor is paid the share / the student gets everything back', async () => {
    const released = await disputed(56);
    const refunded = await disputed(60);
    const wallet = walletAccount(mentor.user.id);
    const before = (await accountBalance(t.database.db, wallet)).creditsPosted;
    expect((await post(`/api/admin/disputes/${released.disputeId}/resolve`, { outcome: 'release', note: 'The session took place.' }, 'admin')).status).toBe(200);
    const share = (await get(`/api/bookings/${released.id}`, 'mentor')).body.breakdown.mentorSharePaise;
    expect((await accountBalance(t.database.db, wallet)).creditsPosted - before).toBe(share);
    expect((await get(`/api/bookings/${released.id}`)).body.settlement).toMatchObject({ status: 'released', refundPaise: 0 });
    expect((await post(`/api/admin/disputes/${refunded.disputeId}/resolve`, { outcome: 'refund', note: 'The mentor never showed the material.' }, 'admin')).body).toMatchObject({ outcome: 'refund', refundPaise: refunded.pricePaise });
    expect((await get(`/api/bookings/${refunded.id}`)).body).toMatchObject({ settlement: { status: 'refunded', refundPaise: refunded.pricePaise }, refund: { percent: 100 } });
    await t.settle();
    expect(await ledgerProblems(t.database.db)).toEqual([]);
  });
});
