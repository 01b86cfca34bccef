import { approvedMentor, type TestApp } from './test-app.js';
import { clock } from '../lib/clock.js';

export type Account = { accessToken: string; user: { id: string } };
export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** An approved mentor open every day, all day (UTC), bookable from now on for 90 days. */
export async function bookableMentor(t: TestApp, admin: { token: string }, options: { name?: string; settings?: Record<string, unknown> } = {}) {
  const mentor = await approvedMentor(t, admin, { name: options.name ?? 'Booked Mentor' });
  const res = await t
    .http()
    .put('/api/mentors/me/availability')
    .set(bearer(mentor.accessToken))
    .send({
      settings: {
        timeZone: 'UTC',
        sessionLengths: [30, 60],
        bufferBeforeMinutes: 0,
        bufferAfterMinutes: 0,
        minNoticeMinutes: 0,
        horizonDays: 90,
        slotIntervalMinutes: 30,
        dailyLimit: null,
        weeklyLimit: null,
        ...options.settings,
      },
      weekly: [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, startMinute: 0, endMinute: 1440 })),
    });
  if (res.status !== 200) throw new Error(`availability failed: ${JSON.stringify(res.body)}`);
  return mentor;
}

const taken: number[] = [];
/**
 * A half-hour start about `hoursAhead` from now that no earlier call in this test file returned (nor anything
 * within 90 minutes of one), so bookings of one test never collide with another's. The mentor's hours are per day
 * (00:00–24:00 UTC), so a session of `durationMinutes` never runs past midnight. A test about a window of time
 * says where the start must fall with `before` (hours from now): if no start fits, it throws instead of quietly
 * testing another case — which is what happened when an under-4-hours booking was pushed past midnight at 20:40.
 */
export function futureStart(hoursAhead: number, options: { durationMinutes?: number; before?: number } = {}): Date {
  const now = clock.now().getTime();
  const durationMs = (options.durationMinutes ?? 60) * 60_000;
  let start = Math.ceil((now + hoursAhead * HOUR) / 1_800_000) * 1_800_000;
  const pastMidnight = (ms: number) => (ms % DAY) + durationMs >= DAY;
  while (pastMidnight(start) || taken.some((t) => Math.abs(t - start) < 1.5 * HOUR)) start += 1_800_000;
  if (options.before !== undefined && start + 60_000 > now + options.before * HOUR) {
    throw new Error(`no free start between ${hoursAhead} h and ${options.before} h from ${new Date(now).toISOString()}`);
  }
  taken.push(start);
  return new Date(start);
}

export interface CheckoutResult {
  razorpay_payment_id: string;
  razorpay_order_id: string;
  razorpay_signature: string;
}

/** What the sandbox checkout page does when the student pays (or fails to). */
export async function payInSandbox(t: TestApp, checkout: { keyId: string; orderId: string }, outcome: 'success' | 'failure' = 'success') {
  const res = await fetch(`${t.origin}/sandbox/razorpay/v1/checkout/pay`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ key_id: checkout.keyId, order_id: checkout.orderId, outcome, method: 'upi' }),
  });
  return { status: res.status, body: (await res.json()) as CheckoutResult & { error?: { code: string; description: string } } };
}

export async function createBooking(t: TestApp, student: Account, body: Record<string, unknown>) {
  return t.http().post('/api/bookings').set(bearer(student.accessToken)).send({ topic: 'System design interview prep', agenda: 'Walk through a URL shortener', ...body });
}

/** Books a mentor's time, pays in the sandbox and verifies, as the web app does. Returns the confirmed booking. */
export async function bookAndPay(t: TestApp, student: Account, mentor: { slug: string }, startsAt: Date, durationMinutes = 60) {
  const created = await createBooking(t, student, { mentorSlug: mentor.slug, startsAt: startsAt.toISOString(), durationMinutes });
  if (created.status !== 201) throw new Error(`booking failed: ${created.status} ${JSON.stringify(created.body)}`);
  const paid = await payInSandbox(t, created.body.checkout);
  if (paid.status !== 200) throw new Error(`payment failed: ${JSON.stringify(paid.body)}`);
  const verified = await t.http().post('/api/payments/verify').set(bearer(student.accessToken)).send(paid.body);
  if (verified.status !== 200) throw new Error(`verify failed: ${verified.status} ${JSON.stringify(verified.body)}`);
  return { booking: verified.body as { id: string; code: string; status: string; pricePaise: number; [k: string]: unknown }, checkout: created.body.checkout, payment: paid.body };
}

/** A group slot of `owner`'s (3 seats, ₹500), as the mentor's calendar makes one; returns its id. */
export async function createGroupSlot(t: TestApp, owner: { accessToken: string }, startsAt: Date, title: string, durationMinutes = 60): Promise<string> {
  const res = await t.http().post('/api/mentors/me/slots').set(bearer(owner.accessToken)).send({ startsAt: startsAt.toISOString(), durationMinutes, capacity: 3, title, pricePaise: 50_000 });
  if (res.status !== 201) throw new Error(`slot failed: ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

/** A paid seat of a group slot, as the web app takes one; returns the seat's booking id. */
export async function paidSeat(t: TestApp, who: Account, slotId: string): Promise<string> {
  const created = await createBooking(t, who, { slotId });
  if (created.status !== 201) throw new Error(`seat failed: ${JSON.stringify(created.body)}`);
  const paid = await payInSandbox(t, created.body.checkout);
  const verified = await t.http().post('/api/payments/verify').set(bearer(who.accessToken)).send(paid.body);
  if (verified.body.status !== 'confirmed') throw new Error(`verify failed: ${JSON.stringify(verified.body)}`);
  return verified.body.id as string;
}
