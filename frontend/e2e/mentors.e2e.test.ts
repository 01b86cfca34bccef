import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  desktopViewport,
  launchBrowser,
  phoneScreenshot,
  phoneViewport,
  screenshot,
  startApp,
  type RunningApp,
  type RunningBrowser,
} from './support/app';
import { logIn as logInAt } from './support/ui';

// Mentor onboarding, admin vetting, discovery and public profiles, end to end: the built backend
// (with its demo data: admin@, student@, asha@ and 12 more mentors, rahul@ pending) serving the
// built SPA, and Debian's chromium. Screenshots land in frontend/e2e/screenshots/.

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

const uniqueEmail = (label: string) => `e2e.${label}.${Date.now()}.${Math.random().toString(36).slice(2, 8)}@example.com`;

const logIn = (page: Page, email: string) => logInAt(page, app.baseUrl, email);

const mainNav = (page: Page) => page.getByRole('navigation', { name: 'Main', exact: true });
const stepHeading = (page: Page, name: string) => page.getByRole('heading', { level: 2, name, exact: true });

/** Closes the toasts, which would otherwise sit on top of the page in a screenshot. */
async function dismissToasts(page: Page) {
  for (const close of await page.locator('.mantine-Notification-closeButton').all()) await close.click().catch(() => undefined);
  await page.locator('.mantine-Notification-root').first().waitFor({ state: 'detached' }).catch(() => undefined);
}

/** Picks `options` in a Mantine MultiSelect / Select, then closes its dropdown. */
async function pick(page: Page, combobox: string, options: (string | RegExp)[]) {
  await page.getByRole('combobox', { name: combobox }).click();
  for (const option of options) await page.getByRole('option', { name: option }).click();
  await page.keyboard.press('Escape');
}

