import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../db/transaction.js';
import { createLogger } from '../../lib/logger.js';
import { createMailer } from '../../lib/mailer.js';
import { startTestSmtp } from '../../test-support/smtp.js';
import { createTestApp, registerUser, type TestApp } from '../../test-support/test-app.js';
import { usingServerPostgres } from '../../db/test-database.js';
import { notify, runDeliverOutbox } from './notifications.service.js';
import { emailOutbox } from './notifications.tables.js';
import { clock } from '../../lib/clock.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const note = (userId: string, eventKey: string, email = false) => ({
  userId,
  type: 'test_event',
  title: `Title ${eventKey}`,
  body: 'Body',
  eventKey,
  actionUrl: '/dashboard',
  ...(email ? { email: { template: 'application-rejected', context: { reason: 'Testing' } } } : {}),
});

describe('notifications API', () => {
  it('when a user has notifications, then they are listed newest first with the unread count, and can be marked read one by one or all', async () => {
    const user = await registerUser(t);
    for (const key of ['a', 'b', 'c']) await notify(t.database.db, note(user.user.id, key));
    const list = await t.http().get('/api/notifications').set(bearer(user.accessToken));
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ total: 3, unreadCount: 3 });
    expect(list.body.items.map((n: { title: string }) => n.title)).toEqual(['Title c', 'Title b', 'Title a']);

    const read = await t.http().post(`/api/notifications/${list.body.items[0].id}/read`).set(bearer(user.accessToken));
    expect(read.status).toBe(200);
    expect(read.body.readAt).toEqual(expect.any(String));
    expect((await t.http().get('/api/notifications?unread=true').set(bearer(user.accessToken))).body).toMatchObject({ total: 2, unreadCount: 2 });

    const all = await t.http().post('/api/notifications/read-all').set(bearer(user.accessToken));
    expect(all.body).toEqual({ updated: 2 });
    expect((await t.http().get('/api/notifications').set(bearer(user.accessToken))).body.unreadCount).toBe(0);
  });

  it('when someone marks another user’s notification, then 404 and it stays unread', async () => {
    const owner = await registerUser(t);
    const intruder = await registerUser(t);
    await notify(t.database.db, note(owner.user.id, 'private'));
    const [item] = (await t.http().get('/api/notifications').set(bearer(owner.accessToken))).body.items;
    const res = await t.http().post(`/api/notifications/${item.id}/read`).set(bearer(intruder.accessToken));
    expect(res.status).toBe(404);
    expect((await t.http().get('/api/notifications').set(bearer(owner.accessToken))).body.unreadCount).toBe(1);
    expect((await t.http().get('/api/notifications')).status).toBe(401);
    expect((await t.http().post('/api/notifications/nope/read').set(bearer(owner.accessToken))).status).toBe(422);
  });

  it('when the same event is notified twice, then there is one notification and one email', async () => {
    const user = await registerUser(t);
    await notify(t.database.db, note(user.user.id, 'once', true));
    await notify(t.database.db, note(user.user.id, 'once', true));
    expect((await t.http().get('/api/notifications').set(bearer(user.accessToken))).body.total).toBe(1);
    const rows = await t.database.db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, user.email));
    expect(rows).toHaveLength(1);
  });

  it('when the transaction that notified rolls back, then neither the notification nor the email exists', async () => {
    const user = await registerUser(t);
    await expect(
      inTransaction(t.database.db, async (tx) => {
        await notify(tx, note(user.user.id, 'rolled-back', true));
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect((await t.http().get('/api/notifications').set(bearer(user.accessToken))).body.total).toBe(0);
    expect(await t.database.db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, user.email))).toHaveLength(0);
  });
});

/** An email queued as notify queues it, but without telling the app's worker (which would send it at once). */
const queueEmail = (to: string, key: string) =>
  t.database.db.insert(emailOutbox).values({ dedupeKey: `${key}:${to}:email`, toAddress: to, subject: `Title ${key}`, html: `<p>${key}</p>`, text: key, nextAttemptAt: clock.now() });

