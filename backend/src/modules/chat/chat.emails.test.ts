import { and, eq, like } from 'drizzle-orm';
import type { Email } from 'postal-mime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJobCommand } from '../../cli.js';
import { usingServerPostgres } from '../../db/test-database.js';
import { findJob, runJob, type JobServices } from '../../jobs/registry.js';
import { clock } from '../../lib/clock.js';
import { bookableMentor, type Account } from '../../test-support/bookings.js';
import { moveTo, restoreClockAfterEach, tokenAt } from '../../test-support/sessions.js';
import { startTestSmtp, type TestSmtp } from '../../test-support/smtp.js';
import { createAdmin, createTestApp, jobServicesOf, registerUser, type TestApp } from '../../test-support/test-app.js';
import { emailOutbox, notifications } from '../notifications/notifications.tables.js';
import { MESSAGE_EMAIL_DELAY_MS, previewOf, runSendMessageEmails } from './chat.emails.js';

/**
 * The send-message-emails job (PRODUCT.md §10) on a moved clock: messages sent through the API, the job run at
 * instants picked from when they were sent, the notices and the outbox read back, the emails from a real SMTP server.
 */

const MIN = 60_000;
const DAY = 24 * 60 * MIN;

let smtp: TestSmtp;
let t: TestApp;
let mentor: Awaited<ReturnType<typeof bookableMentor>>;

beforeAll(async () => {
  smtp = await startTestSmtp();
  t = await createTestApp({ SMTP_URL: smtp.url, PUBLIC_URL: 'https://mentor.example' });
  const admin = await createAdmin(t);
  mentor = await bookableMentor(t, admin, { name: 'Meera Iyer' });
}, 120_000);
restoreClockAfterEach();
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

const job = findJob('send-message-emails')!;
const services = (): JobServices => jobServicesOf(t);

/** Each test starts a day after the last one's instants, so no two tests' messages are due at the same time. */
let base = clock.now().getTime();
const nextBase = () => (base += 2 * DAY);

async function runAt(at: number): Promise<number> {
  moveTo(new Date(at));
  return runJob(job, services(), new Date(at));
}

type Who = Account & { email: string };
const as = (who: Who, role: 'student' | 'mentor' = 'student') => tokenAt(t, who.user.id, role);

async function openWith(student: Who): Promise<string> {
  const res = await t.http().post('/api/conversations').set(as(student)).send({ mentorSlug: mentor.slug });
  expect([200, 201]).toContain(res.status);
  return res.body.id as string;
}

async function send(at: number, from: Who, conversationId: string, text: string, role: 'student' | 'mentor' = 'student'): Promise<string> {
  moveTo(new Date(at));
  const res = await t.http().post(`/api/conversations/${conversationId}/messages`).set(as(from, role)).send({ clientId: `c${at}${Math.random().toString(36).slice(2, 8)}`, text });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

const toldAbout = (conversationId: string, userId: string) =>
  t.database.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.type, 'new_message'), like(notifications.dedupeKey, `conversation:${conversationId}:%`)))
    .orderBy(notifications.createdAt);
const queuedAbout = (conversationId: string) => t.database.db.select().from(emailOutbox).where(like(emailOutbox.dedupeKey, `conversation:${conversationId}:%`));

