import type { Locator, Page } from 'playwright-core';
import { addDays, formatCalendarDate, weekdayOf } from '../../src/lib/time-zone-clock';

// Steps the journeys take through the app's own screens, shared by the e2e tests.

/** Every demo account's password (the backend's seed). */
export const DEMO_PASSWORD = 'Password123!';

/** An access token for a demo account, through the API (for a step another device would take). */
export async function apiLogin(baseUrl: string, email: string, password = DEMO_PASSWORD): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (res.status !== 200) throw new Error(`logging in ${email}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

/** Logs in through the login form of the app at `baseUrl` and waits for the dashboard. */
export async function logIn(page: Page, baseUrl: string, email: string, password = DEMO_PASSWORD) {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel(/^Password/).fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL('**/dashboard');
}

/** Steps the calendar inside `scope` forward, or else back, until `date`'s day button is on screen. */
export async function showDay(scope: Locator, date: string) {
  const day = scope.getByRole('button', { name: new RegExp(`^${formatCalendarDate(date)}`) });
  for (const [direction, steps] of [['Next month', 3], ['Previous month', 6]] as const) {
    for (let step = 0; step < steps && (await day.count()) === 0; step++) {
      const control = scope.getByRole('button', { name: direction });
      if (await control.isDisabled()) break;
      await control.click();
    }
  }
  await day.waitFor();
  return day;
}

/** The n-th Monday–Friday on or after `date`. */
export function weekdayFrom(date: string, n = 0): string {
  let day = date;
  for (let found = -1; ; day = addDays(day, 1)) {
    const weekday = weekdayOf(day);
    if (weekday >= 1 && weekday <= 5 && ++found === n) return day;
  }
}
