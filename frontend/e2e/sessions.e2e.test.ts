import { execFile } from 'node:child_process';
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eNow } from './support/clock';
import { launchBrowser, phoneScreenshot, repoRoot, screenshot, startApp, type RunningApp, type RunningBrowser } from './support/app';
import { callCommands, enteredCall, fireCallEvent, serveJitsiStandIn } from './support/jitsi-stand-in';
import { logIn } from './support/ui';

// The seeded demo session (student@example.com with Asha, starting five minutes after start-up): both join the
// call from the app — the video server is a local stand-in at a non-local domain, so the page's Content-Security-
// Policy is exercised — the timer runs, the mentor writes notes, both leave; the video server reports who was there;
// the operator runs the settlement job with the clock moved past the session; the student finds it completed,
// reads the notes and confirms it went well, which pays the mentor at once.

const DOMAIN = 'meet.example.test';
const WEBHOOK_SECRET = 'e2e-video-webhook-secret-0123456789';
const JWT_SECRET = randomBytes(48).toString('base64url');
const MIN = 60_000;
const run = promisify(execFile);

let app: RunningApp;
let browser: RunningBrowser;

beforeAll(async () => {
  app = await startApp({ env: { JITSI_DOMAIN: DOMAIN, JITSI_WEBHOOK_SECRET: WEBHOOK_SECRET, JWT_SECRET } });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function apiLogin(email: string): Promise<string> {
  const res = await fetch(`${app.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'Password123!' }) });
  return ((await res.json()) as { accessToken: string }).accessToken;
}

/** Records Content-Security-Policy violations of the page (and its frames' loads) for the assertions. */
async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  const console: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to (load|frame|execute)/i.test(message.text())) console.push(message.text());
  });
  await page.addInitScript(() => {
    const seen: string[] = ((window as unknown as { __csp: string[] }).__csp = []);
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`));
  });
  return async () => [...console, ...(await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []))];
}

