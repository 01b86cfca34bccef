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

// The real thing end to end: the built backend serving the built SPA, a fresh database, and
// Debian's chromium. Screenshots of every page land in frontend/e2e/screenshots/.

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

describe('accounts and auth in the browser', () => {
  it('when a visitor signs up, then they reach the dashboard, stay signed in across a reload, can rename themselves and log out', async () => {
    const page = await browser.newPage();
    const name = 'Asha Rao';
    const newName = 'Asha R. Iyer';
    const email = uniqueEmail('journey');

    // Landing → register.
    await page.goto(`${app.baseUrl}/`);
    await page.getByRole('heading', { name: 'Book 1-to-1 sessions with vetted mentors' }).waitFor();
    await screenshot(page, '01-landing');
    await phoneScreenshot(page, '01-landing-360');

    await page.getByRole('main').getByRole('link', { name: 'Sign up' }).click();
    await page.waitForURL('**/register');
    await page.getByRole('heading', { name: 'Create your account' }).waitFor();
    await screenshot(page, '02-register');
    await phoneScreenshot(page, '02-register-360');

    await page.getByLabel('Name').fill(name);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel(/^Password/).fill('a perfectly long password');
    const registered = page.waitForResponse((r) => r.url().endsWith('/api/auth/register'));
    await page.getByRole('button', { name: 'Create account' }).click();
    expect((await registered).status()).toBe(201);

    // Signed in straight away, on the dashboard, told their role.
    await page.waitForURL('**/dashboard');
    await page.getByRole('heading', { name: `Welcome, ${name}` }).waitFor();
    await page.getByText('You are signed in as a student').waitFor();
    await page.getByRole('heading', { name: 'Find a mentor' }).waitFor();
    await screenshot(page, '03-dashboard');
    await phoneScreenshot(page, '03-dashboard-360');

    // The burger menu on a phone.
    await page.setViewportSize(phoneViewport);
    await page.getByRole('button', { name: 'Open navigation' }).click();
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Profile' }).waitFor();
    await screenshot(page, '03-dashboard-360-menu', { fullPage: false });
    await page.getByRole('button', { name: 'Close navigation' }).click();
    await page.setViewportSize(desktopViewport);

    // A reload restores the session from the refresh cookie.
    await page.reload();
    await page.getByText('You are signed in as a student').waitFor();
    expect(new URL(page.url()).pathname).toBe('/dashboard');
    await screenshot(page, '04-dashboard-after-reload');

    // Profile, through the account menu.
    await page.getByRole('button', { name: `Account menu for ${name}` }).click();
    await page.getByRole('menuitem', { name: 'Profile' }).click();
    await page.waitForURL('**/profile');
    const nameInput = page.getByRole('textbox', { name: 'Name' });
    await expect.poll(() => nameInput.inputValue()).toBe(name);
    expect(await page.getByRole('textbox', { name: 'Email' }).inputValue()).toBe(email);
    expect(await page.getByRole('textbox', { name: 'Role' }).inputValue()).toBe('Student');
    // Registration doesn't take a time zone; the app aligned it with the browser's right after.
    expect(await page.getByRole('combobox', { name: /^Time zone/ }).inputValue()).toContain('Europe/London');
    await screenshot(page, '05-profile');
    await phoneScreenshot(page, '05-profile-360');

    await nameInput.fill(newName);
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/users/me') && r.request().method() === 'PATCH');
    await page.getByRole('button', { name: 'Save changes' }).click();
    expect((await saved).status()).toBe(200);
    await page.getByText('Profile saved').waitFor();
    await page.getByRole('button', { name: `Account menu for ${newName}` }).waitFor();
    await screenshot(page, '06-profile-saved');

    await page.reload();
    await expect.poll(() => page.getByRole('textbox', { name: 'Name' }).inputValue()).toBe(newName);

    // Log out: back on the login page, and the session is really gone.
    await page.getByRole('button', { name: `Account menu for ${newName}` }).click();
    await page.getByRole('menuitem', { name: 'Log out' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    await page.getByRole('heading', { name: 'Welcome back' }).waitFor();
    await screenshot(page, '07-login-after-logout');
    await phoneScreenshot(page, '07-login-360');

    await page.goto(`${app.baseUrl}/dashboard`);
    await page.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('next') === '/dashboard');
  });

  it("when the password is too short, then the register form shows the server's 422 next to the password field", async () => {
    const page = await browser.newPage();
    await page.goto(`${app.baseUrl}/register`);
    await page.getByLabel('Name').fill('Short Password');
    await page.getByLabel('Email').fill(uniqueEmail('short'));
    await page.getByLabel(/^Password/).fill('short');
    const rejected = page.waitForResponse((r) => r.url().endsWith('/api/auth/register'));
    await page.getByRole('button', { name: 'Create account' }).click();

    const response = await rejected;
    expect(response.status()).toBe(422);
    const body = (await response.json()) as { code: string; errors?: { path: string; message: string }[] };
    expect(body.code).toBe('validation_failed');
    const passwordError = body.errors?.find((error) => error.path === 'password');
    expect(passwordError?.message).toBeTruthy();

    const password = page.getByLabel(/^Password/);
    await expect.poll(() => password.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await password.getAttribute('aria-describedby')) ?? '';
    await expect
      .poll(() => page.locator(describedBy.split(/\s+/).filter(Boolean).map((id) => `[id="${id}"]`).join(', ')).allTextContents())
      .toContain(passwordError?.message);
    await expect.poll(() => page.getByRole('alert').count()).toBe(0);
    expect(new URL(page.url()).pathname).toBe('/register');
    await screenshot(page, '08-register-422');
    await phoneScreenshot(page, '08-register-422-360');
  });

  it('when the app is open in two tabs and both reload at once, then both stay signed in', async () => {
    const page = await browser.newPage();
    await page.goto(`${app.baseUrl}/register`);
    await page.getByLabel('Name').fill('Two Tabs');
    await page.getByLabel('Email').fill(uniqueEmail('tabs'));
    await page.getByLabel(/^Password/).fill('a perfectly long password');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL('**/dashboard');
    const otherTab = await page.context().newPage();
    await otherTab.goto(`${app.baseUrl}/dashboard`);
    await otherTab.getByText('You are signed in as a student').waitFor();

    // Each reload refreshes the session, and the server rotates the refresh cookie each time; two
    // refreshes racing with the same cookie would look like token theft and end the session.
    await Promise.all([page.reload(), otherTab.reload()]);

    for (const tab of [page, otherTab]) {
      await tab.getByText('You are signed in as a student').waitFor();
      expect(new URL(tab.url()).pathname).toBe('/dashboard');
    }
    await page.reload();
    await page.getByText('You are signed in as a student').waitFor();
  });
});
