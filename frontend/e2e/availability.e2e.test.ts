import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, formatCalendarDate, todayIn, zonedHhmm, zonedParts, zonedTimeToInstant } from '../src/lib/time-zone-clock';
import { e2eNow } from './support/clock';
import { launchBrowser, phoneScreenshot, screenshot, startApp, type RunningApp, type RunningBrowser } from './support/app';
import { logIn as logInAt, showDay, weekdayFrom } from './support/ui';

// A mentor publishes hours, a day off and a group session; a student in London sees them on the
// mentor's page, on London clocks. The built backend with its demo data, and Debian's chromium.

let app: RunningApp;
let browser: RunningBrowser;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const MENTOR_ZONE = 'Asia/Kolkata';
const STUDENT_ZONE = 'Europe/London';

// Two days out clears the 12-hour minimum notice whatever the hour; each date a different weekday.
const today = todayIn(MENTOR_ZONE, e2eNow());
const openDay = weekdayFrom(addDays(today, 2), 0);
const blockedDay = weekdayFrom(addDays(today, 2), 1);
const slotDay = weekdayFrom(addDays(today, 2), 2);
const nineInKolkata = zonedTimeToInstant(openDay, 9 * 60, MENTOR_ZONE);
const studentOpenDay = zonedParts(nineInKolkata, STUDENT_ZONE).date;
const nineInLondon = zonedHhmm(nineInKolkata, STUDENT_ZONE);
const slotTitle = 'Group: e2e system design clinic';

const logIn = (page: Page, email: string) => logInAt(page, app.baseUrl, email);

