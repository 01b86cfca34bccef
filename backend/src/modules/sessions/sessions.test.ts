import { createHmac, generateKeyPairSync, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authSettings } from '../../app.js';
import { clock, fixedClock, setClock } from '../../lib/clock.js';
import { bearer, bookableMentor, bookAndPay, createBooking, futureStart, payInSandbox, type Account } from '../../test-support/bookings.js';
import { accountBalance, ledgerProblems } from '../../test-support/ledger-checks.js';
import { restoreClockAfterEach } from '../../test-support/sessions.js';
import { createAdmin, createTestApp, registerUser, type TestApp } from '../../test-support/test-app.js';
import { signAccessToken } from '../auth/auth.service.js';
import { runReleaseDue } from '../bookings/bookings.service.js';
import { walletAccount } from '../ledger/ledger.service.js';
import { runSettleSessions } from './sessions.service.js';
import { attendanceEvidence, meetingWebhookEvents } from './sessions.tables.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const WEBHOOK_SECRET = 'video-webhook-secret-for-tests';

let t: TestApp;
let admin: { id: string; token: string };
let mentor: Awaited<ReturnType<typeof bookableMentor>>;
let student: Account;
let other: Account;
let stranger: Account;

beforeAll(async () => {
  t = await createTestApp({ JITSI_WEBHOOK_SECRET: WEBHOOK_SECRET, JITSI_DOMAIN: 'meet.example.test' });
  admin = await createAdmin(t);
  mentor = await bookableMentor(t, admin, { name: 'Meera Iyer' });
  student = await registerUser(t, { name: 'Sam Student' });
  other = await registerUser(t, { name: 'Olu Other' });
  stranger = await registerUser(t, { name: 'Someone Else' });
});
restoreClockAfterEach();
afterAll(async () => {
  await t?.close();
});

type Who = Account | { user: { id: string }; role?: 'mentor' | 'admin' };
/** Moves the one clock to `instant` (the server, the jobs and the tokens all read it). */
const moveTo = (instant: Date) => setClock(fixedClock(instant));
/** A bearer token minted on the moved clock, so a test can stand at any instant. */
const as = (who: Who | { id: string; token: string }) => {
  const user = 'user' in who ? { id: who.user.id, role: (who as { role?: 'mentor' | 'admin' }).role ?? ('student' as const) } : { id: who.id, role: 'admin' as const };
  return bearer(signAccessToken(authSettings(t.config), user));
};
const get = (path: string, who: Who | { id: string; token: string } = student) => t.http().get(path).set(as(who));
const post = (path: string, body: object = {}, who: Who | { id: string; token: string } = student) => t.http().post(path).set(as(who)).send(body);
const mentorWho = () => ({ user: { id: mentor.user.id }, role: 'mentor' as const });

async function paidSession(hoursAhead: number, who: Account = student, minutes = 60) {
  const startsAt = futureStart(hoursAhead, { durationMinutes: minutes });
  const { booking } = await bookAndPay(t, who, mentor, startsAt, minutes);
  return { id: booking.id, startsAt, endsAt: new Date(startsAt.getTime() + minutes * MIN), pricePaise: booking.pricePaise };
}

function signedWebhook(body: object, at = clock.now(), secret = WEBHOOK_SECRET) {
  const raw = JSON.stringify(body);
  const ts = Math.floor(at.getTime() / 1000);
  const sig = createHmac('sha256', secret).update(`${ts}.${raw}`).digest('base64');
  return t.http().post('/api/meetings/webhook').set('Content-Type', 'application/json').set('X-Jaas-Signature', `t=${ts},v1=${sig}`).send(raw);
}

