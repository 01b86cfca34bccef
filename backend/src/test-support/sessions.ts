import { authSettings } from '../app.js';
import { afterEach, beforeAll } from 'vitest';
import { fixedClock, setClock, type Clock } from '../lib/clock.js';
import { signAccessToken } from '../modules/auth/auth.service.js';
import { runSettleSessions } from '../modules/sessions/sessions.service.js';
import { bearer, bookAndPay, futureStart, type Account } from './bookings.js';
import type { TestApp } from './test-app.js';

const MIN = 60_000;

/** Moves the one clock to `instant` (the server, the jobs and the tokens all read it); returns the clock it replaced. */
export const moveTo = (instant: Date) => setClock(fixedClock(instant));

/**
 * For a test file whose tests move the clock (`moveTo`): each test starts on the clock the file started with. Call
 * once at the top level of the file.
 */
export function restoreClockAfterEach(): void {
  let kept: Clock;
  beforeAll(() => {
    kept = setClock(fixedClock(new Date(0)));
    setClock(kept);
  });
  afterEach(() => setClock(kept));
}

/** A bearer token for `userId` minted on the current (possibly moved) clock. */
export const tokenAt = (t: TestApp, userId: string, role: 'student' | 'mentor' | 'admin' = 'student') => bearer(signAccessToken(authSettings(t.config), { id: userId, role }));

/** `userId` in the call of booking `id` from `fromMin` to `toMin` minutes after `startsAt`: joined, heartbeats every 30 s, left. */
export async function attend(t: TestApp, session: { id: string; startsAt: Date }, userId: string, fromMin: number, toMin: number): Promise<void> {
  for (let second = fromMin * 60; second <= toMin * 60; second += 30) {
    moveTo(new Date(session.startsAt.getTime() + second * 1000));
    const res = await t.http().post(`/api/bookings/${session.id}/attendance`).set(tokenAt(t, userId)).send({ type: second === fromMin * 60 ? 'joined' : 'heartbeat' });
    if (res.status !== 204) throw new Error(`attendance failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
  await t.http().post(`/api/bookings/${session.id}/attendance`).set(tokenAt(t, userId)).send({ type: 'left' });
}

/**
 * A paid 30-minute session that both attended from start to end, settled as completed by the job at the end of its
 * grace period (the clock is left there). Returns the booking's id, times and price.
 */
export async function completedSession(t: TestApp, student: Account, mentor: { slug: string; user: { id: string } }, hoursAhead: number) {
  const startsAt = futureStart(hoursAhead, { durationMinutes: 30 });
  // A token of the current (possibly moved) clock.
  const accessToken = signAccessToken(authSettings(t.config), { id: student.user.id, role: 'student' });
  const { booking } = await bookAndPay(t, { ...student, accessToken }, mentor, startsAt, 30);
  const session = { id: booking.id, startsAt, endsAt: new Date(startsAt.getTime() + 30 * MIN), pricePaise: booking.pricePaise };
  await attend(t, session, mentor.user.id, 0, 30);
  await attend(t, session, student.user.id, 0, 30);
  moveTo(new Date(session.endsAt.getTime() + 15 * MIN));
  await runSettleSessions(t.built.sessions);
  return session;
}