const to = (m: Email) => (m.to ?? []).map((a) => ('address' in a ? a.address : '')).join(',');
async function deliveredTo(address: string, subject: string): Promise<Email> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const found = smtp.received.find((m) => to(m) === address && m.subject === subject);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no email to ${address}: ${subject}`);
    t.built.jobs.kick('deliver-outbox');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('send-message-emails', () => {
  it('when messages stay unread past 5 minutes, then the reader is told once (in-app and email, with an inert preview); more messages tell nothing until they have read; the next burst tells again', async () => {
    const student = await registerUser(t, { name: 'Sam Student' });
    const id = await openWith(student);
    const t0 = nextBase();
    await send(t0, student, id, 'Hi! Could you look at my **design**?\n```ts\nconst x = 1;\n```');
    await send(t0 + MIN, student, id, 'Also <script>alert("x")</script> & <b>this</b>');

    // Five minutes after the first unread message, not before.
    expect(await runAt(t0 + MESSAGE_EMAIL_DELAY_MS - 1000)).toBe(0);
    expect(await toldAbout(id, mentor.user.id)).toEqual([]);
    await runAt(t0 + MESSAGE_EMAIL_DELAY_MS);
    const first = await toldAbout(id, mentor.user.id);
    expect(first.map((n) => [n.title, n.body, n.actionUrl])).toEqual([['2 new messages from Sam Student', 'Also <script>alert("x")</script> & <b>this</b>', `https://mentor.example/messages/${id}`]]);
    expect(await toldAbout(id, student.user.id)).toEqual([]);

    const email = await deliveredTo(mentor.email, '2 new messages from Sam Student');
    expect(email.html).toContain('Also &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;this&lt;/b&gt;');
    expect(email.html).not.toContain('<script>');
    expect(email.text).toContain('You have 2 new messages from Sam Student on Mentor Connect');
    expect(email.headers.find((h) => h.key === 'list-unsubscribe')?.value).toMatch(/^<https:\/\/mentor\.example\/.+>$/);

    // The same burst goes on: nothing more, however long it stays unread.
    const third = await send(t0 + 7 * MIN, student, id, 'Are you there?');
    expect(await runAt(t0 + 20 * MIN)).toBe(0);
    expect(await runJobCommand(['send-message-emails', '--now', new Date(t0 + 40 * MIN).toISOString()], t.config, t.database)).toBe(
      `send-message-emails: 0 handled (now = ${new Date(t0 + 40 * MIN).toISOString()})`,
    );
    expect(await toldAbout(id, mentor.user.id)).toHaveLength(1);

    // The mentor reads; a new message a while later is a new burst, told once after its own 5 minutes.
    moveTo(new Date(t0 + 41 * MIN));
    expect((await t.http().post(`/api/conversations/${id}/read`).set(as(mentor, 'mentor')).send({ messageId: third })).status).toBe(200);
    await send(t0 + 42 * MIN, student, id, 'Thanks for reading!');
    expect(await runAt(t0 + 46 * MIN)).toBe(0);
    await runAt(t0 + 47 * MIN);
    const told = await toldAbout(id, mentor.user.id);
    expect(told.map((n) => n.title)).toEqual(['2 new messages from Sam Student', 'New message from Sam Student']);
    expect(told[1]!.body).toBe('Thanks for reading!');
    await deliveredTo(mentor.email, 'New message from Sam Student');
    expect(await queuedAbout(id)).toHaveLength(2);
  });

  it('when a message is read within the 5 minutes, then nobody is told', async () => {
    const student = await registerUser(t, { name: 'Quick Reader' });
    const id = await openWith(student);
    const t0 = nextBase();
    const sent = await send(t0, mentor, id, 'Here are the notes from today.', 'mentor');
    moveTo(new Date(t0 + 2 * MIN));
    expect((await t.http().post(`/api/conversations/${id}/read`).set(as(student)).send({ messageId: sent })).status).toBe(200);
    await runAt(t0 + 10 * MIN);
    expect(await toldAbout(id, student.user.id)).toEqual([]);
    expect(await queuedAbout(id)).toEqual([]);
  });

  it('when the mentor muted the conversation, then they are not told; one who switched off new-message emails gets the in-app notice only', async () => {
    const muting = await registerUser(t, { name: 'Muted Student' });
    const muted = await openWith(muting);
    moveTo(new Date(nextBase()));
    expect((await t.http().patch(`/api/conversations/${muted}`).set(as(mentor, 'mentor')).send({ muted: true })).status).toBe(200);
    const t0 = base;
    await send(t0, muting, muted, 'Hello?');

    const quiet = await registerUser(t, { name: 'No Email Student' });
    const quietId = await openWith(quiet);
    expect((await t.http().put('/api/notifications/preferences').set(as(quiet)).send({ preferences: [{ category: 'new_message', inApp: true, email: false }] })).status).toBe(200);
    await send(t0, mentor, quietId, 'Your review is ready.', 'mentor');

    await runAt(t0 + 6 * MIN);
    expect(await toldAbout(muted, mentor.user.id)).toEqual([]);
    expect((await toldAbout(quietId, quiet.user.id)).map((n) => n.title)).toEqual(['New message from Meera Iyer']);
    expect(await queuedAbout(quietId)).toEqual([]);
  });

  it('previews are one plain line: code blocks, links and marks out, long text cut, a file alone named', () => {
    expect(previewOf('See **this**:\n```js\nlet a = 1;\n```\nand [the doc](https://x.example)')).toBe('See this: [code] and the doc');
    expect(previewOf('> quoted\n# Title\nuse `my_var` if a > b')).toBe('quoted Title use my_var if a > b');
    expect(previewOf('')).toBe('Sent a file');
    const long = previewOf('word '.repeat(100));
    expect(long.length).toBeLessThanOrEqual(160);
    expect(long.endsWith('…')).toBe(true);
  });
});

// Only a server PostgreSQL runs the passes truly at once; on PGlite they would queue and prove nothing.
describe.runIf(usingServerPostgres())('send-message-emails passes at once (server PostgreSQL)', () => {
  it('when three passes run at once over many unread conversations, then each reader is told exactly once', async () => {
    const t0 = nextBase();
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const student = await registerUser(t, { name: `Racing Student ${i}` });
      const id = await openWith(student);
      await send(t0, student, id, `Question ${i}`);
      ids.push(id);
    }
    const now = new Date(t0 + 6 * MIN);
    moveTo(now);
    // Small batches, so the passes claim many times and meet each other's locks.
    const pass = async () => {
      let handled = 0;
      for (;;) {
        const n = await runSendMessageEmails({ db: t.database.db, publicUrl: 'https://mentor.example' }, now, MESSAGE_EMAIL_DELAY_MS, 2);
        if (n === 0) return handled;
        handled += n;
      }
    };
    const passes = await Promise.all([pass(), pass(), pass()]);
    expect(passes.reduce((a, b) => a + b, 0)).toBe(12);
    for (const id of ids) {
      expect(await toldAbout(id, mentor.user.id)).toHaveLength(1);
      expect(await queuedAbout(id)).toHaveLength(1);
    }
  });
});
