import { clock, clockStartingAt, setClock } from './lib/clock.js';
import type { Logger } from './lib/logger.js';
import { signAccessToken, type AuthSettings } from './modules/auth/auth.service.js';
import { createSlot } from './modules/availability/availability.service.js';
import { createReview } from './modules/reviews/reviews.actions.js';
import { applyVideoEvent, getMeeting, runSettleSessions, saveNotes, type SessionsContext } from './modules/sessions/sessions.service.js';
import { findUserByEmail } from './modules/users/users.service.js';
import { eq } from 'drizzle-orm';
import type { BookingContext } from './modules/bookings/bookings.context.js';
import { confirmCompletion } from './modules/bookings/bookings.settlement.js';
import type { PayoutsContext } from './modules/payouts/payouts.context.js';
import { setPayoutMethod } from './modules/payouts/payouts.methods.js';
import { approveWithdrawal, requestWithdrawal, runProcessPayouts } from './modules/payouts/payouts.service.js';
import { withdrawals } from './modules/payouts/payouts.tables.js';
import { DEMO_PASSWORD } from './seed.js';

const MIN = 60_000;
const REVIEW = 'Asha ran a realistic mock interview and her feedback was specific and kind. Worth every rupee.';

type Person = { id: string; role: 'student' | 'mentor' };

/** Books a slot for the student through the real path — the booking API, the sandbox checkout, verification. */
async function bookAndPay(baseUrl: string, auth: AuthSettings, student: Person, slotId: string, topic: string, agenda: string): Promise<string> {
  const token = signAccessToken(auth, student);
  const call = async (path: string, body: unknown, bearer = true) => {
    const res = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as Record<string, never>;
  };
  const { booking, checkout } = (await call('/api/bookings', { slotId, topic, agenda })) as unknown as {
    booking: { id: string };
    checkout: { keyId: string; orderId: string };
  };
  const paid = await call('/sandbox/razorpay/v1/checkout/pay', { key_id: checkout.keyId, order_id: checkout.orderId, outcome: 'success', method: 'upi' }, false);
  await call('/api/payments/verify', paid);
  return booking.id;
}

/**
 * A session that already took place: an hour with Asha that ended two hours before start-up. It is booked and paid
 * through the real path with the process's clock standing a day earlier (so the booking obeys every rule a real one
 * does), both people were in the call (the video server's join and leave events), Asha wrote notes, it settled as
 * completed and Sam reviewed it. Its money is still in escrow, released 24 hours after it settled unless Sam confirms
 * it or reports a problem first.
 */
async function seedPastSession(
  sessions: SessionsContext,
  baseUrl: string,
  auth: AuthSettings,
  mentor: Person,
  student: Person,
  now: Date,
  past: { hoursAgo: number; title: string; review: string } = { hoursAgo: 3, title: 'Mock interview: arrays and hashing', review: REVIEW },
): Promise<string> {
  const startsAt = new Date(Math.floor((now.getTime() - past.hoursAgo * 60 * MIN) / (30 * MIN)) * 30 * MIN);
  const endsAt = new Date(startsAt.getTime() + 60 * MIN);
  const bookedAt = new Date(startsAt.getTime() - 24 * 60 * MIN);
  const previous = setClock(clockStartingAt(bookedAt));
  let bookingId: string;
  try {
    const slot = await createSlot(sessions.db, mentor.id, { startsAt, durationMinutes: 60, capacity: 1, title: past.title, pricePaise: 799_00 }, bookedAt);
    bookingId = await bookAndPay(baseUrl, auth, student, slot.id, 'Mock interview practice', 'Two array problems under interview conditions, then feedback.');
  } finally {
    setClock(previous);
  }
  const { roomName } = await getMeeting(sessions, student.id, bookingId, startsAt);
  for (const [person, joined] of [
    [mentor, 0],
    [student, 2],
  ] as const) {
    const event = (eventType: string, at: Date) => ({ idempotencyKey: `demo-${bookingId}-${person.id}-${eventType}`, eventType, fqn: roomName, timestamp: at.getTime(), data: { id: person.id } });
    await applyVideoEvent(sessions, event('PARTICIPANT_JOINED', new Date(startsAt.getTime() + joined * MIN)), startsAt);
    await applyVideoEvent(sessions, event('PARTICIPANT_LEFT', endsAt), endsAt);
  }
  await saveNotes(
    sessions,
    mentor.id,
    bookingId,
    'Good instincts on the two-pointer problem. Practise saying the complexity out loud before coding, and try "Longest substring without repeating characters" next.',
    new Date(startsAt.getTime() + 40 * MIN),
  );
  await runSettleSessions(sessions, now);
  await createReview(sessions.db, student.id, bookingId, { rating: 5, text: past.review, isPublic: true }, now);
  return bookingId;
}