/** What the video server would send: a signed JaaS-format event about one participant. */
async function videoEvent(roomName: string, eventType: string, userId: string, at: Date) {
  const body = JSON.stringify({ idempotencyKey: randomUUID(), customerId: 'e2e', appId: 'e2e', eventType, sessionId: 'e2e-session', timestamp: at.getTime(), fqn: `e2e/${roomName}`, data: { id: userId, participantId: `${userId}-1` } });
  const t = Math.floor(e2eNow().getTime() / 1000);
  const signature = createHmac('sha256', WEBHOOK_SECRET).update(`${t}.${body}`).digest('base64');
  const res = await fetch(`${app.baseUrl}/api/meetings/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', 'X-Jaas-Signature': `t=${t},v1=${signature}` }, body });
  expect(res.status).toBe(200);
}

describe('a live session', () => {
  it('when the student and the mentor join the seeded session, write notes and leave, then it settles as completed and the student confirms it', async () => {
    // ---- the student joins from the dashboard ---------------------------------------------------------------
    const student = await browser.newPage();
    await serveJitsiStandIn(student.context(), DOMAIN);
    const studentCsp = await watchCsp(student);
    await logIn(student, app.baseUrl, 'student@example.com');
    const next = student.getByRole('region', { name: 'Next session' });
    await next.waitFor();
    await expect.poll(() => next.textContent()).toContain('Asha Rao');
    await next.getByRole('link', { name: 'Join session' }).click();
    await student.waitForURL(/\/bookings\/[0-9a-f-]{36}\/call$/);
    const bookingId = student.url().split('/').at(-2)!;
    const studentCall = await enteredCall(student);
    expect(studentCall.domain).toBe(DOMAIN);
    expect(studentCall.options.roomName).toMatch(/^mentorconnect[a-z0-9]+$/);
    expect(studentCall.options.userInfo?.displayName).toBe('Sam Student');
    await fireCallEvent(student, 'videoConferenceJoined', { roomName: studentCall.options.roomName });
    await student.getByRole('timer').waitFor();
    expect(await student.getByRole('timer').textContent()).toMatch(/Starts in \d+:\d\d/);
    await screenshot(student, 'session-call-student');

    // ---- the mentor joins from the booking, and writes notes ----------------------------------------------------
    const mentor = await browser.newPage();
    await serveJitsiStandIn(mentor.context(), DOMAIN);
    const mentorCsp = await watchCsp(mentor);
    await logIn(mentor, app.baseUrl, 'asha@example.com');
    await mentor.goto(`${app.baseUrl}/bookings/${bookingId}`);
    await mentor.getByRole('link', { name: 'Join session' }).first().click();
    await mentor.waitForURL(`**/bookings/${bookingId}/call`);
    const mentorCall = await enteredCall(mentor);
    expect(mentorCall.options.roomName).toBe(studentCall.options.roomName);
    await fireCallEvent(mentor, 'videoConferenceJoined', { roomName: mentorCall.options.roomName });
    const notes = mentor.getByRole('textbox', { name: 'Notes' });
    await notes.fill('Great start. Next: practise the capacity estimate, and read DDIA chapter 5.');
    await mentor.getByText(/^Saved \d\d:\d\d/).waitFor();
    await screenshot(mentor, 'session-call-mentor');
    await phoneScreenshot(mentor, 'session-call-mentor-phone');
    expect(await mentor.getByRole('button', { name: 'End for everyone' }).count()).toBeGreaterThan(0);

    // The configured video domain's script and frame load under the page's policy, and nothing is refused.
    expect(await studentCsp()).toEqual([]);
    expect(await mentorCsp()).toEqual([]);

    // ---- both leave ------------------------------------------------------------------------------------------
    for (const page of [student, mentor]) {
      await page.getByRole('button', { name: 'Leave' }).first().click();
      await page.getByText('You left the call').waitFor();
      expect(await callCommands(page)).toContain('hangup');
    }

    // ---- the video server reports who was there: both, from the start to the end --------------------------------
    const token = await apiLogin('student@example.com');
    const booking = (await (await fetch(`${app.baseUrl}/api/bookings/${bookingId}`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
      startsAt: string;
      endsAt: string;
      mentor: { id: string };
      student: { id: string };
    };
    const [startsAt, endsAt] = [new Date(booking.startsAt), new Date(booking.endsAt)];
    for (const userId of [booking.mentor.id, booking.student.id]) {
      await videoEvent(studentCall.options.roomName, 'PARTICIPANT_JOINED', userId, startsAt);
      await videoEvent(studentCall.options.roomName, 'PARTICIPANT_LEFT', userId, endsAt);
    }

    // ---- the operator settles it with the clock moved past the session's grace period ---------------------------
    await app.stop({ keepData: true });
    const settleAt = new Date(endsAt.getTime() + 15 * MIN);
    const env = { ...process.env, DATA_DIR: app.dataDir, NODE_ENV: 'production', DEMO_MODE: 'true', JWT_SECRET, LOG_LEVEL: 'warn' };
    const job = await run(process.execPath, [path.join(repoRoot, 'backend', 'dist', 'cli.js'), 'job', 'settle-sessions', '--now', settleAt.toISOString()], { env });
    expect(job.stdout).toMatch(/^settle-sessions: [1-9]\d* handled/);
    const later = new Date(settleAt.getTime() + 5 * MIN);
    app = await startApp({ dataDir: app.dataDir, env: { JITSI_DOMAIN: DOMAIN, JWT_SECRET, CLOCK_START: later.toISOString() } });

    // ---- the student finds it completed, reads the notes and confirms ---------------------------------------------
    const after = await browser.newPage({ at: later });
    await logIn(after, app.baseUrl, 'student@example.com');
    await after.goto(`${app.baseUrl}/bookings/${bookingId}`);
    await after.getByText('Completed').first().waitFor();
    await after.getByText('Notes from Asha Rao').waitFor();
    await after.getByText('practise the capacity estimate').waitFor();
    await screenshot(after, 'session-completed-student');
    await after.getByRole('button', { name: 'Confirm the session went well' }).click();
    await after.getByText(/Released to the mentor on/).waitFor();
    const settled = (await (await fetch(`${app.baseUrl}/api/bookings/${bookingId}`, { headers: { authorization: `Bearer ${await apiLogin('student@example.com')}` } })).json()) as {
      status: string;
      settlement: { status: string };
    };
    expect(settled).toMatchObject({ status: 'completed', settlement: { status: 'released' } });
  }, 240_000);
});
