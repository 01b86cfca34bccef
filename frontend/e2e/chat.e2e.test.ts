import * as zlib from 'node:zlib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eNow } from './support/clock';
import { demoSeeded, launchBrowser, phoneScreenshot, screenshot, startApp, type RunningApp, type RunningBrowser, type SentMail } from './support/app';
import { apiLogin as apiLoginAt, logIn } from './support/ui';

// Sam (the demo's student) writes to Asha (the demo's mentor) from her profile, and they talk in two browsers: Sam's typing shows on Asha's screen,
// his message with a code block arrives highlighted and its tick turns to "Read" when she has it open, and Asha sends
// a whiteboard photo that Sam sees. Then Asha switches off the "Booking confirmed" email, Sam books another session
// with her (through the API, as a second device would), and her bell counts it at once — no reload, long before any
// poll — while only Sam gets the confirmation email. Last, the new booking's page carries their conversation.

let app: RunningApp;
let browser: RunningBrowser;

beforeAll(async () => {
  app = await startApp();
  await demoSeeded(app);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const apiLogin = (email: string) => apiLoginAt(app.baseUrl, email);

async function api<T>(path: string, token: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const res = await fetch(`${app.baseUrl}${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${token}`, ...(init.body ? { 'content-type': 'application/json' } : {}) },
    ...(init.body ? { body: JSON.stringify(init.body) } : {}),
  });
  expect(res.ok, `${init.method ?? 'GET'} ${path}: ${res.status} ${res.ok ? '' : await res.clone().text()}`).toBe(true);
  return (await res.json()) as T;
}

/** A real PNG (a 160×100 gradient), built here so the server's content check sees a genuine image. */
function whiteboardPng(width = 160, height = 100): Buffer {
  const crc = (buf: Buffer) => (zlib as unknown as { crc32: (b: Buffer) => number }).crc32(buf) >>> 0;
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x++) {
      rows[row + 1 + x * 3] = 60 + Math.round((x / width) * 150);
      rows[row + 2 + x * 3] = 63;
      rows[row + 3 + x * 3] = 209 - Math.round((y / height) * 100);
    }
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', zlib.deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

const header = (mail: SentMail, name: string) => new RegExp(`^${name}: *(.*)$`, 'im').exec(mail.raw)?.[1] ?? '';

/** The unread count the bell's label says ("Notifications, 3 unread"; none: 0). */
async function bellCount(page: Page): Promise<number> {
  const label = (await page.getByRole('link', { name: /^Notifications/ }).first().getAttribute('aria-label')) ?? '';
  return Number(/(\d+) unread/.exec(label)?.[1] ?? 0);
}

