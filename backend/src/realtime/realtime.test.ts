import { randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bearer, bookableMentor, bookAndPay, futureStart } from '../test-support/bookings.js';
import { connected, connectSocket, nextEvent } from '../test-support/sockets.js';
import { createAdmin, createTestApp, registerUser, validApplication, type TestApp } from '../test-support/test-app.js';

let t: TestApp;
let admin: { id: string; token: string };
const sockets: Socket[] = [];

beforeAll(async () => {
  t = await createTestApp();
  admin = await createAdmin(t);
}, 60_000);
afterEach(() => {
  for (const s of sockets.splice(0)) s.disconnect();
});
afterAll(async () => {
  await t?.close();
});

async function bell(token: string): Promise<Socket> {
  const socket = connectSocket(t, '/notifications', token);
  sockets.push(socket);
  return connected(socket);
}

describe('live updates on /notifications', () => {
  it('when a booking is confirmed and then cancelled, then both people’s pages hear it at once and the mentor’s wallet is told to refresh', async () => {
    const mentor = await bookableMentor(t, admin, { name: 'Live Mentor' });
    const student = await registerUser(t, { name: 'Live Student' });
    const [m, s] = await Promise.all([bell(mentor.accessToken), bell(student.accessToken)]);
    const confirmedAtMentor = nextEvent<{ bookingId: string; status: string }>(m, 'booking:updated', (p) => p.status === 'confirmed');
    const confirmedAtStudent = nextEvent<{ bookingId: string; status: string }>(s, 'booking:updated', (p) => p.status === 'confirmed');
    const wallet = nextEvent<{ reason: string; bookingId: string }>(m, 'wallet:updated');
    const bellAtMentor = nextEvent<{ notification: { type: string; title: string }; unread: number }>(m, 'notification:new', (p) => p.notification.type === 'booking_confirmed');
    const { booking } = await bookAndPay(t, student, mentor, futureStart(40));
    // The bell: the notification as the list shows it, and the count of unread ones, without asking.
    const rung = await bellAtMentor;
    const listed = await t.http().get('/api/notifications').set(bearer(mentor.accessToken));
    expect(rung.notification).toEqual(listed.body.items.find((n: { type: string }) => n.type === 'booking_confirmed'));
    expect(rung.unread).toBe(listed.body.unreadCount);
    expect(await confirmedAtMentor).toEqual({ bookingId: booking.id, status: 'confirmed', settlement: 'held', reason: 'booking.confirmed' });
    expect((await confirmedAtStudent).bookingId).toBe(booking.id);
    expect(await wallet).toEqual({ reason: 'booking.confirmed', bookingId: booking.id });

    const cancelled = nextEvent<{ bookingId: string; status: string }>(m, 'booking:updated', (p) => p.status === 'cancelled');
    const res = await t.http().post(`/api/bookings/${booking.id}/cancel`).set(bearer(student.accessToken)).send({ reason: 'Plans changed' });
    expect(res.status).toBe(200);
    expect(await cancelled).toMatchObject({ bookingId: booking.id, status: 'cancelled', reason: 'booking.cancelled' });
  });

  it('when a withdrawal moves, then the mentor’s wallet and every admin’s queue hear it; nobody else does', async () => {
    const mentor = await bookableMentor(t, admin, { name: 'Withdrawing Mentor' });
    const student = await registerUser(t, { name: 'Paying Student' });
    const { booking } = await bookAndPay(t, student, mentor, futureStart(50));
    await t.settle();
    // The session's money reaches the wallet (escrow released), so there is something to withdraw.
    const { releaseEscrow } = await import('../modules/bookings/bookings.payments.js');
    expect(await releaseEscrow(t.built.bookings, booking.id)).toBe(true);
    const set = await t
      .http()
      .put('/api/wallet/payout-method')
      .set(bearer(mentor.accessToken))
      .send({ type: 'upi', vpa: 'live.mentor@okhdfcbank', password: mentor.password });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    const [m, a, s] = await Promise.all([bell(mentor.accessToken), bell(admin.token), bell(student.accessToken)]);
    const heardByStudent: unknown[] = [];
    s.on('wallet:updated', (p: unknown) => heardByStudent.push(p));
    s.on('admin:queues', (p: unknown) => heardByStudent.push(p));
    const atMentor = nextEvent<{ status: string }>(m, 'wallet:updated', (p) => p.status === 'requested');
    const atAdmin = nextEvent<{ queue: string; status: string }>(a, 'admin:queues', (p) => p.status === 'requested');
    const req = await t.http().post('/api/wallet/withdrawals').set(bearer(mentor.accessToken)).set('Idempotency-Key', randomUUID()).send({ amountPaise: 50_000 });
    expect(req.status, JSON.stringify(req.body)).toBe(201);
    expect(await atMentor).toMatchObject({ reason: 'withdrawal.updated', withdrawalId: req.body.id, status: 'requested' });
    expect(await atAdmin).toMatchObject({ queue: 'withdrawals', withdrawalId: req.body.id });
    // Then an event of the student's own: one socket hears in order, so whatever of the mentor's it had been told
    // would have come before it. Nothing had.
    const mine = nextEvent(s, 'booking:updated', (p: { status: string }) => p.status === 'confirmed');
    await bookAndPay(t, student, mentor, futureStart(70));
    await mine;
    expect(heardByStudent).toEqual([]);
  });

  it('when an application is submitted and decided, then every admin’s page hears all the queue counts, the same as GET /api/admin/queues; others may not read them', async () => {
    const counts = async () => (await t.http().get('/api/admin/queues').set(bearer(admin.token))).body as Record<string, number>;
    const start = await counts();
    expect(Object.keys(start).sort()).toEqual(['applications', 'disputes', 'reviews', 'withdrawals']);
    const applicant = await registerUser(t, { name: 'Queue Applicant' });
    expect((await t.http().get('/api/admin/queues').set(bearer(applicant.accessToken))).status).toBe(403);

    const a = await bell(admin.token);
    const submitted = nextEvent<{ queue: string; counts: Record<string, number> }>(a, 'admin:queues', (p) => p.queue === 'applications');
    const applied = await t.http().post('/api/mentors/applications').set(bearer(applicant.accessToken)).send(validApplication());
    expect(applied.status).toBe(201);
    const heard = await submitted;
    expect(heard.counts).toEqual({ ...start, applications: start.applications! + 1 });
    expect(await counts()).toEqual(heard.counts);

    const decided = nextEvent<{ queue: string; counts: Record<string, number> }>(a, 'admin:queues', (p) => p.queue === 'applications');
    expect((await t.http().post(`/api/admin/mentor-applications/${applied.body.id}/reject`).set(bearer(admin.token)).send({ reason: 'Please add more detail about your experience' })).status).toBe(200);
    expect((await decided).counts.applications).toBe(start.applications);
  });
});
