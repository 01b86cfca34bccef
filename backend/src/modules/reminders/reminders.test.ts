import { inArray, like, or } from 'drizzle-orm';
import type { Email } from 'postal-mime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJobCommand } from '../../cli.js';
import { usingServerPostgres } from '../../db/test-database.js';
import { findJob, runJob, type JobServices } from '../../jobs/registry.js';
import { clock } from '../../lib/clock.js';
import { bearer, bookableMentor, bookAndPay, createGroupSlot, futureStart, paidSeat, type Account } from '../../test-support/bookings.js';
import { moveTo, restoreClockAfterEach, tokenAt } from '../../test-support/sessions.js';
import { startTestSmtp, type TestSmtp } from '../../test-support/smtp.js';
import { createAdmin, createTestApp, jobServicesOf, registerUser, type TestApp } from '../../test-support/test-app.js';
import { emailOutbox, notifications } from '../notifications/notifications.tables.js';
import { runSendReminders } from './reminders.service.js';
import { sessionReminders } from './reminders.tables.js';

/**
 * The send-reminders job (PRODUCT.md §6) through the registry, on a moved clock: sessions booked and paid through
 * the API and the sandbox, the job run at instants picked from their starts, the notifications and the outbox read
 * back, and the emails from a real SMTP server.
 */

const MIN = 60_000;
const HOUR = 60 * MIN;

let smtp: TestSmtp;
let t: TestApp;
let admin: { id: string; token: string };
let mentor: Awaited<ReturnType<typeof bookableMentor>>;
let student: Awaited<ReturnType<typeof registerUser>>;
let other: Awaited<ReturnType<typeof registerUser>>;

beforeAll(async () => {
  smtp = await startTestSmtp();
  t = await createTestApp({ SMTP_URL: smtp.url, PUBLIC_URL: 'https://mentor.example' });
  admin = await createAdmin(t);
  mentor = await bookableMentor(t, admin, { name: 'Meera Iyer' });
  student = await registerUser(t, { name: 'Sam Student' });
  other = await registerUser(t, { name: 'Olu Other' });
}, 120_000);
restoreClockAfterEach();
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

const job = findJob('send-reminders')!;
const services = (): JobServices => jobServicesOf(t);
/** The clock stands at `at` and the job runs there until nothing is due (as `npm run job -- send-reminders --now` does). */
async function remindAt(at: Date | number): Promise<number> {
  const now = new Date(at);
  moveTo(now);
  return runJob(job, services(), now);
}

const before = (startsAt: Date, ms: number) => new Date(startsAt.getTime() - ms);
type Told = { who: string; kind: string; type: string; title: string; body: string; actionUrl: string | null; dedupeKey: string };

/** The reminders told about `key` (`booking:<id>` or `slot:<id>`): in-app, as `<who>:<kind>@<start>` with the rows. */
async function told(key: string, names: Record<string, string>): Promise<Told[]> {
  const rows = await t.database.db.select().from(notifications).where(like(notifications.dedupeKey, `${key}:reminder:%`));
  return rows
    .map((r) => {
      const [, , , kind] = r.dedupeKey.split(':');
      return { who: names[r.userId] ?? r.userId, kind: kind!, type: r.type, title: r.title, body: r.body, actionUrl: r.actionUrl, dedupeKey: r.dedupeKey };
    })
    .sort((a, b) => (a.dedupeKey < b.dedupeKey ? -1 : 1));
}
const emailsAbout = async (key: string) => t.database.db.select().from(emailOutbox).where(like(emailOutbox.dedupeKey, `${key}:reminder:%`));
const summary = (rows: Told[]) => rows.map((r) => `${r.who}:${r.kind}`).sort();