describe('chatting in the browser', () => {
  it(
    'when Sam and Asha chat, then typing shows, a code block arrives highlighted, the tick turns to read and a photo arrives; when Sam books again, her bell counts it at once and her switched-off email is not sent',
    async () => {
      const samToken = await apiLogin('student@example.com');
      const sam = await browser.newPage();
      await logIn(sam, app.baseUrl, 'student@example.com');
      const asha = await browser.newPage();
      await logIn(asha, app.baseUrl, 'asha@example.com');

      // Sam writes to Asha from her profile: their conversation opens (or the one they have comes back).
      await sam.goto(`${app.baseUrl}/mentors/asha-rao`);
      await sam.getByRole('button', { name: 'Message mentor' }).click();
      await expect.poll(() => new URL(sam.url()).pathname, { timeout: 10_000 }).toMatch(/^\/messages\/[0-9a-f-]{36}$/);
      const withAsha = { id: new URL(sam.url()).pathname.split('/')[2]! };
      const conversations = await api<{ items: Array<{ id: string; kind: string; members: Array<{ name: string }> }> }>('/api/conversations', samToken);
      expect(conversations.items.find((c) => c.id === withAsha.id)?.members.map((m) => m.name)).toEqual(['Asha Rao', 'Sam Student']);
            await asha.goto(`${app.baseUrl}/messages/${withAsha.id}`);
      await expect.poll(() => sam.getByRole('heading', { name: 'Asha Rao' }).first().isVisible()).toBe(true);
      await expect.poll(() => asha.getByRole('heading', { name: 'Sam Student' }).first().isVisible()).toBe(true);

      // ---- typing, then a message with code -------------------------------------------------------------
      const samBox = sam.getByRole('textbox', { name: 'Message' });
      await samBox.pressSequentially('Here is my reducer', { delay: 20 });
      await expect.poll(() => asha.getByTestId('typing').textContent(), { timeout: 5_000 }).toBe('Sam is typing…');
      await samBox.fill('Here is my reducer, is it idiomatic?\n```ts\nconst total = items.reduce((sum, item) => sum + item.price, 0);\n```');
      await samBox.press('Enter');

      const history = asha.getByRole('log', { name: 'Message history' }).or(asha.getByLabel('Message history')).first();
      const arrived = history.locator('pre code').filter({ hasText: 'items.reduce' });
      await expect.poll(() => arrived.count(), { timeout: 5_000 }).toBe(1);
      // Highlighted: the keyword is its own token.
      await expect.poll(() => arrived.locator('.hljs-keyword').filter({ hasText: 'const' }).count()).toBeGreaterThan(0);
      await expect.poll(() => asha.getByTestId('typing').textContent(), { timeout: 8_000 }).toBe('');

      // Asha has it open: Sam's tick turns from sent to read.
      const samHistory = sam.getByRole('log', { name: 'Message history' }).or(sam.getByLabel('Message history')).first();
      await expect.poll(() => samHistory.getByRole('img', { name: 'Read' }).count(), { timeout: 8_000 }).toBeGreaterThan(0);

      // ---- Asha sends a photo -------------------------------------------------------------------------------
      await asha.getByLabel('Files to attach').setInputFiles({ name: 'whiteboard.png', mimeType: 'image/png', buffer: whiteboardPng() });
      await expect.poll(() => asha.getByRole('list', { name: 'Files to send' }).getByText('whiteboard.png').isVisible()).toBe(true);
      await expect.poll(() => asha.getByRole('progressbar', { name: 'Uploading whiteboard.png' }).count(), { timeout: 10_000 }).toBe(0);
      const ashaBox = asha.getByRole('textbox', { name: 'Message' });
      await ashaBox.fill('Looks good. Here is the **diagram** from our last session.');
      await ashaBox.press('Enter');
      const photo = samHistory.getByRole('button', { name: 'Open whiteboard.png full size' });
      await expect.poll(() => photo.isVisible(), { timeout: 10_000 }).toBe(true);
      // Shown from a blob: URL (the file came with the token): the page's content policy lets it paint.
      await expect.poll(() => photo.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { timeout: 10_000 }).toBe(160);
      await expect.poll(() => samHistory.locator('strong', { hasText: 'diagram' }).count()).toBe(1);

      await screenshot(sam, 'chat-10-student-conversation', { fullPage: false });
      await screenshot(asha, 'chat-11-mentor-conversation', { fullPage: false });
      await phoneScreenshot(sam, 'chat-12-student-conversation-phone', { fullPage: false });
      await photo.click();
      await expect.poll(() => sam.getByRole('dialog', { name: 'whiteboard.png' }).isVisible()).toBe(true);
      await screenshot(sam, 'chat-13-photo-full-size', { fullPage: false });
      await sam.keyboard.press('Escape');

      // ---- Asha switches off the "Booking confirmed" email ------------------------------------------------
      await asha.goto(`${app.baseUrl}/settings/notifications`);
      const emailSwitch = asha.getByRole('switch', { name: 'Booking confirmed: email' });
      await expect.poll(() => emailSwitch.isChecked()).toBe(true);
      await emailSwitch.click({ force: true });
      await asha.getByRole('button', { name: 'Save changes' }).click();
      await expect.poll(() => asha.getByText('Notification settings saved').isVisible()).toBe(true);
      await phoneScreenshot(asha, 'chat-14-notification-settings-phone');
      const ashaToken = await apiLogin('asha@example.com');
      const saved = await api<{ categories: Array<{ key: string; inApp: boolean; email: boolean }> }>('/api/notifications/preferences', ashaToken);
      expect(saved.categories.find((c) => c.key === 'booking_confirmed')).toMatchObject({ inApp: true, email: false });

      // ---- Sam books again; Asha's bell counts it at once ----------------------------------------------------
      await asha.goto(`${app.baseUrl}/dashboard`);
      await expect.poll(() => asha.getByRole('link', { name: /^Notifications/ }).first().isVisible()).toBe(true);
      const { unreadCount: before } = await api<{ unreadCount: number }>('/api/notifications?limit=1', ashaToken);
      await expect.poll(() => bellCount(asha), { timeout: 10_000 }).toBe(before);
      // Days picked from the journeys' now, never the machine's calendar.
      const from = new Date(e2eNow().getTime() + 3 * 86_400_000).toISOString().slice(0, 10);
      const to = new Date(e2eNow().getTime() + 10 * 86_400_000).toISOString().slice(0, 10);
      const free = await api<{ days: Array<{ times: Array<{ startsAt: string }> }> }>(`/api/mentors/asha-rao/availability?from=${from}&to=${to}&durationMinutes=30`, samToken);
      const startsAt = free.days.flatMap((d) => d.times)[0]?.startsAt;
      expect(startsAt, 'Asha has a free half hour in the week ahead').toBeDefined();
      const created = await api<{ booking: { id: string; code: string }; checkout: { keyId: string; orderId: string } }>('/api/bookings', samToken, {
        method: 'POST',
        body: { mentorSlug: 'asha-rao', startsAt, durationMinutes: 30, topic: 'Follow-up on the reducer', agenda: 'Go through the feedback' },
      });
      const paid = await fetch(`${app.baseUrl}/sandbox/razorpay/v1/checkout/pay`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ key_id: created.checkout.keyId, order_id: created.checkout.orderId, outcome: 'success', method: 'upi' }),
      });
      expect(paid.status).toBe(200);
      const confirmedAt = Date.now();
      await api('/api/payments/verify', samToken, { method: 'POST', body: await paid.json() });
      // The bell asks the server only once a minute when it cannot listen: a count within seconds was pushed.
      await expect.poll(() => bellCount(asha), { timeout: 10_000, interval: 200 }).toBe(before + 1);
      expect(Date.now() - confirmedAt).toBeLessThan(30_000);
      await screenshot(asha, 'chat-15-bell-rang', { fullPage: false });

      // Sam's confirmation email comes; Asha's, switched off, does not.
      const code = created.booking.code;
      let mails: SentMail[] = [];
      await expect
        .poll(
          async () => {
            mails = (await app.mail()).filter((m) => header(m, 'Subject').includes(code));
            return mails.some((m) => header(m, 'To').includes('student@example.com'));
          },
          { timeout: 30_000, interval: 500, message: `Sam's confirmation of ${code}` },
        )
        .toBe(true);
      expect(mails.filter((m) => header(m, 'To').includes('asha@example.com'))).toEqual([]);

      // ---- the new booking's page carries the conversation ------------------------------------------------
      await asha.goto(`${app.baseUrl}/bookings/${created.booking.id}`);
      const panel = asha.getByTestId('booking-chat').filter({ hasText: 'items.reduce' });
      await expect.poll(() => panel.count(), { timeout: 10_000 }).toBe(1);
      await expect.poll(() => asha.getByRole('link', { name: 'Open in Messages' }).getAttribute('href')).toBe(`/messages/${withAsha.id}`);
      await screenshot(asha, 'chat-16-booking-page-chat');
      await phoneScreenshot(asha, 'chat-17-booking-page-chat-phone');
    },
    180_000,
  );
});
