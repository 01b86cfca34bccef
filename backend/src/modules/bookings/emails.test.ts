import type { Email } from 'postal-mime';
import ical, { type VEvent } from 'node-ical';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatInr } from '../../lib/money.js';
import { bearer, bookableMentor, bookAndPay, futureStart, type Account } from '../../test-support/bookings.js';
import { startTestSmtp, type TestSmtp } from '../../test-support/smtp.js';
import { createAdmin, createTestApp, registerUser, type TestApp } from '../../test-support/test-app.js';
import { runDeliverOutbox } from '../notifications/notifications.service.js';
import { runProcessRefunds } from '../payments/payments.refunds.js';
import { runReconcilePendingPayments } from '../payments/payments.service.js';
import { clock } from '../../lib/clock.js';

/**
 * The booking emails as people receive them: a real SMTP server in the test, every message parsed as MIME
 * (postal-mime) and the calendar invite read back by a real iCalendar parser (node-ical).
 */

let smtp: TestSmtp;
let t: TestApp;
let mentor: Awaited<ReturnType<typeof bookableMentor>>;
let student: Account & { email: string };

const HOUR = 3_600_000;

beforeAll(async () => {
  smtp = await startTestSmtp();
  t = await createTestApp({ SMTP_URL: smtp.url, PUBLIC_URL: 'https://mentor.example' });
  const admin = await createAdmin(t);
  mentor = await bookableMentor(t, admin, { name: 'Meera Iyer' });
  student = await registerUser(t, { name: 'Sam Student' });
}, 120_000);

afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

const to = (m: Email) => (m.to ?? []).map((a) => ('address' in a ? a.address : '')).join(',');
const mailsFor = (address: string, subject: string) => smtp.received.filter((m) => to(m) === address && m.subject === subject);
const decode = (content: ArrayBuffer | Uint8Array | string) => (typeof content === 'string' ? content : Buffer.from(content instanceof Uint8Array ? content : new Uint8Array(content)).toString('utf8'));