const to = (m: Email) => (m.to ?? []).map((a) => ('address' in a ? a.address : '')).join(',');
async function deliveredTo(address: string, subjects: string[]): Promise<Email[]> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    await t.settle();
    const mine = smtp.received.filter((m) => to(m) === address && subjects.includes(m.subject ?? ''));
    if (subjects.every((s) => mine.some((m) => m.subject === s))) return mine;
    if (Date.now() > deadline) throw new Error(`missing emails to ${address}: ${subjects.join(' | ')}`);
    t.built.jobs.kick('deliver-outbox');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const takeSeat = (who: Account, slotId: string) => paidSeat(t, who, slotId);
const groupSlot = (owner: { accessToken: string }, startsAt: Date, title: string, durationMinutes = 60) => createGroupSlot(t, owner, startsAt, title, durationMinutes);

describe('send-reminders', () => {
  it('when the clock passes each moment (24 h, 15 min, the call opening), then the student and the mentor get each reminder once, in-app and by email, and more passes send nothing more', async () => {
    const startsAt = futureStart(30);
    const { booking } = await bookAndPay(t, student, mentor, startsAt);
    const key = `booking:${booking.id}`;
    const names = { [student.user.id]: 'student', [mentor.user.id]: 'mentor' };

    expect(await remindAt(before(startsAt, 24 * HOUR + MIN))).toBe(0);
    expect(await told(key, names)).toEqual([]);

    // One reminder of a 1-to-1 session tells both people.
    expect(await remindAt(before(startsAt, 24 * HOUR))).toBe(1);
    expect(summary(await told(key, names))).toEqual(['mentor:day_before', 'student:day_before']);
    expect(await remindAt(before(startsAt, 24 * HOUR))).toBe(0);
    expect(await remindAt(before(startsAt, 23.5 * HOUR))).toBe(0);

    expect(await remindAt(before(startsAt, 15 * MIN))).toBe(1);
    expect(await remindAt(before(startsAt, 14 * MIN))).toBe(0);
    expect(await remindAt(before(startsAt, 10 * MIN))).toBe(1);
    expect(await remindAt(before(startsAt, 10 * MIN))).toBe(0);
    expect(await remindAt(before(startsAt, MIN))).toBe(0);

    const rows = await told(key, names);
    expect(summary(rows)).toEqual(['mentor:day_before', 'mentor:soon', 'mentor:starting', 'student:day_before', 'student:soon', 'student:starting']);
    expect(new Set(rows.map((r) => r.dedupeKey)).size).toBe(6);
    const studentDayBefore = rows.find((r) => r.who === 'student' && r.kind === 'day_before')!;
    expect(studentDayBefore).toMatchObject({ type: 'session_reminder', title: `Reminder: session ${booking.code} starts in 24 hours`, actionUrl: `https://mentor.example/bookings/${booking.id}` });
    expect(studentDayBefore.body).toContain('Your session with Meera Iyer about “System design interview prep” starts in 24 hours:');
    expect(rows.find((r) => r.who === 'mentor' && r.kind === 'soon')!.body).toContain('Your session with Sam Student about “System design interview prep” starts in 15 minutes:');
    expect(rows.find((r) => r.who === 'mentor' && r.kind === 'starting')).toMatchObject({ type: 'session_starting', title: `Session ${booking.code} is starting: join now`, actionUrl: `https://mentor.example/bookings/${booking.id}/call` });
    // The dedupe key names the booking, the kind and the start.
    expect(studentDayBefore.dedupeKey).toBe(`booking:${booking.id}:reminder:day_before:${startsAt.toISOString()}:${student.user.id}`);

    const emails = await emailsAbout(key);
    expect(emails).toHaveLength(6);
    const subjects = [`Reminder: session ${booking.code} starts in 24 hours`, `Reminder: session ${booking.code} starts in 15 minutes`, `Session ${booking.code} is starting: join now`];
    const received = await deliveredTo(student.email, subjects);
    expect(received.map((m) => m.subject).sort()).toEqual([...subjects].sort());
    const starting = received.find((m) => m.subject === subjects[2])!;
    expect(starting.text).toContain('The call is open now.');
    expect(starting.text).toContain('Join the call: https://mentor.example/bookings/');
    expect(starting.text).toContain('"Session starting" emails are on');
    expect(starting.headers.find((h) => h.key === 'list-unsubscribe')?.value).toMatch(/^<https:\/\/mentor\.example\/api\/notifications\/unsubscribe\?token=/);
    expect((await deliveredTo(mentor.email, subjects)).map((m) => m.subject).sort()).toEqual([...subjects].sort());
  });

  it('when a booking is rescheduled after its 24-hour reminder, then it is reminded again for its new time — never for the old one, never twice for the new', async () => {
    const startsAt = futureStart(60);
    const { booking } = await bookAndPay(t, student, mentor, startsAt);
    const key = `booking:${booking.id}`;
    const names = { [student.user.id]: 'student', [mentor.user.id]: 'mentor' };
    await remindAt(before(startsAt, 24 * HOUR));
    expect(summary(await told(key, names))).toEqual(['mentor:day_before', 'student:day_before']);

    const newStart = futureStart(50);
    const moved = await t.http().post(`/api/bookings/${booking.id}/reschedule`).set(tokenAt(t, student.user.id)).send({ startsAt: newStart.toISOString() });
    expect(moved.status).toBe(200);
    expect(moved.body.startsAt).toBe(newStart.toISOString());

    await remindAt(before(startsAt, 15 * MIN));
    await remindAt(before(startsAt, 10 * MIN));
    expect(await told(key, names)).toHaveLength(2);

    await remindAt(before(newStart, 24 * HOUR));
    await remindAt(before(newStart, 24 * HOUR - 30 * MIN));
    await remindAt(before(newStart, 10 * MIN));
    await remindAt(before(newStart, 10 * MIN));
    const rows = await told(key, names);
    const at = (r: Told) => `${r.who}:${r.kind}@${r.dedupeKey.split(':reminder:')[1]!.split(':').slice(1, -1).join(':')}`;
    expect(rows.map(at).sort()).toEqual(
      [
        `mentor:day_before@${startsAt.toISOString()}`,
        `student:day_before@${startsAt.toISOString()}`,
        `mentor:day_before@${newStart.toISOString()}`,
        `student:day_before@${newStart.toISOString()}`,
        `mentor:starting@${newStart.toISOString()}`,
        `student:starting@${newStart.toISOString()}`,
      ].sort(),
    );
    expect(await emailsAbout(key)).toHaveLength(6);
  });

  it('when a booking was cancelled, then none of its reminders is sent', async () => {
    const startsAt = futureStart(90);
    const { booking } = await bookAndPay(t, other, mentor, startsAt);
    const cancelled = await t.http().post(`/api/bookings/${booking.id}/cancel`).set(bearer(other.accessToken)).send({ reason: 'Plans changed' });
    expect(cancelled.body.status).toBe('cancelled');
    for (const ahead of [24 * HOUR, 15 * MIN, 10 * MIN]) await remindAt(before(startsAt, ahead));
    expect(await told(`booking:${booking.id}`, {})).toEqual([]);
    expect(await emailsAbout(`booking:${booking.id}`)).toEqual([]);
  });

  it('when a reminder’s moment passed more than its late limit ago (booked 2 h ahead; the job down for an hour), then it is skipped and the next one still comes', async () => {
    const names = { [student.user.id]: 'student', [other.user.id]: 'other', [mentor.user.id]: 'mentor' };
    const soonStart = futureStart(2, { before: 6 });
    const { booking: late } = await bookAndPay(t, student, mentor, soonStart);
    const laterStart = futureStart(40);
    const { booking: missed } = await bookAndPay(t, other, mentor, laterStart);
    await remindAt(clock.now());
    expect(await told(`booking:${late.id}`, names)).toEqual([]);
    await remindAt(before(soonStart, 15 * MIN));
    expect(summary(await told(`booking:${late.id}`, names))).toEqual(['mentor:soon', 'student:soon']);

    // 61 minutes after the 24-hour moment: too late (the limit is an hour).
    await remindAt(before(laterStart, 24 * HOUR - 61 * MIN));
    expect(await told(`booking:${missed.id}`, names)).toEqual([]);
    // 59 minutes after it: still sent, and it says how long is left.
    await remindAt(before(laterStart, 24 * HOUR - 59 * MIN));
    const rows = await told(`booking:${missed.id}`, names);
    expect(summary(rows)).toEqual(['mentor:day_before', 'other:day_before']);
    expect(rows[0]!.title).toBe(`Reminder: session ${missed.code} starts in 23 hours`);
  });

  it('when students hold seats of a group session, then each student is reminded of their seat and the mentor once for the session', async () => {
    const startsAt = futureStart(100);
    const slotId = await groupSlot(mentor, startsAt, 'Group mock interview');
    const seats = [await takeSeat(student, slotId), await takeSeat(other, slotId)];
    const names = { [student.user.id]: 'student', [other.user.id]: 'other', [mentor.user.id]: 'mentor' };

    expect(await remindAt(before(startsAt, 24 * HOUR))).toBe(3);
    expect(summary(await told(`booking:${seats[0]}`, names))).toEqual(['student:day_before']);
    expect(summary(await told(`booking:${seats[1]}`, names))).toEqual(['other:day_before']);
    const forMentor = await told(`slot:${slotId}`, names);
    expect(summary(forMentor)).toEqual(['mentor:day_before']);
    expect(forMentor[0]!.title).toBe('Reminder: group session “Group mock interview” starts in 24 hours');
    expect(forMentor[0]!.body).toContain('(2 students have a seat)');

    await remindAt(before(startsAt, 10 * MIN));
    await remindAt(before(startsAt, 10 * MIN));
    expect(summary(await told(`slot:${slotId}`, names))).toEqual(['mentor:day_before', 'mentor:starting']);
    expect(summary(await told(`booking:${seats[1]}`, names))).toEqual(['other:day_before', 'other:starting']);
    expect(await emailsAbout(`slot:${slotId}`)).toHaveLength(2);
  });

  it('when the student switched reminder emails off and in-app “session starting” off, then each reminder comes only the way they kept', async () => {
    const pia = await registerUser(t, { name: 'Pia Prefers' });
    const set = await t
      .http()
      .put('/api/notifications/preferences')
      .set(bearer(pia.accessToken))
      .send({ preferences: [{ category: 'reminder', inApp: true, email: false }, { category: 'session_starting', inApp: false, email: true }] });
    expect(set.status).toBe(200);
    const startsAt = futureStart(110);
    const { booking } = await bookAndPay(t, pia, mentor, startsAt);
    const key = `booking:${booking.id}`;
    const names = { [pia.user.id]: 'pia', [mentor.user.id]: 'mentor' };
    await remindAt(before(startsAt, 24 * HOUR));
    await remindAt(before(startsAt, 10 * MIN));

    expect(summary(await told(key, names))).toEqual(['mentor:day_before', 'mentor:starting', 'pia:day_before']);
    const emails = (await emailsAbout(key)).map((e) => `${e.toAddress === pia.email ? 'pia' : 'mentor'}:${e.type}`).sort();
    expect(emails).toEqual(['mentor:session_reminder', 'mentor:session_starting', 'pia:session_starting']);
  });

  it('when `npm run job -- send-reminders --now` is run at a session’s 24-hour moment, then it sends that reminder and says how many it handled', async () => {
    const startsAt = futureStart(120);
    const { booking } = await bookAndPay(t, other, mentor, startsAt);
    const now = before(startsAt, 24 * HOUR);
    expect(await runJobCommand(['send-reminders', '--now', now.toISOString()], t.config, t.database)).toBe(`send-reminders: 1 handled (now = ${now.toISOString()})`);
    expect(summary(await told(`booking:${booking.id}`, { [other.user.id]: 'other', [mentor.user.id]: 'mentor' }))).toEqual(['mentor:day_before', 'other:day_before']);
    expect(await runJobCommand(['send-reminders', '--now', now.toISOString()], t.config, t.database)).toBe(`send-reminders: 0 handled (now = ${now.toISOString()})`);
  });
});