describe('availability and the booking calendar in the browser', () => {
  it('when a mentor sets hours, blocks a date and adds a group session, then a student in London sees them on London clocks', async () => {
    // A winter date is 03:30 in London, a summer one 04:30: either way it is the real conversion.
    expect(['03:30', '04:30']).toContain(nineInLondon);

    // ---- the mentor ------------------------------------------------------------------------------
    const mentor = await browser.newPage();
    await logIn(mentor, 'asha@example.com');
    await mentor.getByRole('article', { name: 'Set your weekly hours' }).getByRole('link').click();
    await mentor.waitForURL('**/mentor/availability');
    await mentor.getByRole('heading', { name: 'Availability', level: 1 }).waitFor();

    await mentor.getByRole('combobox', { name: 'Monday, hours 1 from' }).selectOption('09:00');
    await mentor.getByRole('combobox', { name: 'Monday, hours 1 to' }).selectOption('11:00');
    await mentor.getByRole('button', { name: "Copy Monday's hours to other days" }).click();
    for (const day of ['Tuesday', 'Wednesday', 'Thursday', 'Friday']) await mentor.getByRole('checkbox', { name: day }).check();
    await mentor.getByRole('button', { name: 'Copy', exact: true }).click();
    for (const day of ['Tuesday', 'Friday']) {
      expect(await mentor.getByRole('combobox', { name: `${day}, hours 1 from` }).inputValue()).toBe('09:00');
      expect(await mentor.getByRole('combobox', { name: `${day}, hours 1 to` }).inputValue()).toBe('11:00');
    }
    const saved = mentor.waitForResponse((r) => r.url().endsWith('/api/mentors/me/availability') && r.request().method() === 'PUT');
    await mentor.getByRole('button', { name: 'Save availability' }).click();
    const savedResponse = await saved;
    expect(savedResponse.status()).toBe(200);
    const savedBody = (await savedResponse.json()) as { weekly: { weekday: number; startMinute: number; endMinute: number }[] };
    expect(savedBody.weekly.filter((rule) => rule.weekday >= 1 && rule.weekday <= 5)).toEqual(
      [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startMinute: 540, endMinute: 660 })),
    );
    await mentor.getByText('Availability saved').waitFor();
    await screenshot(mentor, '30-availability');
    await phoneScreenshot(mentor, '30-availability-360');

    // A day off on the second weekday.
    const overrides = mentor.getByRole('form', { name: 'Add a date override' });
    await overrides.getByText('Block a date', { exact: true }).click();
    await (await showDay(overrides, blockedDay)).click();
    await overrides.getByTestId('picked-dates').getByText(formatCalendarDate(blockedDay)).waitFor();
    const blocked = mentor.waitForResponse((r) => r.url().endsWith('/api/mentors/me/availability/overrides') && r.request().method() === 'POST');
    await overrides.getByRole('button', { name: 'Block this date' }).click();
    expect((await blocked).status()).toBe(201);
    await mentor.getByRole('list', { name: 'Upcoming dates off and other hours' }).getByRole('listitem', { name: `Day off: ${formatCalendarDate(blockedDay, 'medium')}` }).waitFor();
    await screenshot(mentor, '31-availability-day-off');
    await phoneScreenshot(mentor, '31-availability-day-off-360');

    // A group session on the third weekday at 19:00 Kolkata.
    await mentor.getByRole('tab', { name: 'Slots' }).click();
    await mentor.waitForURL('**/mentor/availability/slots');
    await mentor.getByRole('heading', { name: 'Upcoming slots' }).waitFor();
    await mentor.getByRole('button', { name: 'New slot' }).click();
    const dialog = mentor.getByRole('dialog', { name: 'New slot' });
    await dialog.getByRole('textbox', { name: /^Title/ }).fill(slotTitle);
    await dialog.getByRole('button', { name: /^Date/ }).click();
    // The date picker's calendar opens in a popover outside the dialog.
    await (await showDay(mentor.locator('body'), slotDay)).click();
    await dialog.getByRole('combobox', { name: /^Start time/ }).selectOption('19:00');
    await dialog.getByRole('textbox', { name: /^Seats/ }).fill('6');
    await dialog.getByRole('textbox', { name: /^Price per person/ }).fill('599');
    await screenshot(mentor, '32-slot-form');
    await phoneScreenshot(mentor, '32-slot-form-360');
    const created = mentor.waitForResponse((r) => r.url().endsWith('/api/mentors/me/slots') && r.request().method() === 'POST');
    await dialog.getByRole('button', { name: 'Publish slot' }).click();
    const createdResponse = await created;
    expect(createdResponse.status()).toBe(201);
    expect(await createdResponse.json()).toMatchObject({
      kind: 'group',
      capacity: 6,
      pricePaise: 599_00,
      startsAt: zonedTimeToInstant(slotDay, 19 * 60, MENTOR_ZONE).toISOString(),
    });
    const slotItem = mentor.getByRole('listitem', { name: new RegExp(`^${slotTitle}`) });
    await slotItem.getByText('0/6 booked').waitFor();
    await screenshot(mentor, '33-slots');
    await phoneScreenshot(mentor, '33-slots-360');

    // ---- the student, in London --------------------------------------------------------------------
    const student = await browser.newPage();
    await logIn(student, 'student@example.com');
    await student.goto(`${app.baseUrl}/profile`);
    await student.getByRole('button', { name: 'Use it' }).click();
    const profileSaved = student.waitForResponse((r) => r.url().endsWith('/api/users/me') && r.request().method() === 'PATCH');
    await student.getByRole('button', { name: 'Save changes' }).click();
    expect(await (await profileSaved).json()).toMatchObject({ timeZone: STUDENT_ZONE });

    await student.goto(`${app.baseUrl}/mentors/asha-rao`);
    const booking = student.getByRole('region', { name: 'Book a session' });
    await booking.waitFor();
    expect(await booking.getByRole('combobox', { name: 'Times shown in' }).inputValue()).toContain(STUDENT_ZONE);
    await booking.getByText(/^30 min/).click();

    // The open weekday: 09:00 in Kolkata shows as London time.
    await (await showDay(booking, studentOpenDay)).click();
    const times = booking.getByRole('group', { name: `Free 30-minute times on ${formatCalendarDate(studentOpenDay)}` });
    await times.getByRole('button', { name: nineInLondon, exact: true }).waitFor();
    expect(await times.getByRole('button').first().textContent()).toBe(nineInLondon);

    // The blocked date offers no free times (a demo group session may still be listed on it, depending on the date).
    const blockedButton = await showDay(booking, blockedDay);
    expect(await blockedButton.getAttribute('aria-label')).toMatch(new RegExp(`^${formatCalendarDate(blockedDay)}, (no free times|\\d+ sessions?)$`));

    // The group session, with its seats and price.
    await (await showDay(booking, slotDay)).click();
    const session = booking.getByRole('listitem', { name: slotTitle });
    await session.getByText('6 seats left').waitFor();
    await session.getByText('₹599').waitFor();
    await session.getByText(`${zonedHhmm(zonedTimeToInstant(slotDay, 19 * 60, MENTOR_ZONE), STUDENT_ZONE)}–`, { exact: false }).waitFor();

    // Back to the open day: choosing a time shows the summary on both clocks.
    await (await showDay(booking, studentOpenDay)).click();
    await times.getByRole('button', { name: nineInLondon, exact: true }).click();
    const summary = booking.getByRole('region', { name: 'Your selection' });
    await summary.getByTestId('summary-time').getByText(new RegExp(`^${nineInLondon}–`)).waitFor();
    expect(await summary.getByTestId('summary-date').textContent()).toBe(formatCalendarDate(studentOpenDay));
    expect(await summary.getByTestId('summary-mentor-time').textContent()).toContain(`09:00–09:30 for the mentor (${MENTOR_ZONE})`);
    // The choice leads on to checkout for exactly this time and length.
    const checkoutHref = new URL((await summary.getByRole('link', { name: 'Continue to checkout' }).getAttribute('href')) ?? '', app.baseUrl);
    expect(checkoutHref.pathname).toBe('/book/asha-rao');
    expect(checkoutHref.searchParams.get('start')).toBe(nineInKolkata.toISOString());
    expect(checkoutHref.searchParams.get('duration')).toBe('30');
    await summary.getByText('We hold the time for 15 minutes while you pay').waitFor();
    await screenshot(student, '34-booking-calendar');
    await phoneScreenshot(student, '34-booking-calendar-360');
  });
});
