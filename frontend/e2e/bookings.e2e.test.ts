import { readFile } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, formatCalendarDate, formatZonedRange, minutesToHhmm, todayIn, zonedTimeToInstant } from '../src/lib/time-zone-clock';
import { e2eNow } from './support/clock';
import { launchBrowser, phoneScreenshot, screenshot, startApp, type RunningApp, type RunningBrowser, type SentMail } from './support/app';
import { logIn as logInAt, showDay, weekdayFrom } from './support/ui';

// A student books and pays for a session with a demo mentor through the payment sandbox, the mentor
// sees it with her share, both get the confirmation email, and the student cancels for a full refund
// that the gateway then processes; a failed payment's hold is let go and the time is free again.
// The built backend with its demo data, and Debian's chromium.

let app: RunningApp;
let browser: RunningBrowser;

beforeAll(async () => {
  // The app runs as a declared demo, so the journeys pay through the built-in payment sandbox.
  app = await startApp();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

// Each journey logs in twice or more, pays, and waits out a refund: more than the config's 60 s on a busy machine.
const JOURNEY_TIMEOUT_MS = 180_000;

// The demo student's and Asha's profiles are both on Kolkata clocks; Asha's demo hours are 17:00–20:00 on weekdays.
const ZONE = 'Asia/Kolkata';
const MENTOR_SLUG = 'asha-rao';
const CODE_PATTERN = /^MC-\d{8}-[2-9A-HJKMNP-Z]{4}$/;

// Two days out clears the 12-hour minimum notice, and the 24-hour full-refund line, whatever the hour.
// Times late in the evening stay clear of the demo group session (16:00–17:00 and its buffer).
const today = todayIn(ZONE, e2eNow());
const paidDay = weekdayFrom(addDays(today, 2), 0);
const paidStart = 18 * 60 + 30;
const paidTime = minutesToHhmm(paidStart);
const failedDay = weekdayFrom(addDays(today, 2), 1);
const failedStart = 19 * 60;
const failedTime = minutesToHhmm(failedStart);

// Asha's prices.
const PRICE_60 = '₹2,500';
const PRICE_30 = '₹1,500';

const logIn = (page: Page, email: string) => logInAt(page, app.baseUrl, email);

/** The mentor's booking calendar, on `date`, with `minutes`-long times: the group of that day's free start times. */
async function openMentorDay(page: Page, date: string, minutes: 30 | 60) {
  await page.goto(`${app.baseUrl}/mentors/${MENTOR_SLUG}`);
  const booking = page.getByRole('region', { name: 'Book a session' });
  await booking.waitFor();
  expect(await booking.getByRole('combobox', { name: 'Times shown in' }).inputValue()).toContain(ZONE);
  await booking.getByText(new RegExp(`^${minutes} min`)).click();
  await (await showDay(booking, date)).click();
  const times = booking.getByRole('group', { name: `Free ${minutes}-minute times on ${formatCalendarDate(date)}` });
  await times.waitFor();
  return { booking, times };
}

/**
 * Whether the mentor's page offers `time` on `date`, asked until it gives `expected` (public free times
 * are cached for a couple of seconds, so a change shows on a later look, not necessarily the first).
 */
async function expectOffered(page: Page, date: string, minutes: 30 | 60, time: string, expected: boolean) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const { times } = await openMentorDay(page, date, minutes);
    const offered = (await times.getByRole('button', { name: time, exact: true }).count()) > 0;
    if (offered === expected || Date.now() > deadline) {
      expect(offered, `${time} on ${date} offered`).toBe(expected);
      return times;
    }
    await page.waitForTimeout(1_000);
  }
}

/** Chooses a time (its minute of the day on Kolkata clocks) and length on the mentor's page and goes on to checkout: its summary. */
async function goToCheckout(page: Page, date: string, minutes: 30 | 60, startMinute: number) {
  const time = minutesToHhmm(startMinute);
  const times = await expectOffered(page, date, minutes, time, true);
  await times.getByRole('button', { name: time, exact: true }).click();
  const summary = page.getByRole('region', { name: 'Your selection' });
  await summary.getByTestId('summary-time').getByText(new RegExp(`^${time}–`)).waitFor();
  await summary.getByRole('link', { name: 'Continue to checkout' }).click();
  await page.waitForURL(`**/book/${MENTOR_SLUG}?**`);
  const url = new URL(page.url());
  expect(url.searchParams.get('start')).toBe(zonedTimeToInstant(date, startMinute, ZONE).toISOString());
  expect(url.searchParams.get('duration')).toBe(String(minutes));
  await page.getByRole('heading', { name: 'Checkout', level: 1 }).waitFor();
  return page.getByRole('region', { name: 'Your session' });
}

