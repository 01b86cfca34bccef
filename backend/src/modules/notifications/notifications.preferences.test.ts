import { eq } from 'drizzle-orm';
import type { Email } from 'postal-mime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../db/test-database.js';
import { clock } from '../../lib/clock.js';
import { startTestSmtp, type TestSmtp } from '../../test-support/smtp.js';
import { statementCounter } from '../../test-support/statements.js';
import { createTestApp, registerUser, type TestApp } from '../../test-support/test-app.js';
import { ALWAYS_SENT_TYPES, categoryKeys, NOTIFICATION_CATEGORIES } from './notifications.categories.js';
import { notify, type NotifyInput } from './notifications.service.js';
import { emailOutbox, notificationPreferences, notifications } from './notifications.tables.js';
import { signUnsubscribeToken, UNSUBSCRIBE_LINK_DAYS } from './notifications.unsubscribe.js';

/**
 * Notification preferences (PRODUCT.md §10): the API, notify() honouring them in the same statements as before, and
 * the one-click unsubscribe link every email carries — read back from a real SMTP server and followed as a mail
 * provider (POST) and as a person in a browser (GET, then the button) would.
 */

let smtp: TestSmtp;
let t: TestApp;
const counter = statementCounter();

beforeAll(async () => {
  smtp = await startTestSmtp();
  const database = await createTestDatabase({ onQuery: counter.onQuery });
  t = await createTestApp({ SMTP_URL: smtp.url, PUBLIC_URL: 'https://mentor.example' }, database);
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
type Account = Awaited<ReturnType<typeof registerUser>>;
const preferencesOf = async (who: Account) => (await t.http().get('/api/notifications/preferences').set(bearer(who.accessToken))).body as { categories: { key: string; inApp: boolean; email: boolean }[] };
const choiceOf = async (who: Account, key: string) => (await preferencesOf(who)).categories.find((c) => c.key === key)!;
const put = (who: Account, body: unknown) => t.http().put('/api/notifications/preferences').set(bearer(who.accessToken)).send(body as object);

let events = 0;
/** A notice of `type` for `who`, with an email, about a fresh event. */
const notice = (who: Account, type: string, overrides: Partial<NotifyInput> = {}): NotifyInput => ({
  userId: who.user.id,
  type,
  title: `Notice ${type} ${++events}`,
  body: 'Body',
  eventKey: `test:${type}:${events}`,
  actionUrl: '/dashboard',
  email: { template: 'application-rejected', context: { reason: 'Testing' } },
  ...overrides,
});
const rowsFor = async (who: Account) => ({
  inApp: await t.database.db.select().from(notifications).where(eq(notifications.userId, who.user.id)),
  emails: await t.database.db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, who.email)),
});