describe('the call (property 1: joinable only inside [start − 10 min, end + 15 min], only by participants)', () => {
  it('when asked before the window, then 409 meeting_not_open says when it opens; inside, both get the same unguessable room; anyone else 404', async () => {
    const s = await paidSession(30);
    moveTo(new Date(s.startsAt.getTime() - 11 * MIN));
    const early = await get(`/api/bookings/${s.id}/meeting`);
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'meeting_not_open', opensAt: new Date(s.startsAt.getTime() - 10 * MIN).toISOString(), closesAt: new Date(s.endsAt.getTime() + 15 * MIN).toISOString() });
    expect((await get(`/api/bookings/${s.id}`)).body).toMatchObject({ actions: { join: false }, meeting: { opensAt: early.body.opensAt, closesAt: early.body.closesAt } });

    moveTo(new Date(s.startsAt.getTime() - 10 * MIN));
    const mine = await get(`/api/bookings/${s.id}/meeting`);
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ provider: 'jitsi', domain: 'meet.example.test', jwt: null, role: 'student', displayName: 'Sam Student' });
    expect(mine.body.roomName).toMatch(/^mentorconnect[a-z0-9]{20,26}$/);
    expect(mine.body.roomName).not.toContain(s.id.slice(0, 8));
    expect(mine.headers['cache-control']).toBe('no-store');
    const theirs = await get(`/api/bookings/${s.id}/meeting`, mentorWho());
    expect(theirs.body).toMatchObject({ roomName: mine.body.roomName, role: 'mentor', displayName: 'Meera Iyer' });
    expect((await get(`/api/bookings/${s.id}`)).body.actions.join).toBe(true);
    expect((await get(`/api/bookings/${s.id}/meeting`, stranger)).status).toBe(404);
    expect((await get(`/api/bookings/${randomUUID()}/meeting`)).status).toBe(404);

    moveTo(new Date(s.endsAt.getTime() + 15 * MIN + 1000));
    const late = await get(`/api/bookings/${s.id}/meeting`);
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('meeting_not_open');
  });

  it('when two sessions are open, then each has its own room; a cancelled booking has none (409 not_joinable)', async () => {
    const a = await paidSession(34);
    const b = await paidSession(34, other);
    const cancelled = await paidSession(34, stranger);
    expect((await post(`/api/bookings/${cancelled.id}/cancel`, {}, stranger)).body.status).toBe('cancelled');
    moveTo(a.startsAt);
    const roomA = (await get(`/api/bookings/${a.id}/meeting`)).body.roomName;
    moveTo(b.startsAt);
    const roomB = (await get(`/api/bookings/${b.id}/meeting`, other)).body.roomName;
    expect(roomA).toMatch(/^mentorconnect/);
    expect(roomB).toMatch(/^mentorconnect/);
    expect(roomA).not.toBe(roomB);
    moveTo(cancelled.startsAt);
    const refused = await get(`/api/bookings/${cancelled.id}/meeting`, stranger);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('not_joinable');
  });

  it('when the video service takes tokens (JaaS RS256, self-hosted HS256), then the JWT is bound to the one room, names the user, makes only the mentor moderator and ends with the window', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jaas = await createTestApp(
      { JAAS_APP_ID: 'vpaas-magic-cookie-test', JAAS_KEY_ID: 'vpaas-magic-cookie-test/abc123', JAAS_PRIVATE_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), JWT_SECRET: t.config.JWT_SECRET },
      { ...t.database, close: async () => {} },
    );
    const selfHosted = await createTestApp({ JITSI_APP_ID: 'mentorconnect', JITSI_APP_SECRET: 'a-long-shared-secret-of-the-jitsi-server', JITSI_DOMAIN: 'video.example.org', JWT_SECRET: t.config.JWT_SECRET }, { ...t.database, close: async () => {} });
    try {
      const s = await paidSession(40);
      moveTo(new Date(s.startsAt.getTime() - 5 * MIN));
      const student8x8 = await jaas.http().get(`/api/bookings/${s.id}/meeting`).set(as(student));
      const mentor8x8 = await jaas.http().get(`/api/bookings/${s.id}/meeting`).set(as(mentorWho()));
      expect(student8x8.body).toMatchObject({ provider: 'jaas', domain: '8x8.vc' });
      const room = student8x8.body.roomName.split('/')[1];
      expect(student8x8.body.roomName).toBe(`vpaas-magic-cookie-test/${room}`);
      const claims = jwt.verify(student8x8.body.jwt, publicKey, { algorithms: ['RS256'], audience: 'jitsi', clockTimestamp: Math.floor(clock.now().getTime() / 1000) }) as jwt.JwtPayload;
      expect(jwt.decode(student8x8.body.jwt, { complete: true })!.header).toMatchObject({ alg: 'RS256', kid: 'vpaas-magic-cookie-test/abc123' });
      expect(claims).toMatchObject({ iss: 'chat', sub: 'vpaas-magic-cookie-test', room, context: { user: { id: student.user.id, name: 'Sam Student', moderator: 'false' } } });
      expect(claims.exp).toBe(Math.floor((s.endsAt.getTime() + 15 * MIN) / 1000));
      expect((jwt.decode(mentor8x8.body.jwt) as jwt.JwtPayload).context.user).toMatchObject({ id: mentor.user.id, moderator: 'true' });

      const hs = await selfHosted.http().get(`/api/bookings/${s.id}/meeting`).set(as(mentorWho()));
      expect(hs.body).toMatchObject({ provider: 'jitsi_jwt', domain: 'video.example.org', roomName: room });
      expect(jwt.verify(hs.body.jwt, 'a-long-shared-secret-of-the-jitsi-server', { algorithms: ['HS256'], clockTimestamp: Math.floor(clock.now().getTime() / 1000) })).toMatchObject({ iss: 'mentorconnect', room, moderator: true });

      // No token outside the window.
      moveTo(new Date(s.startsAt.getTime() - 11 * MIN));
      const early = await jaas.http().get(`/api/bookings/${s.id}/meeting`).set(as(student));
      expect(early.status).toBe(409);
      expect(early.body.jwt).toBeUndefined();
    } finally {
      await jaas.close();
      await selfHosted.close();
    }
  });
});

