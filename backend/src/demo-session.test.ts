import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authSettings } from './app.js';
import { seedDemoSessions, seedDemoWallet } from './demo-session.js';
import { clock } from './lib/clock.js';
import { createLogger } from './lib/logger.js';
import { seedDemoData, DEMO_PASSWORD } from './seed.js';
import { bearer } from './test-support/bookings.js';
import { createTestApp, loginAs, type TestApp } from './test-support/test-app.js';

const MIN = 60_000;
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  await seedDemoData(t.database.db);
});
afterAll(async () => {
  await t?.close();
});

interface BookingDto {
  id: string;
  status: string;
  startsAt: string;
  endsAt: string;
  mentor: { name: string };
  settlement: { status: string; releaseAt: string | null } | null;
  actions: Record<string, boolean>;
}

describe('the demo sessions', () => {
  it('when a fresh demo starts, then student@ has a completed, reviewed session waiting for release and a paid call with Asha five minutes out, and the clock is where it was', async () => {
    const now = clock.now();
    await seedDemoSessions(t.built.sessions, t.origin, authSettings(t.config), createLogger('silent'), now);
    await t.settle();
    expect(Math.abs(clock.now().getTime() - Date.now())).toBeLessThan(60_000);

    const student = bearer(await loginAs(t, 'student@example.com', DEMO_PASSWORD));
    const list = await t.http().get('/api/bookings?status=all&limit=50').set(student);
    expect(list.status).toBe(200);
    const mine = (list.body as { items: BookingDto[] }).items;
    expect(mine).toHaveLength(2);
    const [past, next] = [...mine].sort((a, b) => a.startsAt.localeCompare(b.startsAt));

    const pastBooking = (await t.http().get(`/api/bookings/${past!.id}`).set(student)).body as BookingDto;
    expect(new Date(pastBooking.endsAt).getTime()).toBeLessThanOrEqual(now.getTime() - 60 * MIN);
    expect(pastBooking).toMatchObject({ status: 'completed', mentor: { name: 'Asha Rao' }, settlement: { status: 'held' }, actions: { confirmCompletion: true, dispute: true } });
    expect(new Date(pastBooking.settlement!.releaseAt!).getTime()).toBeGreaterThan(now.getTime() + 23 * 60 * MIN);
    const review = await t.http().get(`/api/bookings/${past!.id}/review`).set(student);
    expect(review.body).toMatchObject({ canReview: false, review: { rating: 5, isPublic: true, studentName: 'Sam Student' } });
    const notes = await t.http().get(`/api/bookings/${past!.id}/notes`).set(student);
    expect(notes.body.text).toMatch(/two-pointer/);
    const attendance = await t.http().get(`/api/bookings/${past!.id}/attendance`).set(student);
    const seconds = (attendance.body as { participants: { role: string; seconds: number }[] }).participants.map((p) => [p.role, p.seconds]);
    expect(Object.fromEntries(seconds)).toEqual({ mentor: 60 * 60, student: 58 * 60 });

    const profile = await t.http().get('/api/mentors/asha-rao');
    expect(profile.body).toMatchObject({ ratingSummary: { average: 5, count: 1 }, stats: { sessionsCompleted: 1, noShows: 0, averageRating: 5 } });

    expect(next).toMatchObject({ status: 'confirmed' });
    const startsIn = new Date(next!.startsAt).getTime() - now.getTime();
    expect(startsIn).toBeGreaterThanOrEqual(5 * MIN);
    expect(startsIn).toBeLessThan(6 * MIN);
    const meeting = await t.http().get(`/api/bookings/${next!.id}/meeting`).set(student);
    expect(meeting.status).toBe(200);
  });

  it('when the demo wallet is seeded, then asha@ has a released balance of more than ₹500 left, a bank account shown masked, and one processed ₹500 withdrawal with its UTR', async () => {
    const now = clock.now();
    await seedDemoWallet({ sessions: t.built.sessions, bookings: t.built.bookings, payouts: t.built.payouts }, t.origin, authSettings(t.config), createLogger('silent'), now);
    await t.settle();
    const asha = bearer(await loginAs(t, 'asha@example.com', DEMO_PASSWORD));
    const wallet = await t.http().get('/api/wallet').set(asha);
    expect(wallet.status).toBe(200);
    expect(wallet.body.withdrawnPaise).toBe(500_00);
    expect(wallet.body.availablePaise).toBeGreaterThanOrEqual(500_00);
    expect(wallet.body.lifetimeEarnedPaise).toBe(wallet.body.availablePaise + wallet.body.withdrawnPaise);
    expect((await t.http().get('/api/wallet/payout-method').set(asha)).body).toMatchObject({ type: 'bank', masked: 'XXXXXX6789', ifsc: 'HDFC0000001' });
    const withdrawals = await t.http().get('/api/wallet/withdrawals').set(asha);
    expect(withdrawals.body.items).toEqual([expect.objectContaining({ amountPaise: 500_00, status: 'processed', payoutId: expect.stringMatching(/^pout_/), utr: expect.any(String) })]);
  });
});