const to = (m: Email) => (m.to ?? []).map((a) => ('address' in a ? a.address : '')).join(',');
const header = (m: Email, key: string) => m.headers.find((h) => h.key === key.toLowerCase())?.value;
async function delivered(address: string, subject: string): Promise<Email> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    await t.settle();
    const found = smtp.received.find((m) => to(m) === address && m.subject === subject);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no email "${subject}" to ${address}`);
    t.built.jobs.kick('deliver-outbox');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
/** The path and query of an absolute link of ours, for supertest. */
const localPath = (url: string) => {
  const parsed = new URL(url);
  expect(parsed.origin).toBe('https://mentor.example');
  return `${parsed.pathname}${parsed.search}`;
};

describe('the category list', () => {
  it('when read, then every category names types of its own, and no type is both switchable and always sent', () => {
    const types = NOTIFICATION_CATEGORIES.flatMap((c) => c.types as readonly string[]);
    expect(new Set(types).size).toBe(types.length);
    expect(types.filter((type) => (ALWAYS_SENT_TYPES as readonly string[]).includes(type))).toEqual([]);
    expect(categoryKeys).toEqual(expect.arrayContaining(['booking_confirmed', 'reminder', 'session_starting', 'withdrawal_failed', 'new_message']));
  });
});

describe('GET and PUT /api/notifications/preferences', () => {
  it('when nothing was changed, then every category is on for both; anonymous callers get 401', async () => {
    const user = await registerUser(t);
    const res = await t.http().get('/api/notifications/preferences').set(bearer(user.accessToken));
    expect(res.status).toBe(200);
    expect(res.body.categories.map((c: { key: string }) => c.key)).toEqual(categoryKeys);
    expect(res.body.categories.every((c: { inApp: boolean; email: boolean }) => c.inApp && c.email)).toBe(true);
    expect(res.body.categories[0]).toMatchObject({ key: 'booking_confirmed', label: 'Booking confirmed', description: expect.any(String) });
    expect(res.body.alwaysSent).toContain('Changes to your payout method');
    expect((await t.http().get('/api/notifications/preferences')).status).toBe(401);
    expect((await t.http().put('/api/notifications/preferences').send({ preferences: [{ category: 'reminder', inApp: true, email: false }] })).status).toBe(401);
  });

  it('when some switches are changed, then only those change, only changes are stored, and switching back on removes the row', async () => {
    const user = await registerUser(t);
    const res = await put(user, { preferences: [{ category: 'reminder', inApp: true, email: false }, { category: 'new_message', inApp: false, email: false }] });
    expect(res.status).toBe(200);
    const byKey = Object.fromEntries(res.body.categories.map((c: { key: string; inApp: boolean; email: boolean }) => [c.key, { inApp: c.inApp, email: c.email }]));
    expect(byKey).toMatchObject({ reminder: { inApp: true, email: false }, new_message: { inApp: false, email: false }, booking_confirmed: { inApp: true, email: true } });
    expect(await preferencesOf(user)).toEqual(res.body);
    const stored = () => t.database.db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, user.user.id));
    expect((await stored()).map((r) => r.category).sort()).toEqual(['new_message', 'reminder']);

    expect((await put(user, { preferences: [{ category: 'reminder', inApp: true, email: true }] })).status).toBe(200);
    expect((await stored()).map((r) => r.category)).toEqual(['new_message']);
    expect(await choiceOf(user, 'reminder')).toMatchObject({ inApp: true, email: true });
  });

  it('when a category is unknown, a switch is not a boolean, a key is extra or a category is named twice, then 422 names the field and nothing changes', async () => {
    const user = await registerUser(t);
    await put(user, { preferences: [{ category: 'reminder', inApp: false, email: true }] });
    const before = await preferencesOf(user);

    const unknown = await put(user, { preferences: [{ category: 'booking_confirmed', inApp: false, email: false }, { category: 'spam', inApp: true, email: true }] });
    expect(unknown.status).toBe(422);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    expect(unknown.body).toMatchObject({ code: 'validation_failed', errors: [expect.objectContaining({ path: 'preferences.1.category' })] });

    const notBoolean = await put(user, { preferences: [{ category: 'booking_confirmed', inApp: false, email: 'no' }] });
    expect(notBoolean.status).toBe(422);
    expect(notBoolean.body.errors).toEqual([expect.objectContaining({ path: 'preferences.0.email' })]);

    const extra = await put(user, { preferences: [{ category: 'booking_confirmed', inApp: false, email: false, sms: true }] });
    expect(extra.status).toBe(422);
    expect(extra.body.errors).toEqual([expect.objectContaining({ path: 'preferences.0.sms' })]);

    const twice = await put(user, { preferences: [{ category: 'reminder', inApp: true, email: true }, { category: 'reminder', inApp: false, email: false }] });
    expect(twice.status).toBe(422);
    expect(twice.body.errors).toEqual([expect.objectContaining({ path: 'preferences.1.category' })]);

    expect((await put(user, { preferences: [] })).status).toBe(422);
    expect(await preferencesOf(user)).toEqual(before);
  });
});

describe('notify with preferences', () => {
  it('when in-app is off, then no notification is written but the email goes, once; when email is off, then the notification is written and no email queued', async () => {
    const user = await registerUser(t);
    await put(user, { preferences: [{ category: 'reminder', inApp: false, email: true }, { category: 'booking_confirmed', inApp: true, email: false }] });
    const reminder = notice(user, 'session_reminder');
    await notify(t.database.db, reminder);
    await notify(t.database.db, reminder);
    await notify(t.database.db, notice(user, 'booking_confirmed'));
    await notify(t.database.db, notice(user, 'booking_cancelled'));
    const { inApp, emails } = await rowsFor(user);
    expect(inApp.map((n) => n.type).sort()).toEqual(['booking_cancelled', 'booking_confirmed']);
    expect(emails.map((e) => e.type).sort()).toEqual(['booking_cancelled', 'session_reminder']);
    expect(emails.find((e) => e.type === 'session_reminder')).toMatchObject({ userId: user.user.id, subject: reminder.title });
  });

  it('when everything is switched off, then a notice that is always sent (payout method changed, a refund) still arrives in-app and by email', async () => {
    const user = await registerUser(t);
    await put(user, { preferences: categoryKeys.map((category) => ({ category, inApp: false, email: false })) });
    await notify(t.database.db, [notice(user, 'payout_method_changed'), notice(user, 'refund_processed'), notice(user, 'withdrawal_processed'), notice(user, 'booking_confirmed')]);
    const { inApp, emails } = await rowsFor(user);
    expect(inApp.map((n) => n.type).sort()).toEqual(['payout_method_changed', 'refund_processed']);
    expect(emails.map((e) => e.type).sort()).toEqual(['payout_method_changed', 'refund_processed']);
  });

  it('when several people with and without preferences are told at once, then it still takes one statement for the notifications and one for the emails', async () => {
    const people = [await registerUser(t), await registerUser(t), await registerUser(t)];
    await put(people[0]!, { preferences: [{ category: 'booking_rescheduled', inApp: false, email: true }] });
    await put(people[1]!, { preferences: [{ category: 'booking_rescheduled', inApp: true, email: false }] });
    const inputs = people.map((p) => notice(p, 'booking_rescheduled', { recipient: { name: p.name, email: p.email } }));
    const counted = await counter.count(() => t.settle(), () => notify(t.database.db, inputs));
    expect(counted.statements, counted.statements.join('\n')).toHaveLength(2);
    expect((await rowsFor(people[0]!)).inApp).toHaveLength(0);
    expect((await rowsFor(people[0]!)).emails).toHaveLength(1);
    expect((await rowsFor(people[1]!)).inApp).toHaveLength(1);
    expect((await rowsFor(people[1]!)).emails).toHaveLength(0);
    expect((await rowsFor(people[2]!)).inApp).toHaveLength(1);
    expect((await rowsFor(people[2]!)).emails).toHaveLength(1);
  });
});

describe('one-click unsubscribe', () => {
  it('when an email is delivered, then it carries List-Unsubscribe (a signed link of ours) and List-Unsubscribe-Post headers and the link in its footer; a one-click POST turns that category’s email off and nothing else', async () => {
    const user = await registerUser(t);
    const input = notice(user, 'booking_rescheduled');
    await notify(t.database.db, input);
    const mail = await delivered(user.email, input.title);

    expect(header(mail, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    const link = /^<(https:\/\/mentor\.example\/api\/notifications\/unsubscribe\?token=[^>]+)>$/.exec(header(mail, 'List-Unsubscribe') ?? '')?.[1];
    expect(link, header(mail, 'List-Unsubscribe')).toBeDefined();
    // HTML-escaped as every value of the template is (a browser reads `&#x3D;` as `=`).
    expect(String(mail.html).replaceAll('&#x3D;', '=').replaceAll('&amp;', '&')).toContain(`<a href="${link}"`);
    expect(mail.html).toContain('Unsubscribe from these emails');
    expect(mail.html).toContain('https://mentor.example/settings/notifications');
    expect(mail.text).toContain(`Unsubscribe from these emails: ${link}`);
    expect(mail.text).toContain('"Booking rescheduled" emails are on');

    const res = await t.http().post(localPath(link!)).type('form').send('List-Unsubscribe=One-Click');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ email: false, categories: ['booking_rescheduled'] });
    expect(await choiceOf(user, 'booking_rescheduled')).toMatchObject({ inApp: true, email: false });
    expect(await choiceOf(user, 'booking_cancelled')).toMatchObject({ inApp: true, email: true });
    // Followed twice (mail providers retry): still just off.
    expect((await t.http().post(localPath(link!))).status).toBe(200);

    const next = notice(user, 'booking_rescheduled');
    await notify(t.database.db, next);
    const { inApp, emails } = await rowsFor(user);
    expect(inApp.map((n) => n.title)).toContain(next.title);
    expect(emails.map((e) => e.subject)).not.toContain(next.title);
  });

  it('when the token is forged, mangled or expired, then 400 problem+json and nothing changes', async () => {
    const user = await registerUser(t);
    const key = t.built.notifications.links.unsubscribeKey;
    const valid = signUnsubscribeToken(key, user.user.id, 'reminder', clock.now());
    const [payload, signature] = valid.split('.') as [string, string];
    const otherCategory = Buffer.from(Buffer.from(payload, 'base64url').toString().replace(':reminder:', ':all:')).toString('base64url');
    const tries = {
      'another category under the same signature': `${otherCategory}.${signature}`,
      'a changed signature': `${payload}.${signature.slice(0, -1)}${signature.endsWith('0') ? '1' : '0'}`,
      'signed with another key': signUnsubscribeToken('not-our-key', user.user.id, 'reminder', clock.now()),
      'no signature': payload,
      'garbage': 'hello',
    };
    for (const [what, token] of Object.entries(tries)) {
      const res = await t.http().post(`/api/notifications/unsubscribe?token=${encodeURIComponent(token)}`);
      expect(res.status, what).toBe(400);
      expect(res.headers['content-type'], what).toContain('application/problem+json');
      expect(res.body.code, what).toBe('invalid_unsubscribe_link');
    }
    const old = signUnsubscribeToken(key, user.user.id, 'reminder', new Date(clock.now().getTime() - (UNSUBSCRIBE_LINK_DAYS * 86_400 + 60) * 1000));
    const expired = await t.http().post(`/api/notifications/unsubscribe?token=${encodeURIComponent(old)}`);
    expect(expired.status).toBe(400);
    expect(expired.body.code).toBe('unsubscribe_link_expired');
    expect((await t.http().post('/api/notifications/unsubscribe')).status).toBe(422);
    expect((await preferencesOf(user)).categories.every((c) => c.inApp && c.email)).toBe(true);
    expect(await t.database.db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, user.user.id))).toEqual([]);
  });

  it('when a person opens the link in a browser, then a page asks first (the GET changes nothing), and its button unsubscribes with a page saying so', async () => {
    const user = await registerUser(t);
    const token = signUnsubscribeToken(t.built.notifications.links.unsubscribeKey, user.user.id, 'reminder', clock.now());
    const page = await t.http().get(`/api/notifications/unsubscribe?token=${encodeURIComponent(token)}`).set('Accept', 'text/html');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.text).toContain('Stop “Session reminders” emails?');
    expect(page.text).toContain(`<form method="post" action="/api/notifications/unsubscribe?token=${encodeURIComponent(token)}">`);
    expect(await choiceOf(user, 'reminder')).toMatchObject({ email: true });

    const done = await t.http().post(`/api/notifications/unsubscribe?token=${encodeURIComponent(token)}`).set('Accept', 'text/html,application/xhtml+xml').type('form').send('');
    expect(done.status).toBe(200);
    expect(done.headers['content-type']).toContain('text/html');
    expect(done.text).toContain('You are unsubscribed');
    expect(await choiceOf(user, 'reminder')).toMatchObject({ inApp: true, email: false });

    const forged = await t.http().get(`/api/notifications/unsubscribe?token=${encodeURIComponent(`${token}0`)}`).set('Accept', 'text/html');
    expect(forged.status).toBe(400);
    expect(forged.text).toContain('This link does not work');
  });

  it('when the email is one that is always sent, then its link turns off every email that can be turned off, and it says so', async () => {
    const user = await registerUser(t);
    const input = notice(user, 'payout_method_changed');
    await notify(t.database.db, input);
    const mail = await delivered(user.email, input.title);
    expect(mail.text).toContain('This email is about your money or your account');
    const link = /^<([^>]+)>$/.exec(header(mail, 'List-Unsubscribe') ?? '')![1]!;
    const res = await t.http().post(localPath(link));
    expect(res.body).toEqual({ email: false, categories: categoryKeys });
    expect((await preferencesOf(user)).categories.every((c) => c.inApp && !c.email)).toBe(true);
  });
});