/** Lets background work finish and the outbox send (as its 15-second schedule would), until `done` holds or time runs out. */
async function until(done: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await t.settle();
    if (done()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; received: ${smtp.received.map((m) => `${to(m)} · ${m.subject}`).join(' | ')}`);
    t.built.jobs.kick('deliver-outbox');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('booking emails over SMTP', () => {
  let booking: { id: string; code: string; startsAt: string; endsAt: string; pricePaise: number };

  it('when a student books and pays, then both get a confirmation; the student’s carries an .ics invite that a calendar reads back exactly', async () => {
    const paid = await bookAndPay(t, student, mentor, futureStart(72));
    booking = paid.booking as unknown as typeof booking;
    expect(booking).toMatchObject({ status: 'confirmed' });
    const studentSubject = `Booking ${booking.code} confirmed`;
    const mentorSubject = `New booking ${booking.code}`;
    await until(() => mailsFor(student.email, studentSubject).length > 0 && mailsFor(mentor.email, mentorSubject).length > 0, 'the confirmation emails');

    const [toStudent] = mailsFor(student.email, studentSubject);
    expect(toStudent!.text).toContain(`Your session ${booking.code} with Meera Iyer is confirmed.`);
    expect(toStudent!.text).toContain(`Paid: ${formatInr(booking.pricePaise)}`);
    // The split is the mentor's business, not the student's.
    expect(toStudent!.text).not.toContain('commission');
    expect(toStudent!.html).toContain(`https://mentor.example/bookings/${booking.id}`);

    const invites = toStudent!.attachments.filter((a) => a.filename === `${booking.code}.ics`);
    expect(invites).toHaveLength(1);
    expect(invites[0]!.mimeType).toBe('text/calendar');
    const calendar = ical.sync.parseICS(decode(invites[0]!.content));
    const events = Object.values(calendar).filter((c): c is VEvent => (c as { type?: string } | undefined)?.type === 'VEVENT');
    expect(events).toHaveLength(1);
    const event = events[0]!;
    expect(event.uid).toBe(`${booking.id}@mentor-connect`);
    expect(new Date(event.start).toISOString()).toBe(booking.startsAt);
    expect(new Date(event.end!).toISOString()).toBe(booking.endsAt);
    expect(String(event.summary)).toContain(booking.code);
    expect(event.status).toBe('CONFIRMED');

    // The mentor's shows the breakdown, to the paisa, exactly as the booking does.
    const [toMentor] = mailsFor(mentor.email, mentorSubject);
    const asMentor = await t.http().get(`/api/bookings/${booking.id}`).set(bearer(mentor.accessToken));
    const b = asMentor.body.breakdown as { pricePaise: number; commissionPaise: number; gatewayFeePaise: number; mentorSharePaise: number };
    expect(b.commissionPaise + b.gatewayFeePaise + b.mentorSharePaise).toBe(b.pricePaise);
    expect(toMentor!.text).toContain(`Your session ${booking.code} with Sam Student is confirmed.`);
    expect(toMentor!.text).toContain(`Price: ${formatInr(b.pricePaise)}`);
    expect(toMentor!.text).toContain(`Platform commission: - ${formatInr(b.commissionPaise)}`);
    expect(toMentor!.text).toContain(`Gateway fee (incl. GST): - ${formatInr(b.gatewayFeePaise)}`);
    expect(toMentor!.text).toContain(`Your share: ${formatInr(b.mentorSharePaise)}`);
    expect(toMentor!.html).toContain(formatInr(b.mentorSharePaise));
    // Default rates on ₹1,800: ₹360 commission, ₹42.48 fee, ₹1,397.52 share.
    expect([formatInr(b.commissionPaise), formatInr(b.gatewayFeePaise), formatInr(b.mentorSharePaise)]).toEqual(['₹360', '₹42.48', '₹1,397.52']);
    expect(toMentor!.attachments.map((a) => a.filename)).toContain(`${booking.code}.ics`);
  }, 60_000);

  it('when the student cancels more than 24 h ahead, then both get a cancellation email, and the student a “refund processed” one once the gateway processes it', async () => {
    const res = await t.http().post(`/api/bookings/${booking.id}/cancel`).set(bearer(student.accessToken)).send({ reason: 'Exam moved' });
    expect(res.body).toMatchObject({ status: 'cancelled', settlement: { status: 'refunded' }, refund: { amountPaise: booking.pricePaise } });
    const subject = `Booking ${booking.code} cancelled`;
    const refundSubject = `Refund of ${formatInr(booking.pricePaise)} processed`;
    await until(() => mailsFor(student.email, subject).length > 0 && mailsFor(mentor.email, subject).length > 0, 'the cancellation emails');
    expect(mailsFor(student.email, subject)[0]!.text).toContain(`You cancelled the session ${booking.code}`);
    expect(mailsFor(student.email, subject)[0]!.text).toContain(`${formatInr(booking.pricePaise)} is being refunded to the original payment method.`);
    expect(mailsFor(mentor.email, subject)[0]!.text).toContain(`Sam Student cancelled the session ${booking.code}`);
    expect(mailsFor(mentor.email, subject)[0]!.text).not.toContain('refunded');
    // Both get the cancellation of the invite they were sent: same event, a later sequence, so calendars drop it.
    for (const mail of [mailsFor(student.email, subject)[0]!, mailsFor(mentor.email, subject)[0]!]) {
      const [cancelInvite] = mail.attachments.filter((a) => a.filename === `${booking.code}.ics`);
      const text = decode(cancelInvite!.content);
      expect(text).toContain('METHOD:CANCEL');
      const [event] = Object.values(ical.sync.parseICS(text)).filter((c): c is VEvent => (c as { type?: string } | undefined)?.type === 'VEVENT');
      expect(event).toMatchObject({ uid: `${booking.id}@mentor-connect`, status: 'CANCELLED', sequence: 1 });
      expect(new Date(event!.start).toISOString()).toBe(booking.startsAt);
    }

    await runProcessRefunds(t.built.payments);
    await until(() => mailsFor(student.email, refundSubject).length > 0, 'the refund email');
    const [refundMail] = mailsFor(student.email, refundSubject);
    expect(refundMail!.text).toContain(`Your refund of ${formatInr(booking.pricePaise)} for booking ${booking.code} has been processed.`);
    expect(mailsFor(mentor.email, refundSubject)).toHaveLength(0);
  }, 60_000);

  it('when the mentor cancels, then the student is told the mentor cancelled and gets everything back', async () => {
    const { booking: other } = await bookAndPay(t, student, mentor, futureStart(12));
    const res = await t.http().post(`/api/bookings/${other.id}/cancel`).set(bearer(mentor.accessToken)).send({ reason: 'Unwell' });
    expect(res.body).toMatchObject({ status: 'cancelled', settlement: { status: 'refunded' }, refund: { percent: 100 } });
    const subject = `Booking ${other.code} cancelled`;
    await until(() => mailsFor(student.email, subject).length > 0 && mailsFor(mentor.email, subject).length > 0, 'the cancellation emails');
    expect(mailsFor(student.email, subject)[0]!.text).toContain(`Meera Iyer cancelled the session ${other.code}`);
    expect(mailsFor(student.email, subject)[0]!.text).toContain(`${formatInr(other.pricePaise)} is being refunded`);
    expect(mailsFor(mentor.email, subject)[0]!.text).toContain(`You cancelled the session ${other.code}`);
    await until(() => mailsFor(student.email, `Refund of ${formatInr(other.pricePaise)} processed`).length > 0, 'the refund email');
  }, 60_000);

  it('when the outbox runs twice more and the confirmations are replayed (verify again, reconciliation), then each event still reached each person exactly once', async () => {
    const { booking: third, payment } = await bookAndPay(t, student, mentor, futureStart(120));
    await until(() => mailsFor(student.email, `Booking ${third.code} confirmed`).length > 0, 'the confirmation');
    // Replays of the same business events: the browser verifies again, reconciliation looks at every order.
    expect((await t.http().post('/api/payments/verify').set(bearer(student.accessToken)).send(payment)).status).toBe(200);
    await runReconcilePendingPayments(t.built.payments, new Date(clock.now().getTime() + 3 * HOUR));
    await runProcessRefunds(t.built.payments, new Date(clock.now().getTime() + 3 * HOUR));
    await t.settle();
    expect(await runDeliverOutbox(t.built.notifications)).toBe(0);
    expect(await runDeliverOutbox(t.built.notifications, new Date(clock.now().getTime() + 24 * HOUR))).toBe(0);
    await until(() => true, 'nothing');
    await new Promise((resolve) => setTimeout(resolve, 300));

    const bookingMail = smtp.received.filter((m) => /MC-\d{8}-[2-9A-HJKMNP-Z]{4}|Refund of/.test(m.subject ?? ''));
    // One event per person: the recipient, the subject and the booking it is about (refund subjects carry no code).
    const seen = new Map<string, number>();
    for (const m of bookingMail) {
      const key = `${to(m)} · ${m.subject} · ${/MC-\d{8}-[2-9A-HJKMNP-Z]{4}/.exec(`${m.subject} ${m.text}`)?.[0]}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    expect([...seen.values()].every((n) => n === 1), JSON.stringify([...seen.entries()], null, 1)).toBe(true);
    // 3 bookings × 2 confirmations, 2 × 2 cancellations, 2 refund emails.
    expect(bookingMail).toHaveLength(3 * 2 + 2 * 2 + 2);
    expect(mailsFor(student.email, `Booking ${third.code} confirmed`)).toHaveLength(1);
    expect(mailsFor(mentor.email, `New booking ${third.code}`)).toHaveLength(1);
  }, 60_000);
});