describe('email outbox', () => {
  it('when the SMTP server is down, then delivery is retried later and succeeds once it is back, sending exactly once', async () => {
    const user = await registerUser(t);
    // Let the app's own worker (kicked by the registration) finish, so only this test delivers the row below.
    await t.built.jobs.idle();
    await queueEmail(user.email, 'retry');
    const logger = createLogger('silent');
    const down = createMailer({ smtpUrl: 'smtp://127.0.0.1:1', mailDir: '/nonexistent', from: 'x@example.test', logger });
    const now = clock.now();
    // Earlier tests' rows may be pending too; deliver only ours by driving the same function with our mailer.
    await runDeliverOutbox({ ...t.built.notifications, mailer: down, logger }, now, 100);
    const [failed] = await t.database.db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, user.email));
    expect(failed).toMatchObject({ status: 'pending', attempts: 1 });
    expect(failed!.nextAttemptAt.getTime()).toBeGreaterThan(now.getTime());
    expect(failed!.lastError).toBeTruthy();

    const smtp = await startTestSmtp();
    try {
      const up = createMailer({ smtpUrl: smtp.url, mailDir: '/nonexistent', from: 'x@example.test', logger });
      await runDeliverOutbox({ ...t.built.notifications, mailer: up, logger }, now, 100);
      expect(smtp.received.filter((m) => m.to?.[0]?.address === user.email)).toHaveLength(0);
      const later = new Date(now.getTime() + 60_000);
      await runDeliverOutbox({ ...t.built.notifications, mailer: up, logger }, later, 100);
      await runDeliverOutbox({ ...t.built.notifications, mailer: up, logger }, later, 100);
      const mine = smtp.received.filter((m) => m.to?.[0]?.address === user.email);
      expect(mine).toHaveLength(1);
      expect(mine[0]!.subject).toBe('Title retry');
      const [sent] = await t.database.db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, user.email));
      expect(sent).toMatchObject({ status: 'sent', attempts: 2 });
    } finally {
      await smtp.close();
    }
  });

  it('when no SMTP server is configured, then the email is written as an .eml file', async () => {
    const { mkdtempSync, readdirSync, readFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(`${tmpdir()}/mc-mail-`);
    const mailer = createMailer({ mailDir: dir, from: 'Mentor Connect <no-reply@example.test>', logger: createLogger('silent') });
    const result = await mailer.send({ to: 'someone@example.test', subject: 'Hello file', html: '<p>Hi</p>', text: 'Hi' });
    expect(result.file).toBeDefined();
    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    const eml = readFileSync(`${dir}/${files[0]}`, 'utf8');
    expect(eml).toMatch(/^Subject: Hello file$/m);
    expect(eml).toMatch(/^To: someone@example.test$/m);
  });
});

// Only a server PostgreSQL runs the passes truly at once; on PGlite they would queue and prove nothing.
describe.runIf(usingServerPostgres())('outbox passes at once (server PostgreSQL)', () => {
  it('when five delivery passes run at once over 30 due emails, then each email goes out exactly once and is marked sent', async () => {
    const user = await registerUser(t);
    await t.built.jobs.idle();
    for (let i = 0; i < 30; i++) await queueEmail(user.email, `parallel-${i}`);
    const smtp = await startTestSmtp();
    try {
      const logger = createLogger('silent');
      // Five instances, each with its own SMTP connection, as five app instances would have.
      const mailers = Array.from({ length: 5 }, () => createMailer({ smtpUrl: smtp.url, mailDir: '/nonexistent', from: 'x@example.test', logger }));
      const passes = await Promise.all(mailers.map(async (mailer) => {
        let claimed = 0;
        const ctx = { ...t.built.notifications, mailer, logger };
        for (let n = await runDeliverOutbox(ctx, clock.now(), 4); n > 0; n = await runDeliverOutbox(ctx, clock.now(), 4)) claimed += n;
        return claimed;
      }));
      const mine = smtp.received.filter((m) => m.to?.[0]?.address === user.email).map((m) => m.subject);
      expect(mine.sort()).toEqual(Array.from({ length: 30 }, (_, i) => `Title parallel-${i}`).sort());
      expect(passes.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(30);
      expect(passes.filter((n) => n > 0).length, 'the work was shared').toBeGreaterThan(1);
      const rows = await t.database.db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, user.email));
      expect(rows.filter((r) => r.status === 'sent' && r.attempts === 1)).toHaveLength(30);
      for (const mailer of mailers) mailer.close();
    } finally {
      await smtp.close();
    }
  });
});