describe('mentor onboarding, vetting and discovery in the browser', () => {
  it(
    'when a new user applies (with a draft saved midway) and an admin approves, then they become a mentor that anyone can find and open',
    { timeout: 100_000 },
    async () => {
      const applicant = await browser.newPage();
      const name = 'Zoya Quasar';
      const email = uniqueEmail('applicant');
      const headline = 'Quantum computing researcher · superconducting qubits and careers';

      // Register; the dashboard offers the application.
      await applicant.goto(`${app.baseUrl}/register`);
      await applicant.getByLabel('Name').fill(name);
      await applicant.getByLabel('Email').fill(email);
      await applicant.getByLabel(/^Password/).fill('a perfectly long password');
      await applicant.getByRole('button', { name: 'Create account' }).click();
      await applicant.waitForURL('**/dashboard');
      await applicant.getByRole('heading', { name: 'Become a mentor' }).waitFor();
      await mainNav(applicant).getByRole('link', { name: 'Become a mentor' }).click();
      await applicant.waitForURL('**/become-a-mentor');

      // Step 1: about.
      await stepHeading(applicant, 'About you').waitFor();
      await screenshot(applicant, '10-become-a-mentor');
      await phoneScreenshot(applicant, '10-become-a-mentor-360');
      await applicant.getByLabel(/^Headline/).fill(headline);
      await applicant
        .getByLabel(/^Bio/)
        .fill('I build superconducting qubits at IBM Research and help students find their way into quantum computing careers.');
      await applicant.getByLabel(/^LinkedIn profile/).fill('https://www.linkedin.com/in/zoya-quasar');
      await applicant.getByRole('button', { name: 'Next' }).click();

      // Step 2: experience, with a second role; then save the draft and come back later.
      await stepHeading(applicant, 'Experience').waitFor();
      await applicant.getByLabel(/^Company/).fill('IBM Research');
      await applicant.getByLabel(/^Role/).fill('Research Scientist');
      await applicant.getByLabel(/^Years/).fill('5');
      await applicant.getByRole('button', { name: 'Add a role' }).click();
      await applicant.getByLabel(/^Company/).nth(1).fill('CERN');
      await applicant.getByLabel(/^Role/).nth(1).fill('Fellow');
      await applicant.getByLabel(/^Years/).nth(1).fill('2');
      const draftSaved = applicant.waitForResponse((r) => r.url().endsWith('/api/mentors/applications/me/draft'));
      await applicant.getByRole('button', { name: 'Save and continue later' }).click();
      expect((await draftSaved).status()).toBe(200);
      await applicant.getByText('Draft saved', { exact: true }).waitFor();

      await applicant.reload();
      // Back where they left off: the first unfinished step, with the earlier answers kept.
      await stepHeading(applicant, 'Expertise & topics').waitFor();
      await applicant.getByRole('button', { name: 'Back' }).click();
      await stepHeading(applicant, 'Experience').waitFor();
      expect(await applicant.getByLabel(/^Company/).nth(1).inputValue()).toBe('CERN');
      await applicant.getByRole('button', { name: 'Next' }).click();

      // Step 3: expertise (free tags) and topics.
      await stepHeading(applicant, 'Expertise & topics').waitFor();
      const tags = applicant.getByRole('combobox', { name: 'Expertise' });
      for (const tag of ['Quantum Computing', 'Qiskit']) {
        await tags.fill(tag);
        await tags.press('Enter');
      }
      await tags.press('Escape');
      await pick(applicant, 'Session topics', ['Career Guidance', 'Data Science']);
      await applicant.getByRole('button', { name: 'Next' }).click();

      // Step 4: languages; the time zone is preselected from the account (the browser's zone).
      await stepHeading(applicant, 'Languages & time zone').waitFor();
      expect(await applicant.getByRole('combobox', { name: 'Your time zone' }).inputValue()).toContain('Europe/London');
      await pick(applicant, 'Languages you mentor in', ['English', 'Hindi']);
      await applicant.getByRole('button', { name: 'Next' }).click();

      // Step 5: prices in rupees; the rule is checked before anything is sent.
      await stepHeading(applicant, 'Prices').waitFor();
      await applicant.getByLabel(/^30-minute session/).fill('2000');
      await applicant.getByLabel(/^60-minute session/).fill('1500');
      await applicant.getByRole('button', { name: 'Next' }).click();
      await applicant.getByText('The 60-minute price cannot be below the 30-minute price').waitFor();
      await applicant.getByLabel(/^60-minute session/).fill('2500');
      expect(await applicant.getByLabel(/^60-minute session/).inputValue()).toBe('₹2,500');
      await applicant.getByRole('button', { name: 'Next' }).click();

      // Review, then submit.
      await stepHeading(applicant, 'Review and submit').waitFor();
      await applicant.getByText('Fellow').waitFor();
      await screenshot(applicant, '11-become-a-mentor-review');
      const submitted = applicant.waitForResponse((r) => r.url().endsWith('/api/mentors/applications') && r.request().method() === 'POST');
      await applicant.getByRole('button', { name: 'Submit application' }).click();
      const submittedBody = (await (await submitted).json()) as { status: string; price30Paise: number; price60Paise: number };
      expect(submittedBody).toMatchObject({ status: 'pending', price30Paise: 2_000_00, price60Paise: 2_500_00 });
      await applicant.getByText('Your application is under review').waitFor();
      await dismissToasts(applicant);
      await screenshot(applicant, '12-become-a-mentor-pending');
      await phoneScreenshot(applicant, '12-become-a-mentor-pending-360');

      // The admin approves it.
      const admin = await browser.newPage();
      await logIn(admin, 'admin@example.com');
      await admin.getByRole('link', { name: /Review applications \(\d+ pending\)/ }).waitFor();
      await mainNav(admin).getByRole('link', { name: 'Applications' }).click();
      await admin.waitForURL('**/admin/applications');
      const card = admin.getByRole('article', { name: `Application from ${name}` });
      await card.waitFor();
      await card.getByRole('button', { name: 'Read the full application' }).click();
      await card.getByText('Research Scientist').waitFor();
      await screenshot(admin, '13-admin-applications');
      await phoneScreenshot(admin, '13-admin-applications-360');
      const approved = admin.waitForResponse((r) => r.url().includes('/approve'));
      await card.getByRole('button', { name: 'Approve' }).click();
      expect((await approved).status()).toBe(200);
      await admin.getByText('Application approved').waitFor();
      await card.waitFor({ state: 'detached' });
      await admin.getByRole('tab', { name: 'Approved' }).click();
      await admin.getByRole('article', { name: `Application from ${name}` }).getByRole('link', { name: 'View public page' }).waitFor();

      // The applicant's page, refreshed: approved, and the session now says mentor.
      await applicant.reload();
      await applicant.getByText("You're a mentor on Mentor Connect").waitFor();
      await mainNav(applicant).getByRole('link', { name: 'My profile' }).waitFor();
      expect(await mainNav(applicant).getByRole('link', { name: 'Become a mentor' }).count()).toBe(0);
      await screenshot(applicant, '14-become-a-mentor-approved');

      // The new mentor's own profile page: the same fields, a photo and the pause switch.
      await mainNav(applicant).getByRole('link', { name: 'My profile' }).click();
      await applicant.getByRole('heading', { name: 'Your mentor profile' }).waitFor();
      expect(await applicant.getByLabel(/^Headline/).inputValue()).toBe(headline);
      await applicant.getByRole('switch', { name: /Accepting bookings/ }).waitFor();
      await screenshot(applicant, '14-mentor-my-profile');
      await phoneScreenshot(applicant, '14-mentor-my-profile-360');

      // Anyone can find the new mentor by a word from the headline, and open the profile.
      const visitor = await browser.newPage();
      await visitor.goto(`${app.baseUrl}/mentors`);
      await visitor.getByRole('link', { name: /^Asha Rao/ }).waitFor();
      await visitor.getByRole('searchbox', { name: 'Search mentors' }).fill('superconduct');
      await visitor.waitForURL((url) => url.searchParams.get('q') === 'superconduct');
      const result = visitor.getByRole('list', { name: 'Mentors' }).getByRole('link', { name: new RegExp(`^${name}`) });
      await result.waitFor();
      expect(await visitor.getByRole('list', { name: 'Mentors' }).getByRole('link').count()).toBe(1);
      await result.click();
      await visitor.waitForURL('**/mentors/zoya-quasar');
      await visitor.getByRole('heading', { level: 1, name }).waitFor();
      const booking = visitor.getByRole('region', { name: 'Book a session' });
      expect(await booking.getByTestId('price-30').textContent()).toBe('₹2,000');
      expect(await booking.getByTestId('price-60').textContent()).toBe('₹2,500');
      // A brand-new mentor has published no hours yet.
      await booking.getByText('No free times in this month — try next month').waitFor();
      await visitor.getByText('No reviews yet').waitFor();
      await visitor.getByText('IBM Research · CERN').waitFor();
      await screenshot(visitor, '15-mentor-profile');
      await phoneScreenshot(visitor, '15-mentor-profile-360');
    },
  );

  it('when discovery is filtered by language and sorted by price, then the URL holds the filters and the back button undoes them; on a phone they sit in a drawer', async () => {
    const page = await browser.newPage();
    await page.goto(`${app.baseUrl}/mentors`);
    const results = page.getByRole('list', { name: 'Mentors' });
    await results.getByRole('link', { name: /^Asha Rao/ }).waitFor();
    await screenshot(page, '16-mentors');
    await phoneScreenshot(page, '16-mentors-360');

    await pick(page, 'Language', [/^Tamil/]);
    await page.waitForURL((url) => url.searchParams.get('language') === 'Tamil');
    await pick(page, 'Sort by', ['Price: low to high']);
    await page.waitForURL((url) => url.searchParams.get('sort') === 'price_asc');
    expect(new URL(page.url()).search).toBe('?language=Tamil&sort=price_asc');

    // The Tamil-speaking demo mentors, cheapest first (Rahul also speaks Tamil, but he isn't approved).
    await expect.poll(() => results.getByRole('link').evaluateAll((links) => links.map((link) => link.getAttribute('href')))).toEqual([
      '/mentors/vikram-menon',
      '/mentors/arjun-iyer',
    ]);
    await results.getByText('₹800').waitFor();
    await screenshot(page, '17-mentors-filtered');

    // A shared link opens the same search.
    const shared = await browser.newPage();
    await shared.goto(`${app.baseUrl}/mentors?language=Tamil&sort=price_asc`);
    await shared.getByRole('list', { name: 'Mentors' }).getByRole('link', { name: /^Vikram Menon/ }).waitFor();
    expect(await shared.getByRole('list', { name: 'Mentors' }).getByRole('link').count()).toBe(2);

    // Back undoes the sort, then the language.
    await page.goBack();
    await page.waitForURL((url) => url.search === '?language=Tamil');
    expect(await page.getByRole('combobox', { name: 'Sort by' }).inputValue()).toBe('Best match');
    await page.goBack();
    await page.waitForURL((url) => url.search === '');
    await results.getByRole('link', { name: /^Asha Rao/ }).waitFor();

    // On a phone the filters are behind a button that counts them.
    await page.goto(`${app.baseUrl}/mentors?language=Tamil&sort=price_asc`);
    await page.setViewportSize(phoneViewport);
    await page.getByRole('button', { name: 'Filters, 1 active' }).click();
    const drawer = page.getByRole('dialog', { name: 'Filters' });
    await drawer.waitFor();
    expect(await drawer.getByRole('combobox', { name: 'Language' }).inputValue()).toBe('Tamil (2)');
    await screenshot(page, '18-mentors-filters-drawer-360', { fullPage: false });
    await drawer.getByRole('button', { name: 'Show 2 mentors' }).click();
    await drawer.waitFor({ state: 'hidden' });
    await page.setViewportSize(desktopViewport);
  });

  it('when an admin rejects an application with a reason, then the applicant reads the reason and can reapply', async () => {
    const reason = 'Please add detail about the projects you have mentored people on, with links if you can.';
    const admin = await browser.newPage();
    await logIn(admin, 'admin@example.com');
    await admin.goto(`${app.baseUrl}/admin/applications`);
    const card = admin.getByRole('article', { name: 'Application from Rahul Verma' });
    await card.getByRole('button', { name: 'Reject' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Reject application' });
    await dialog.getByLabel(/^Reason/).fill(reason);
    await screenshot(admin, '19-admin-reject-modal');
    const rejected = admin.waitForResponse((r) => r.url().includes('/reject'));
    await dialog.getByRole('button', { name: 'Reject application' }).click();
    expect((await rejected).status()).toBe(200);
    await dialog.waitFor({ state: 'hidden' });
    await admin.getByRole('tab', { name: 'Rejected' }).click();
    await admin.getByRole('article', { name: 'Application from Rahul Verma' }).getByText(reason).waitFor();

    const rahul = await browser.newPage();
    await logIn(rahul, 'rahul@example.com');
    await rahul.getByRole('banner').getByRole('link', { name: 'Notifications, 1 unread' }).waitFor();
    await mainNav(rahul).getByRole('link', { name: 'Become a mentor' }).click();
    await rahul.getByText('Your application was not approved').waitFor();
    expect(await rahul.getByTestId('rejection-reason').textContent()).toBe(reason);
    await screenshot(rahul, '20-become-a-mentor-rejected');
    await phoneScreenshot(rahul, '20-become-a-mentor-rejected-360');

    await rahul.getByRole('button', { name: 'Edit and reapply' }).click();
    await stepHeading(rahul, 'About you').waitFor();
    expect(await rahul.getByLabel(/^Headline/).inputValue()).toBe('Full-stack developer at Zoho · MERN stack and freelancing');

    // The notification leads back here, and reading it clears the bell.
    await rahul.getByRole('banner').getByRole('link', { name: 'Notifications, 1 unread' }).click();
    await rahul.waitForURL('**/notifications');
    await rahul.getByRole('button', { name: /^Unread: Your mentor application was not approved/ }).waitFor();
    await screenshot(rahul, '21-notifications');
    await phoneScreenshot(rahul, '21-notifications-360');
    await rahul.getByRole('button', { name: /^Unread: Your mentor application was not approved/ }).click();
    await rahul.waitForURL('**/become-a-mentor');
    await rahul.getByRole('banner').getByRole('link', { name: 'Notifications', exact: true }).waitFor();
  });
});