/**
 * A demo's sessions, booked by student@example.com with asha@example.com: one that took place two hours before
 * start-up (completed, reviewed, its payment waiting for release), and Asha's 30-minute intro call starting five
 * minutes after start-up, so a newcomer can sign in and open the call at once. Runs once the server listens and
 * before its jobs start, only when demo data was just seeded and the payment sandbox is on.
 */
export async function seedDemoSessions(sessions: SessionsContext, baseUrl: string, auth: AuthSettings, logger: Logger, now = clock.now()): Promise<void> {
  const [mentorUser, studentUser] = await Promise.all([findUserByEmail(sessions.db, 'asha@example.com'), findUserByEmail(sessions.db, 'student@example.com')]);
  if (!mentorUser || !studentUser) return;
  const mentor: Person = { id: mentorUser.id, role: 'mentor' };
  const student: Person = { id: studentUser.id, role: 'student' };
  const pastId = await seedPastSession(sessions, baseUrl, auth, mentor, student, now);
  logger.info({ bookingId: pastId }, 'demo past session: completed and reviewed, its payment waiting for release');

  const startsAt = new Date(Math.ceil((now.getTime() + 5 * MIN) / MIN) * MIN);
  const slot = await createSlot(sessions.db, mentor.id, { startsAt, durationMinutes: 30, capacity: 1, title: 'Your first call: a 30-minute intro', pricePaise: 199_00 }, now);
  const bookingId = await bookAndPay(baseUrl, auth, student, slot.id, 'Getting started with Mentor Connect', 'Try the call, the timer and the notes.');
  logger.info({ bookingId, startsAt: startsAt.toISOString() }, 'demo session booked: student@example.com with asha@example.com');
}

/**
 * Asha's wallet in a demo: two sessions, three and two days back, that Sam confirmed (so their money is released), a
 * bank account as her payout method, and one ₹500 withdrawal approved by the admin and paid out by the sandbox's bank,
 * with its UTR — leaving more than ₹500 to withdraw. Runs after the sessions above, through the same services the web app uses.
 */
export async function seedDemoWallet(
  ctx: { sessions: SessionsContext; bookings: BookingContext; payouts: PayoutsContext },
  baseUrl: string,
  auth: AuthSettings,
  logger: Logger,
  now = clock.now(),
): Promise<void> {
  const [mentorUser, studentUser, adminUser] = await Promise.all(
    ['asha@example.com', 'student@example.com', 'admin@example.com'].map((email) => findUserByEmail(ctx.sessions.db, email)),
  );
  if (!mentorUser || !studentUser || !adminUser) return;
  const mentor: Person = { id: mentorUser.id, role: 'mentor' };
  const student: Person = { id: studentUser.id, role: 'student' };
  // Two earlier sessions Sam confirmed went well: their money is released, enough to withdraw from at once.
  for (const past of [
    { hoursAgo: 72, title: 'System design: a URL shortener', review: 'Clear structure, good questions, and a reading list I will actually use. Thank you, Asha!' },
    { hoursAgo: 48, title: 'Resume review for backend roles', review: 'Asha rewrote my project bullets with me line by line. Specific, honest and encouraging.' },
  ]) {
    const bookingId = await seedPastSession(ctx.sessions, baseUrl, auth, mentor, student, now, past);
    await confirmCompletion(ctx.bookings, student.id, bookingId, now);
  }
  await setPayoutMethod(ctx.payouts, mentor.id, { type: 'bank', holderName: 'Asha Rao', accountNumber: '50100123456789', accountNumberConfirm: '50100123456789', ifsc: 'HDFC0000001', password: DEMO_PASSWORD }, now);
  const withdrawal = await requestWithdrawal(ctx.payouts, mentor.id, 500_00, now);
  await approveWithdrawal(ctx.payouts, adminUser.id, withdrawal.id, now);
  // The approval also kicked the payout job: whichever pass takes the withdrawal sends it; wait for its payout id.
  let payoutId: string | null = null;
  for (let attempt = 0; attempt < 100 && !payoutId; attempt++) {
    await runProcessPayouts(ctx.payouts, now);
    [{ payoutId = null } = {}] = await ctx.payouts.db.select({ payoutId: withdrawals.payoutId }).from(withdrawals).where(eq(withdrawals.id, withdrawal.id));
    if (!payoutId) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (!payoutId) throw new Error('the demo payout was not sent');
  // The sandbox's bank processes it now rather than a few seconds later: the demo opens with the UTR in place.
  const res = await fetch(`${baseUrl}/sandbox/razorpay/v1/payouts/${payoutId}/simulate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ outcome: 'processed' }) });
  if (!res.ok) throw new Error(`the sandbox did not process the demo payout: ${res.status}`);
  logger.info({ withdrawalId: withdrawal.id }, 'demo wallet: a released session, a bank account and a processed ₹500 withdrawal for asha@example.com');
}