/** Headers are folded onto continuation lines; unfolded here so a header reads as one line. */
const header = (mail: SentMail, name: string) => new RegExp(`^${name}: *(.*(?:\\r?\\n[ \\t].*)*)`, 'im').exec(mail.raw)?.[1]?.replace(/\r?\n[ \t]+/g, ' ') ?? '';

/** The booking's confirmation email to `address`, once the outbox has delivered it (to an .eml file). */
async function confirmationMailTo(address: string, code: string): Promise<SentMail> {
  let found: SentMail | undefined;
  await expect
    .poll(
      async () => {
        found = (await app.mail()).find((mail) => header(mail, 'To').includes(address) && header(mail, 'Subject').includes(code));
        return found !== undefined;
      },
      { timeout: 20_000, interval: 500, message: `a confirmation email for ${code} to ${address}` },
    )
    .toBe(true);
  return found!;
}

/** The text/calendar part of a MIME message, decoded. */
function calendarPart(mail: SentMail): { filename: string; body: string } | null {
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(mail.raw)?.[1];
  const parts = boundary ? mail.raw.split(`--${boundary}`) : [mail.raw];
  for (const part of parts.flatMap((p) => {
    // An attachment may sit one level down, in a multipart/mixed inside the top part.
    const inner = /boundary="?([^";\r\n]+)"?/i.exec(p)?.[1];
    return inner ? p.split(`--${inner}`) : [p];
  })) {
    if (!/^content-type: *text\/calendar/im.test(part)) continue;
    const filename = /filename="?([^";\r\n]+)"?/i.exec(part)?.[1] ?? /name="?([^";\r\n]+)"?/i.exec(part)?.[1] ?? '';
    const [head = '', ...rest] = part.split(/\r?\n\r?\n/);
    const content = rest.join('\n\n').trim();
    const encoding = /^content-transfer-encoding: *(\S+)/im.exec(head)?.[1]?.toLowerCase();
    const body =
      encoding === 'base64'
        ? Buffer.from(content.replace(/\s+/g, ''), 'base64').toString('utf8')
        : encoding === 'quoted-printable'
          ? Buffer.from(content.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8')
          : content;
    return { filename, body };
  }
  return null;
}

const icsStamp = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** The label/amount pairs of a price breakdown (a <dl>). */
async function breakdownRows(scope: Locator): Promise<string[][]> {
  const dl = scope.getByRole('list', { name: 'Price breakdown' }).or(scope.locator('dl[aria-label="Price breakdown"]')).first();
  const terms = await dl.locator('dt').allTextContents();
  const values = await dl.locator('dd').allTextContents();
  return terms.map((term, i) => [term.trim(), (values[i] ?? '').trim()]);
}

describe('booking and paying for a session in the browser', () => {
  it(
    'when a student pays for a time through the sandbox, then it is confirmed for both, emailed with an invite, and cancelling more than 24 h ahead refunds it in full',
    async () => {
      const paidStartsAt = zonedTimeToInstant(paidDay, paidStart, ZONE).toISOString();
      const paidEndsAt = new Date(Date.parse(paidStartsAt) + 60 * 60_000).toISOString();
      const paidRange = formatZonedRange(paidStartsAt, paidEndsAt, ZONE);

      // ---- the student books and pays --------------------------------------------------------------
      const student = await browser.newPage();
      await logIn(student, 'student@example.com');
      const summary = await goToCheckout(student, paidDay, 60, paidStart);
      expect(await summary.getByTestId('checkout-mentor').textContent()).toBe('Asha Rao');
      expect(await summary.getByTestId('checkout-date').textContent()).toBe(formatCalendarDate(paidDay));
      expect(await summary.getByTestId('checkout-time').textContent()).toBe(`${paidTime}–${minutesToHhmm(paidStart + 60)}`);
      expect(await summary.getByTestId('checkout-price').textContent()).toBe(PRICE_60);

      const form = student.getByRole('form', { name: 'Checkout' });
      await form.getByRole('textbox', { name: /^Topic/ }).fill('Mock system design interview: a URL shortener');
      await form.getByRole('textbox', { name: /^Agenda/ }).fill('1. Requirements and estimates\n2. Storage and the hot path\n3. Feedback on how I explain trade-offs');
      await screenshot(student, '40-checkout');
      await phoneScreenshot(student, '40-checkout-360');

      const created = student.waitForResponse((r) => r.url().endsWith('/api/bookings') && r.request().method() === 'POST');
      await form.getByRole('button', { name: `Pay ${PRICE_60}` }).click();
      const createdResponse = await created;
      expect(createdResponse.status()).toBe(201);
      const createdBody = (await createdResponse.json()) as {
        booking: { id: string; code: string; status: string; startsAt: string; pricePaise: number };
        checkout: { provider: string; amountPaise: number };
      };
      expect(createdBody.booking).toMatchObject({ status: 'pending_payment', startsAt: paidStartsAt, pricePaise: 2500_00 });
      expect(createdBody.checkout).toMatchObject({ provider: 'sandbox', amountPaise: 2500_00 });
      const { id, code } = createdBody.booking;
      expect(code).toMatch(CODE_PATTERN);

      // The sandbox's checkout window: the amount, the methods, pay.
      const gateway = student.getByRole('dialog', { name: 'Mentor Connect' });
      await gateway.waitFor();
      expect(await gateway.getByTestId('checkout-amount').textContent()).toBe(PRICE_60);
      await gateway.getByRole('radio', { name: 'UPI' }).click();
      await screenshot(student, '41-sandbox-checkout', { fullPage: false });
      await phoneScreenshot(student, '41-sandbox-checkout-360', { fullPage: false });
      const verified = student.waitForResponse((r) => r.url().endsWith('/api/payments/verify'));
      await gateway.getByRole('button', { name: `Pay ${PRICE_60}` }).click();
      expect((await verified).status()).toBe(200);

      // The confirmation: the code, the time on the student's clock, what was paid, and the invite.
      await student.waitForURL(`**/bookings/${id}/confirmed`);
      await student.getByRole('heading', { name: 'Your session is booked', level: 1 }).waitFor();
      const confirmation = student.getByRole('region', { name: 'Booking summary' });
      expect(await confirmation.getByTestId('booking-code').textContent()).toBe(code);
      await confirmation.getByText('Confirmed', { exact: true }).waitFor();
      expect(await confirmation.getByTestId('booking-time').textContent()).toBe(paidRange);
      expect(await confirmation.getByTestId('booking-amount').textContent()).toBe(PRICE_60);
      const download = student.waitForEvent('download');
      await student.getByRole('button', { name: 'Add to calendar' }).click();
      const invite = await download;
      expect(invite.suggestedFilename()).toBe(`${code}.ics`);
      const ics = await readFile(await invite.path(), 'utf8');
      expect(ics).toContain('BEGIN:VCALENDAR');
      expect(ics).toContain(`DTSTART:${icsStamp(paidStartsAt)}`);
      await screenshot(student, '42-booking-confirmed');
      await phoneScreenshot(student, '42-booking-confirmed-360');

      // My bookings: upcoming and confirmed.
      await student.getByRole('main').getByRole('link', { name: 'My bookings' }).click();
      await student.waitForURL('**/bookings');
      const upcoming = student.getByRole('list', { name: 'Upcoming bookings' });
      const listed = upcoming.getByRole('listitem', { name: `Booking ${code}` });
      await listed.waitFor();
      await listed.getByText('Confirmed', { exact: true }).waitFor();
      await listed.getByText('with Asha Rao').waitFor();
      expect(await listed.getByTestId('booking-time').textContent()).toBe(paidRange);
      expect(await listed.getByTestId('booking-amount').textContent()).toBe(PRICE_60);
      // A student sees the price alone, never the mentor's split.
      expect(await listed.locator('dl').count()).toBe(0);
      await screenshot(student, '43-my-bookings');
      await phoneScreenshot(student, '43-my-bookings-360');

      await listed.getByRole('link', { name: `View details of ${code}` }).click();
      await student.waitForURL(`**/bookings/${id}`);
      await student.getByRole('heading', { name: code, level: 1 }).waitFor();
      expect(await student.getByTestId('booking-topic').textContent()).toBe('Mock system design interview: a URL shortener');
      await screenshot(student, '44-booking-detail');
      await phoneScreenshot(student, '44-booking-detail-360');

      // ---- the mentor sees it, with her share ------------------------------------------------------
      const mentor = await browser.newPage();
      await logIn(mentor, 'asha@example.com');
      await mentor.goto(`${app.baseUrl}/bookings`);
      expect(await mentor.getByRole('radio', { name: 'As mentor' }).isChecked()).toBe(true);
      const mentorItem = mentor.getByRole('list', { name: 'Upcoming bookings' }).getByRole('listitem', { name: `Booking ${code}` });
      await mentorItem.waitFor();
      await mentorItem.getByText('for Sam Student').waitFor();
      await mentorItem.getByText('Confirmed', { exact: true }).waitFor();
      expect(await mentorItem.getByTestId('booking-time').textContent()).toBe(paidRange);
      // The default split: 20% commission, a 2% gateway fee plus 18% GST on it, the rest hers.
      const expectedBreakdown = [
        ['Price', PRICE_60],
        ['Commission', '− ₹500'],
        ['Gateway fee', '− ₹59'],
        ['Your share', '₹1,941'],
      ];
      expect(await breakdownRows(mentorItem)).toEqual(expectedBreakdown);
      await screenshot(mentor, '45-mentor-bookings');
      await phoneScreenshot(mentor, '45-mentor-bookings-360');

      await mentorItem.getByRole('link', { name: `View details of ${code}` }).click();
      await mentor.waitForURL(`**/bookings/${id}`);
      const mentorPayment = mentor.getByRole('region', { name: 'Payment' });
      await mentorPayment.waitFor();
      expect(await breakdownRows(mentorPayment)).toEqual(expectedBreakdown);
      await screenshot(mentor, '46-mentor-booking-detail');

      // ---- the emails: a confirmation to each, with the calendar invite ------------------------------
      for (const address of ['student@example.com', 'asha@example.com']) {
        const mail = await confirmationMailTo(address, code);
        const part = calendarPart(mail);
        expect(part, `${address}'s confirmation has a text/calendar part`).not.toBeNull();
        expect(part!.filename).toMatch(/\.ics$/);
        expect(part!.body).toContain('BEGIN:VEVENT');
        expect(part!.body).toContain(`DTSTART:${icsStamp(paidStartsAt)}`);
      }

      // ---- the student cancels more than 24 h ahead: a full refund -----------------------------------
      await student.getByRole('navigation', { name: 'Booking actions' }).getByRole('button', { name: 'Cancel booking' }).click();
      const cancelDialog = student.getByRole('dialog', { name: 'Cancel booking' });
      await cancelDialog.getByText(`You will get ${PRICE_60} back (100%)`).waitFor();
      expect(await cancelDialog.getByTestId('refund-policy').textContent()).toBe('Cancelled more than 24 hours before the session: full refund.');
      await cancelDialog.getByRole('textbox', { name: /^Reason/ }).fill('A clash with an onsite interview');
      await screenshot(student, '47-cancel-modal', { fullPage: false });
      await phoneScreenshot(student, '47-cancel-modal-360', { fullPage: false });
      const cancelled = student.waitForResponse((r) => r.url().endsWith(`/api/bookings/${id}/cancel`));
      await cancelDialog.getByRole('button', { name: 'Cancel booking', exact: true }).click();
      const cancelledResponse = await cancelled;
      expect(cancelledResponse.status()).toBe(200);
      const cancelledBody = (await cancelledResponse.json()) as { status: string; refund: { amountPaise: number; percent: number; status: string } | null };
      expect(cancelledBody).toMatchObject({ status: 'cancelled', refund: { amountPaise: 2500_00, percent: 100 } });
      // Decided at once, processed by the gateway later.
      expect(['requested', 'pending']).toContain(cancelledBody.refund?.status);
      await cancelDialog.waitFor({ state: 'hidden' });

      const main = student.getByRole('main');
      await main.getByText('Cancelled', { exact: true }).waitFor();
      await main.getByTestId('cancellation').getByText(/^Cancelled by you on .*: “A clash with an onsite interview”$/).waitFor();
      const refund = student.getByRole('region', { name: 'Refund' });
      expect(await refund.getByTestId('refund-amount').textContent()).toBe(`${PRICE_60} (100%)`);
      // The gateway processes the refund a few seconds later; the page asks again by itself.
      await refund.getByTestId('refund-status').getByText('Processed', { exact: true }).waitFor({ timeout: 30_000 });
      await refund.getByText(/^Processed on /).waitFor();
      expect(await student.getByRole('navigation', { name: 'Booking actions' }).count()).toBe(0);
      await screenshot(student, '48-refund-processed');
      await phoneScreenshot(student, '48-refund-processed-360');

      // The cancelled tab lists it with the refund.
      await student.goto(`${app.baseUrl}/bookings?status=cancelled`);
      const cancelledItem = student.getByRole('list', { name: 'Cancelled bookings' }).getByRole('listitem', { name: `Booking ${code}` });
      await cancelledItem.getByText(`Refund ${PRICE_60} (100%)`).waitFor();
      await cancelledItem.getByText('Processed', { exact: true }).waitFor();
      await screenshot(student, '49-my-bookings-cancelled');

      // Payments: what was paid, and that it all came back.
      await student.getByRole('banner').getByRole('link', { name: 'Payments' }).click();
      await student.waitForURL('**/payments');
      const payment = student.getByRole('list', { name: 'Payments' }).getByRole('listitem', { name: `Payment for ${code}` });
      expect(await payment.getByTestId('payment-amount').textContent()).toBe(PRICE_60);
      await payment.getByText('Refunded', { exact: true }).waitFor();
      expect(await payment.getByTestId('payment-refunded').textContent()).toBe(`Refunded ${PRICE_60} · Processed`);
      await payment.getByRole('link', { name: `Invoice for ${code}` }).waitFor();
      await screenshot(student, '49-payments');
    },
    JOURNEY_TIMEOUT_MS,
  );

  it(
    'when a payment fails and the student cancels the booking, then the held time is let go and is bookable again',
    async () => {
      const student = await browser.newPage();
      await logIn(student, 'student@example.com');
      const summary = await goToCheckout(student, failedDay, 30, failedStart);
      expect(await summary.getByTestId('checkout-price').textContent()).toBe(PRICE_30);
      const form = student.getByRole('form', { name: 'Checkout' });
      await form.getByRole('textbox', { name: /^Topic/ }).fill('Resume review');
      const created = student.waitForResponse((r) => r.url().endsWith('/api/bookings') && r.request().method() === 'POST');
      await form.getByRole('button', { name: `Pay ${PRICE_30}` }).click();
      expect((await created).status()).toBe(201);

      // While it waits for payment, the time is held: nobody else is offered it (another signed-in user on Kolkata clocks).
      const other = await browser.newPage();
      await logIn(other, 'admin@example.com');
      await expectOffered(other, failedDay, 30, failedTime, false);

      const gateway = student.getByRole('dialog', { name: 'Mentor Connect' });
      await gateway.getByRole('button', { name: 'Simulate failure' }).click();
      await gateway.getByRole('heading', { name: 'Payment failed' }).waitFor();
      await gateway.getByText('No money was taken.', { exact: false }).waitFor();
      await screenshot(student, '50-payment-failed', { fullPage: false });
      await phoneScreenshot(student, '50-payment-failed-360', { fullPage: false });

      const released = student.waitForResponse((r) => /\/api\/bookings\/[^/]+\/cancel$/.test(r.url()));
      await gateway.getByRole('button', { name: 'Cancel booking', exact: true }).click();
      const releasedResponse = await released;
      expect(releasedResponse.status()).toBe(200);
      expect(await releasedResponse.json()).toMatchObject({ status: 'cancelled', refund: null });
      await gateway.waitFor({ state: 'hidden' });
      await student.getByRole('heading', { name: 'The time was released' }).waitFor();
      await screenshot(student, '51-hold-released');

      // The same time is back in the calendar.
      const times = await expectOffered(student, failedDay, 30, failedTime, true);
      await times.getByRole('button', { name: failedTime, exact: true }).click();
      await student.getByRole('region', { name: 'Your selection' }).getByTestId('summary-time').getByText(new RegExp(`^${failedTime}–`)).waitFor();
      await screenshot(student, '52-time-free-again');
    },
    JOURNEY_TIMEOUT_MS,
  );
});