// Only a server PostgreSQL runs the passes truly at once; on PGlite they would queue and prove nothing.
describe.runIf(usingServerPostgres())('send-reminders passes at once (server PostgreSQL)', () => {
  it('when three passes run at once over sessions of several mentors and a group session, then each reminder is decided and told exactly once', async () => {
    const S = futureStart(150, { durationMinutes: 120 });
    const S30 = new Date(S.getTime() + 30 * MIN);
    const mentors = [await bookableMentor(t, admin, { name: 'Mentor A' }), await bookableMentor(t, admin, { name: 'Mentor B' }), await bookableMentor(t, admin, { name: 'Mentor C' })];
    const groupMentor = await bookableMentor(t, admin, { name: 'Mentor D' });
    const students = [];
    for (let i = 0; i < 6; i++) students.push(await registerUser(t, { name: `Racing Student ${i}` }));
    const expected: { eventKey: string; recipients: string[] }[] = [];
    for (const [m, mentorAccount] of mentors.entries()) {
      for (const [k, start] of [S, S30].entries()) {
        const who = students[m * 2 + k]!;
        const { booking } = await bookAndPay(t, who, mentorAccount, start, 30);
        expected.push({ eventKey: `booking:${booking.id}:reminder:day_before:${start.toISOString()}`, recipients: [who.user.id, mentorAccount.user.id] });
      }
    }
    const slotId = await groupSlot(groupMentor, S, 'Racing group', 30);
    for (const who of [students[1]!, students[3]!, students[5]!]) {
      const seat = await takeSeat(who, slotId);
      expected.push({ eventKey: `booking:${seat}:reminder:day_before:${S.toISOString()}`, recipients: [who.user.id] });
    }
    expected.push({ eventKey: `slot:${slotId}:reminder:day_before:${S.toISOString()}`, recipients: [groupMentor.user.id] });
    const dedupeKeys = expected.flatMap((e) => e.recipients.map((r) => `${e.eventKey}:${r}`)).sort();
    expect(dedupeKeys).toHaveLength(16);

    // Every session above starts inside (now + 23 h, now + 24 h]: all their 24-hour reminders are due at once.
    const now = new Date(S.getTime() + 59 * MIN - 24 * HOUR);
    moveTo(now);
    const passes = await Promise.all([1, 2, 3].map(() => runSendReminders(t.built.bookings, now, 3)));
    expect(passes.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(expected.length);

    const byKey = or(...expected.map((e) => like(notifications.dedupeKey, `${e.eventKey}:%`)));
    const told = await t.database.db.select({ dedupeKey: notifications.dedupeKey }).from(notifications).where(byKey);
    expect(told.map((r) => r.dedupeKey).sort()).toEqual(dedupeKeys);
    const queued = await t.database.db.select({ dedupeKey: emailOutbox.dedupeKey }).from(emailOutbox).where(or(...expected.map((e) => like(emailOutbox.dedupeKey, `${e.eventKey}:%`))));
    expect(queued.map((r) => r.dedupeKey).sort()).toEqual(dedupeKeys.map((k) => `${k}:email`));
    const decided = await t.database.db.select().from(sessionReminders).where(inArray(sessionReminders.eventKey, expected.map((e) => e.eventKey)));
    expect(decided).toHaveLength(expected.length);

    const again = await Promise.all([1, 2].map(() => runSendReminders(t.built.bookings, now)));
    expect(again).toEqual([0, 0]);
  }, 120_000);
});