describe('attendance evidence', () => {
  it('when signals arrive outside the window or of an unknown type, then 409 / 422 and nothing is stored; inside, the first join starts the session and the server’s clock stamps each sign', async () => {
    const s = await paidSession(50);
    const count = async () => (await t.database.db.select({ n: sql<number>`count(*)::int` }).from(attendanceEvidence)).at(0)!.n;
    const before = await count();
    moveTo(new Date(s.startsAt.getTime() - 20 * MIN));
    expect((await post(`/api/bookings/${s.id}/attendance`, { type: 'joined' })).body.code).toBe('meeting_not_open');
    moveTo(new Date(s.startsAt.getTime()));
    const bad = await post(`/api/bookings/${s.id}/attendance`, { type: 'arrived' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].path).toBe('type');
    expect((await post(`/api/bookings/${s.id}/attendance`, { type: 'joined' }, stranger)).status).toBe(404);
    expect(await count()).toBe(before);

    // The student: joined at the start, heartbeats every 30 s for 20 minutes, left; back 10 minutes later for 10 more.
    for (let second = 0; second <= 20 * 60; second += 30) {
      moveTo(new Date(s.startsAt.getTime() + second * 1000));
      expect((await post(`/api/bookings/${s.id}/attendance`, { type: second === 0 ? 'joined' : 'heartbeat' })).status).toBe(204);
    }
    expect((await get(`/api/bookings/${s.id}`)).body.status).toBe('in_progress');
    expect((await post(`/api/bookings/${s.id}/attendance`, { type: 'left' })).status).toBe(204);
    moveTo(new Date(s.startsAt.getTime() + 30 * MIN));
    await post(`/api/bookings/${s.id}/attendance`, { type: 'joined' });
    // A reload mid-call sends joined again: it counts once.
    moveTo(new Date(s.startsAt.getTime() + 30 * MIN + 20_000));
    await post(`/api/bookings/${s.id}/attendance`, { type: 'joined' });
    for (let second = 30 * 60 + 30; second <= 40 * 60; second += 30) {
      moveTo(new Date(s.startsAt.getTime() + second * 1000));
      await post(`/api/bookings/${s.id}/attendance`, { type: 'heartbeat' });
    }
    // Then the tab dies: no `left`; the interval ends at the last heartbeat.
    const seen = await get(`/api/bookings/${s.id}/attendance`);
    expect(seen.status).toBe(200);
    const me = seen.body.participants.find((p: { role: string }) => p.role === 'student');
    expect(me).toMatchObject({ userId: student.user.id, seconds: 30 * 60, percent: 50 });
    expect(me.intervals).toEqual([
      { from: s.startsAt.toISOString(), to: new Date(s.startsAt.getTime() + 20 * MIN).toISOString() },
      { from: new Date(s.startsAt.getTime() + 30 * MIN).toISOString(), to: new Date(s.startsAt.getTime() + 40 * MIN).toISOString() },
    ]);
    expect(seen.body.participants.find((p: { role: string }) => p.role === 'mentor')).toMatchObject({ seconds: 0, percent: 0, intervals: [] });
    expect((await get(`/api/bookings/${s.id}/attendance`, admin)).status).toBe(200);
    expect((await get(`/api/bookings/${s.id}/attendance`, stranger)).status).toBe(404);
  });

  it('when the video server reports joins and leaves (signed, some twice), then they add to the same timeline once each; forged, stale or replayed webhooks store nothing', async () => {
    const s = await paidSession(56);
    moveTo(new Date(s.startsAt.getTime() - 5 * MIN));
    const room = (await get(`/api/bookings/${s.id}/meeting`, mentorWho())).body.roomName as string;
    const event = (eventType: string, offsetMin: number, participantId: string, userId = mentor.user.id) => ({
      idempotencyKey: randomUUID(),
      customerId: 'c1',
      appId: 'app',
      eventType,
      sessionId: 'sess-1',
      timestamp: s.startsAt.getTime() + offsetMin * MIN,
      fqn: `app/${room}`,
      data: { id: userId, name: 'x', participantId, moderator: true },
    });
    const joined = event('PARTICIPANT_JOINED', -2, 'conn-1');
    const left = event('PARTICIPANT_LEFT', 25, 'conn-1');
    const rejoined = event('PARTICIPANT_JOINED', 20, 'conn-2');
    const destroyed = { ...event('ROOM_DESTROYED', 50, 'none'), data: {} };
    moveTo(new Date(s.endsAt.getTime()));
    const events = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(meetingWebhookEvents);
    const forged = await signedWebhook(joined, clock.now(), 'not-the-secret-at-all');
    expect(forged.status).toBe(400);
    const stale = await signedWebhook(joined, new Date(clock.now().getTime() - 6 * MIN));
    expect(stale.status).toBe(400);
    expect(stale.body.code).toBe('signature_invalid');
    const unsigned = await t.http().post('/api/meetings/webhook').set('Content-Type', 'application/json').send(JSON.stringify(joined));
    expect(unsigned.status).toBe(400);
    expect((await t.database.db.select({ n: sql<number>`count(*)::int` }).from(meetingWebhookEvents))[0]!.n).toBe(events[0]!.n);

    // Out of order, and the first join delivered twice.
    for (const e of [left, joined, rejoined, joined, destroyed]) {
      const res = await signedWebhook(e);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
    expect((await signedWebhook(joined)).body).toMatchObject({ received: true, result: 'duplicate' });
    const seen = await get(`/api/bookings/${s.id}/attendance`, mentorWho());
    const m = seen.body.participants.find((p: { role: string }) => p.role === 'mentor');
    // conn-1 from −2 to 25, conn-2 from 20 to the room's end at 50: 50 minutes of the 60.
    expect(m).toMatchObject({ seconds: 50 * 60, percent: 83 });
    expect(m.intervals).toEqual([{ from: new Date(s.startsAt.getTime() - 2 * MIN).toISOString(), to: new Date(s.startsAt.getTime() + 50 * MIN).toISOString() }]);
  });
});

describe('settlement (property 3: never before end + grace, exactly once; property 4: a mentor no-show refunds 100%)', () => {
  async function attend(s: { id: string; startsAt: Date }, who: Who, fromMin: number, toMin: number) {
    for (let second = fromMin * 60; second <= toMin * 60; second += 30) {
      moveTo(new Date(s.startsAt.getTime() + second * 1000));
      expect((await post(`/api/bookings/${s.id}/attendance`, { type: second === fromMin * 60 ? 'joined' : 'heartbeat' }, who)).status).toBe(204);
    }
    await post(`/api/bookings/${s.id}/attendance`, { type: 'left' }, who);
  }

  it('when both attended, the mentor never came, or the student stayed under 20%, then each settles so — once, and not before the window closes', async () => {
    const completed = await paidSession(60, student, 30);
    const mentorAway = await paidSession(60, other, 30);
    const studentAway = await paidSession(60, stranger, 30);
    await attend(completed, mentorWho(), 0, 30);
    await attend(completed, student, 2, 25);
    await attend(studentAway, mentorWho(), 0, 30);
    await attend(studentAway, stranger, 0, 5);
    await attend(mentorAway, other, 0, 30);

    const lastEnd = Math.max(completed.endsAt.getTime(), mentorAway.endsAt.getTime(), studentAway.endsAt.getTime());
    await t.settle();
    // Up to the last instant of the grace period none of them settles (sessions of earlier tests may).
    const graceEnds = (ms: number) => new Date(ms + 15 * MIN);
    const firstEnd = Math.min(completed.endsAt.getTime(), mentorAway.endsAt.getTime(), studentAway.endsAt.getTime());
    moveTo(new Date(graceEnds(firstEnd).getTime() - 1));
    await runSettleSessions(t.built.sessions, clock.now());
    for (const [s, who] of [[completed, student], [mentorAway, other], [studentAway, stranger]] as const) {
      expect((await get(`/api/bookings/${s.id}`, who)).body.status).toBe('in_progress');
    }
    const wallet = walletAccount(mentor.user.id);
    const walletBefore = (await accountBalance(t.database.db, wallet)).creditsPosted;
    const statsBefore = (await t.http().get(`/api/mentors/${mentor.slug}`)).body.stats;
    moveTo(graceEnds(lastEnd));
    const settled = await runSettleSessions(t.built.sessions, clock.now());
    expect(settled).toBeGreaterThanOrEqual(3);
    expect(await runSettleSessions(t.built.sessions, clock.now())).toBe(0);
    // The mentor's public stats count each outcome once: one more completed session, one more no-show.
    const stats = (await t.http().get(`/api/mentors/${mentor.slug}`)).body.stats;
    expect(stats).toMatchObject({ sessionsCompleted: statsBefore.sessionsCompleted + 1, noShows: statsBefore.noShows + 1 });

    const c = (await get(`/api/bookings/${completed.id}`)).body;
    expect(c).toMatchObject({ status: 'completed', settlement: { status: 'held', releaseAt: new Date(clock.now().getTime() + 24 * HOUR).toISOString(), releasedAt: null, refundPaise: 0 }, actions: { confirmCompletion: true } });
    const m = (await get(`/api/bookings/${mentorAway.id}`, other)).body;
    expect(m).toMatchObject({ status: 'no_show_mentor', settlement: { status: 'refunded', refundPaise: mentorAway.pricePaise }, refund: { percent: 100, amountPaise: mentorAway.pricePaise } });
    const sa = (await get(`/api/bookings/${studentAway.id}`, stranger)).body;
    expect(sa).toMatchObject({ status: 'no_show_student', settlement: { status: 'released', releasedAt: clock.now().toISOString(), refundPaise: 0 } });
    const paidOut = (await accountBalance(t.database.db, wallet)).creditsPosted - walletBefore;
    expect(paidOut).toBe(sa.breakdown?.mentorSharePaise ?? (await get(`/api/bookings/${studentAway.id}`, mentorWho())).body.breakdown.mentorSharePaise);

    // Both people are told, in the app.
    const told = await get('/api/notifications', other);
    expect(JSON.stringify(told.body)).toMatch(/did not join|refund/i);

    // Release: not a moment before the dispute window passes, then once.
    expect(await runReleaseDue(t.built.bookings, new Date(clock.now().getTime() + 24 * HOUR - 1000))).toBe(0);
    moveTo(new Date(clock.now().getTime() + 24 * HOUR));
    expect(await runReleaseDue(t.built.bookings, clock.now())).toBeGreaterThanOrEqual(1);
    expect(await runReleaseDue(t.built.bookings, clock.now())).toBe(0);
    expect((await get(`/api/bookings/${completed.id}`)).body).toMatchObject({ settlement: { status: 'released', releasedAt: clock.now().toISOString() }, actions: { confirmCompletion: false } });
    await t.settle();
    expect(await ledgerProblems(t.database.db)).toEqual([]);
  });

  it('when the student confirms the session went well, then the mentor is paid at once; the mentor can’t confirm, and a session not completed can’t be', async () => {
    const s = await paidSession(70, student, 30);
    expect((await post(`/api/bookings/${s.id}/confirm-completion`)).body.code).toBe('not_completed');
    await attend(s, mentorWho(), 0, 30);
    await attend(s, student, 0, 30);
    moveTo(new Date(s.endsAt.getTime() + 15 * MIN));
    await runSettleSessions(t.built.sessions, clock.now());
    expect((await post(`/api/bookings/${s.id}/confirm-completion`, {}, mentorWho())).status).toBe(409);
    expect((await post(`/api/bookings/${s.id}/confirm-completion`, {}, stranger)).status).toBe(404);
    moveTo(new Date(s.endsAt.getTime() + HOUR));
    const confirmed = await post(`/api/bookings/${s.id}/confirm-completion`);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ status: 'completed', settlement: { status: 'released', releasedAt: clock.now().toISOString() } });
    // A second confirmation (a double click) changes nothing.
    expect((await post(`/api/bookings/${s.id}/confirm-completion`)).status).toBe(200);
    expect(await runReleaseDue(t.built.bookings, new Date(clock.now().getTime() + 48 * HOUR))).toBe(0);
    expect(await ledgerProblems(t.database.db)).toEqual([]);
  });

  it('when a group session ends, then each seat settles on its own student’s presence; when its mentor never came, every seat is refunded', async () => {
    const group = async (hours: number) => {
      const slot = await t
        .http()
        .post('/api/mentors/me/slots')
        .set(bearer(mentor.accessToken))
        .send({ startsAt: futureStart(hours).toISOString(), durationMinutes: 60, capacity: 3, title: 'Group mock interview', pricePaise: 50_000 });
      expect(slot.status).toBe(201);
      const seats: Record<string, { id: string; startsAt: Date }> = {};
      for (const who of [student, other]) {
        const created = await createBooking(t, who, { slotId: slot.body.id });
        await payInSandbox(t, created.body.checkout).then(async (paid) => t.http().post('/api/payments/verify').set(bearer(who.accessToken)).send(paid.body));
        seats[who.user.id] = { id: created.body.booking.id, startsAt: new Date(slot.body.startsAt) };
      }
      return seats;
    };
    const attended = await group(80);
    const abandoned = await group(84);
    const a = attended[student.user.id]!;
    await attend(a, mentorWho(), 0, 60);
    await attend(a, student, 0, 60);
    await attend(attended[other.user.id]!, other, 0, 5);
    await attend(abandoned[student.user.id]!, student, 0, 60);
    moveTo(new Date(abandoned[student.user.id]!.startsAt.getTime() + 60 * MIN + 15 * MIN));
    await runSettleSessions(t.built.sessions, clock.now());
    expect((await get(`/api/bookings/${a.id}`)).body.status).toBe('completed');
    expect((await get(`/api/bookings/${attended[other.user.id]!.id}`, other)).body.status).toBe('no_show_student');
    for (const who of [student, other]) {
      expect((await get(`/api/bookings/${abandoned[who.user.id]!.id}`, who)).body).toMatchObject({ status: 'no_show_mentor', settlement: { status: 'refunded', refundPaise: 50_000 } });
    }
    expect(await ledgerProblems(t.database.db)).toEqual([]);
  });
});

