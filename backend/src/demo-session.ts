import type { Db } from './db/client.js';
import { clock } from './lib/clock.js';
import type { Logger } from './lib/logger.js';
import { signAccessToken, type AuthSettings } from './modules/auth/auth.service.js';
import { createSlot } from './modules/availability/availability.service.js';
import { findUserByEmail } from './modules/users/users.service.js';

/**
 * A demo's first session: Asha's 30-minute intro call, starting five minutes after start-up, booked and paid by
 * student@example.com through the real path — the booking API, the sandbox checkout, verification — so a newcomer
 * can sign in and open the call at once. Runs once the server listens, only when demo data was just seeded and the
 * payment sandbox is on.
 */
export async function seedDemoSession(db: Db, baseUrl: string, auth: AuthSettings, logger: Logger, now = clock.now()): Promise<void> {
  const [mentor, student] = await Promise.all([findUserByEmail(db, 'asha@example.com'), findUserByEmail(db, 'student@example.com')]);
  if (!mentor || !student) return;
  const startsAt = new Date(Math.ceil((now.getTime() + 5 * 60_000) / 60_000) * 60_000);
  const slot = await createSlot(db, mentor.id, { startsAt, durationMinutes: 30, capacity: 1, title: 'Your first call: a 30-minute intro', pricePaise: 199_00 }, now);
  const token = signAccessToken(auth, { id: student.id, role: 'student' });
  const call = async (path: string, body: unknown, bearer = true) => {
    const res = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as Record<string, never>;
  };
  const { booking, checkout } = (await call('/api/bookings', { slotId: slot.id, topic: 'Getting started with Mentor Connect', agenda: 'Try the call, the timer and the notes.' })) as unknown as {
    booking: { id: string };
    checkout: { keyId: string; orderId: string };
  };
  const paid = await call('/sandbox/razorpay/v1/checkout/pay', { key_id: checkout.keyId, order_id: checkout.orderId, outcome: 'success', method: 'upi' }, false);
  await call('/api/payments/verify', paid);
  logger.info({ bookingId: booking.id, startsAt: startsAt.toISOString() }, 'demo session booked: student@example.com with asha@example.com');
}
