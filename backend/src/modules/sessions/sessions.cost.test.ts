import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authSettings } from '../../app.js';
import { createTestDatabase } from '../../db/test-database.js';
import { statementCounter } from '../../test-support/statements.js';
import { fixedClock, setClock } from '../../lib/clock.js';
import { restoreClockAfterEach } from '../../test-support/sessions.js';
import { bearer, bookableMentor, bookAndPay, futureStart, type Account } from '../../test-support/bookings.js';
import { createAdmin, createTestApp, registerUser, type TestApp } from '../../test-support/test-app.js';
import { signAccessToken } from '../auth/auth.service.js';

/**
 * Cost is a feature: a call in progress sends a heartbeat every 30 s per person, so that path's statements are
 * pinned here, with the call's reads. Transaction control and the sandbox's own tables are left out, as in
 * bookings.cost.test.ts.
 */

let t: TestApp;
let student: Account;
let mentor: Awaited<ReturnType<typeof bookableMentor>>;
const counter = statementCounter();

beforeAll(async () => {
  const database = await createTestDatabase({ onQuery: counter.onQuery });
  t = await createTestApp({ SANDBOX_WEBHOOK_URL: 'http://127.0.0.1:9/webhooks-are-lost' }, database);
  const admin = await createAdmin(t);
  mentor = await bookableMentor(t, admin, { name: 'Counted Mentor' });
  student = await registerUser(t, { name: 'Counted Student' });
});
restoreClockAfterEach();
afterAll(async () => {
  await t?.close();
});

/** The statements `work` sends itself (after background work already running has settled). */
const count = <T>(work: () => Promise<T>) => counter.count(() => t.settle(), work);

describe('statements per request in a call', () => {
  it('when a participant enters the call and sends heartbeats, then the meeting is 2 statements, a heartbeat 3, the attendance read 2', async () => {
    const startsAt = futureStart(30, { durationMinutes: 30 });
    const { booking } = await bookAndPay(t, student, mentor, startsAt, 30);
    setClock(fixedClock(startsAt));
    const token = bearer(signAccessToken(authSettings(t.config), { id: student.user.id, role: 'student' }));

    const meeting = await count(() => t.http().get(`/api/bookings/${booking.id}/meeting`).set(token));
    expect(meeting.result.status).toBe(200);
    // The booking as its participant sees it, and the room's name registered (for the video server's webhooks).
    expect(meeting.statements, meeting.statements.join('\n')).toHaveLength(2);

    const joined = await t.http().post(`/api/bookings/${booking.id}/attendance`).set(token).send({ type: 'joined' });
    expect(joined.status).toBe(204);
    setClock(fixedClock(new Date(startsAt.getTime() + 30_000)));
    const heartbeat = await count(() => t.http().post(`/api/bookings/${booking.id}/attendance`).set(token).send({ type: 'heartbeat' }));
    expect(heartbeat.result.status).toBe(204);
    // The booking, the open interval locked, its last sign of life moved.
    expect(heartbeat.statements, heartbeat.statements.join('\n')).toHaveLength(3);

    const read = await count(() => t.http().get(`/api/bookings/${booking.id}/attendance`).set(token));
    expect(read.result.body.participants[1]).toMatchObject({ seconds: 30 });
    expect(read.statements, read.statements.join('\n')).toHaveLength(2);
  });
});