describe('the mentor’s notes', () => {
  it('when the mentor writes notes, then they keep them; the student reads them once the session has ended and can’t write them', async () => {
    const s = await paidSession(90, student, 30);
    moveTo(new Date(s.startsAt.getTime() + 5 * MIN));
    const saved = await t.http().put(`/api/bookings/${s.id}/notes`).set(as(mentorWho())).send({ text: 'Practise the capacity estimate; read DDIA ch. 5.' });
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({ text: 'Practise the capacity estimate; read DDIA ch. 5.', updatedAt: clock.now().toISOString() });
    const tooEarly = await get(`/api/bookings/${s.id}/notes`);
    expect(tooEarly.status).toBe(409);
    expect(tooEarly.body.code).toBe('notes_not_yet');
    expect((await t.http().put(`/api/bookings/${s.id}/notes`).set(as(student)).send({ text: 'mine now' })).status).toBe(403);
    const tooLong = await t.http().put(`/api/bookings/${s.id}/notes`).set(as(mentorWho())).send({ text: 'x'.repeat(5001) });
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.errors[0].path).toBe('text');
    expect((await get(`/api/bookings/${s.id}/notes`, stranger)).status).toBe(404);
    moveTo(s.endsAt);
    expect((await get(`/api/bookings/${s.id}/notes`)).body.text).toBe('Practise the capacity estimate; read DDIA ch. 5.');
  });
});
