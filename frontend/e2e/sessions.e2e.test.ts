import { execFile } from 'node:child_process';
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eNow } from './support/clock';
import { launchBrowser, phoneScreenshot, repoRoot, screenshot, startApp, type RunningApp, type RunningBrowser } from './support/app';
import { callCommands, enteredCall, fireCallEvent, serveJitsiStandIn } from './support/jitsi-stand-in';
import { apiLogin as apiLoginAt, logIn } from './support/ui';

// The seeded demo session (student@example.com with Asha, starting five minutes after start-up): both join the
// call from the app — the video server is a local stand-in at a non-local domain, so the page's Content-Security-
// Policy is exercised — the timer runs, the mentor writes notes, both leave; the video server reports who was there;
// the operator runs the settlement job with the clock moved past the session; the student finds it completed, reads
// the notes and reviews it; the mentor replies from the booking; Asha's public profile counts the new rating; the
// student reports a problem with the session instead of confirming it, and the admin settles the dispute with a
// partial refund in rupees, which the student's booking then shows. Last, the student confirms the demo's other,
// earlier session (completed, reviewed, its payment still held) from My bookings, which pays Asha at once.

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

const apiLogin = (email: string) => apiLoginAt(app.baseUrl, email);

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
  it('when the student and the mentor join the seeded session, write notes and leave, then it settles as completed, is reviewed and replied to, disputed and partly refunded, and the earlier session is confirmed', async () => {
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

    // ---- the student finds it completed, reads the notes and reviews it ---------------------------------------------
    const studentToken = await apiLogin('student@example.com');
    const api = async <T>(path: string, token = studentToken): Promise<T> =>
      (await (await fetch(`${app.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } })).json()) as T;
    type Summary = { ratingSummary: { average: number | null; count: number; distribution: Record<string, number> } };
    const before = (await api<Summary>('/api/mentors/asha-rao')).ratingSummary;
    const stars = 4;
    const ratedSum = Object.entries(before.distribution).reduce((sum, [star, n]) => sum + Number(star) * n, 0) + stars;
    const expected = { count: before.count + 1, average: (ratedSum / (before.count + 1)).toFixed(1) };

    const after = await browser.newPage({ at: later });
    await logIn(after, app.baseUrl, 'student@example.com');
    await after.goto(`${app.baseUrl}/bookings/${bookingId}`);
    await after.getByText('Completed').first().waitFor();
    await after.getByText('Notes from Asha Rao').waitFor();
    await after.getByText('practise the capacity estimate').waitFor();
    await screenshot(after, 'session-completed-student');
    const reviewForm = after.getByRole('form', { name: 'Review your session' });
    // The stars are a radio group: the arrow keys pick them, as a keyboard user would.
    await reviewForm.getByRole('radio', { name: '1 star' }).focus();
    for (let step = 1; step < stars; step++) await after.keyboard.press('ArrowRight');
    await reviewForm.getByText('4 stars · Very good').waitFor();
    const reviewText = 'Asha made the capacity estimate click. Clear, patient, and she left me with concrete homework.';
    await reviewForm.getByRole('textbox', { name: 'Your review' }).fill(reviewText);
    await reviewForm.getByText(`${reviewText.length} / 1,000`).waitFor();
    expect(await reviewForm.getByRole('switch', { name: /Show on the mentor’s profile/ }).isChecked()).toBe(true);
    await screenshot(after, 'session-review-form');
    await phoneScreenshot(after, 'session-review-form-phone');
    await reviewForm.getByRole('button', { name: 'Post review' }).click();
    const myReview = after.getByRole('region', { name: 'Your review' });
    await myReview.getByText(reviewText).waitFor();
    expect(await myReview.getByRole('img', { name: `${stars} out of 5 stars` }).count()).toBe(1);
    expect(await api(`/api/bookings/${bookingId}/review`)).toMatchObject({ canReview: false, review: { rating: stars, text: reviewText, isPublic: true, mentorReply: null } });

    // ---- the mentor reads it on the booking and replies, once ----------------------------------------------------------
    const mentorAfter = await browser.newPage({ at: later });
    await logIn(mentorAfter, app.baseUrl, 'asha@example.com');
    await mentorAfter.goto(`${app.baseUrl}/bookings/${bookingId}`);
    const theirReview = mentorAfter.getByRole('region', { name: 'Review from Sam Student' });
    await theirReview.getByText(reviewText).waitFor();
    const reply = 'Thank you, Sam! Try two more estimates this week and bring them next time.';
    await theirReview.getByRole('textbox', { name: /Your reply/ }).fill(reply);
    await screenshot(mentorAfter, 'session-review-reply-form');
    await theirReview.getByRole('button', { name: 'Post reply' }).click();
    await theirReview.getByText(reply).waitFor();
    expect(await theirReview.getByRole('form', { name: 'Reply to the review' }).count()).toBe(0);
    await screenshot(mentorAfter, 'session-review-reply-mentor');

    // ---- Asha's public profile counts the new rating and shows the review with its reply --------------------------------
    await after.goto(`${app.baseUrl}/mentors/asha-rao`);
    await after.getByLabel(`Rated ${expected.average} out of 5 from ${expected.count} reviews`).first().waitFor();
    const ratings = after.getByRole('region', { name: 'Ratings' });
    await ratings.getByText(`${expected.count} ratings`).waitFor();
    expect(await ratings.textContent()).toContain(expected.average);
    expect(await after.getByRole('region', { name: 'Track record' }).getByTestId('stat-rating').textContent()).toContain(`${expected.average} / 5`);
    const publicReviews = after.getByRole('region', { name: 'Reviews' });
    await publicReviews.getByText(reviewText).waitFor();
    await publicReviews.getByText(reply).waitFor();
    // Signed in, the student may report any review: one Report per review listed.
    const listed = await publicReviews.getByRole('listitem').count();
    expect(listed).toBeGreaterThan(0);
    expect(await publicReviews.getByRole('button', { name: /^Report .*’s review$/ }).count()).toBe(listed);
    await screenshot(after, 'mentor-profile-reviews');
    await phoneScreenshot(after, 'mentor-profile-reviews-phone');

    // ---- instead of confirming, the student reports a problem: the payment stays held -----------------------------------
    await after.goto(`${app.baseUrl}/bookings/${bookingId}`);
    await after.getByRole('button', { name: 'Report a problem' }).click();
    const report = after.getByRole('dialog', { name: 'Report a problem' });
    const problemText = 'The call dropped twice and we lost about ten minutes of the session.';
    await report.getByRole('textbox', { name: /What went wrong/ }).fill(problemText);
    await report.getByRole('button', { name: 'Report problem' }).click();
    const reported = after.getByRole('region', { name: 'Reported problem' });
    await reported.getByText(problemText).waitFor();
    await after.getByText('On hold: under dispute').waitFor();
    const held = await api<{ code: string; pricePaise: number; settlement: { status: string } }>(`/api/bookings/${bookingId}`);
    expect(held.settlement.status).toBe('disputed');

    // ---- the admin settles it from the disputes queue with a partial refund in rupees ------------------------------------
    const refundRupees = Math.floor(held.pricePaise / 100 / 4);
    expect(refundRupees).toBeGreaterThan(0);
    const refund = `₹${refundRupees.toLocaleString('en-IN')}`;
    const admin = await browser.newPage({ at: later });
    await logIn(admin, app.baseUrl, 'admin@example.com');
    await admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Disputes' }).click();
    await admin.waitForURL('**/admin/disputes');
    const caseItem = admin.getByRole('article', { name: `Dispute on ${held.code}` });
    await caseItem.getByText(problemText.slice(0, 40)).waitFor();
    await screenshot(admin, 'admin-disputes-queue');
    await caseItem.getByRole('link', { name: held.code }).click();
    const decision = admin.getByRole('form', { name: 'Resolve dispute' });
    await admin.getByRole('region', { name: 'Mentor attendance' }).waitFor();
    await decision.getByRole('radio', { name: 'Partial refund' }).check();
    await decision.getByRole('textbox', { name: /Amount to refund/ }).fill(String(refundRupees));
    await decision.getByRole('textbox', { name: /^Note/ }).fill('About a quarter of the session was lost to the dropped call: that part is refunded.');
    await screenshot(admin, 'admin-dispute-decision');
    await decision.getByRole('button', { name: 'Resolve dispute' }).click();
    const confirm = admin.getByRole('dialog', { name: 'Confirm decision' });
    expect(await confirm.getByTestId('decision-summary').textContent()).toContain(`Refund ${refund} of the`);
    await confirm.getByRole('button', { name: 'Confirm decision' }).click();
    await admin.getByTestId('dispute-outcome').getByText(`${refund} refunded`).waitFor();
    await screenshot(admin, 'admin-dispute-resolved');

    // ---- the student's booking shows the partial refund --------------------------------------------------------------------
    await after.reload();
    await after.getByTestId('settlement').getByText(`Partly refunded: ${refund}`).waitFor();
    await after.getByRole('region', { name: 'Reported problem' }).getByText(`${refund} refunded`).waitFor();
    expect(await after.getByRole('region', { name: 'Refund' }).getByTestId('refund-amount').textContent()).toContain(refund);
    await screenshot(after, 'session-partial-refund-student');
    const refunded = await api<{ status: string; settlement: { status: string; refundPaise: number } }>(`/api/bookings/${bookingId}`);
    expect(refunded).toMatchObject({ status: 'completed', settlement: { status: 'partially_refunded', refundPaise: refundRupees * 100 } });

    // ---- the student confirms the demo's earlier session from My bookings, which pays Asha at once -----------------------
    type Listed = { id: string; code: string; status: string; settlement: { status: string } | null; actions: { confirmCompletion: boolean } };
    const past = (await api<{ items: Listed[] }>('/api/bookings?status=past&limit=50')).items.filter((b) => b.id !== bookingId && b.actions.confirmCompletion);
    expect(past).toHaveLength(1);
    const earlier = past[0]!;
    expect(earlier).toMatchObject({ status: 'completed', settlement: { status: 'held' } });
    await after.getByRole('link', { name: 'My bookings' }).first().click();
    await after.waitForURL('**/bookings');
    await after.getByRole('tab', { name: 'Past' }).click();
    await after.getByRole('listitem', { name: `Booking ${earlier.code}` }).getByRole('link', { name: `View details of ${earlier.code}` }).click();
    await after.waitForURL(`**/bookings/${earlier.id}`);
    // Reviewed already when the demo started: the review shows, and no form asks for another.
    await after.getByRole('region', { name: 'Your review' }).waitFor();
    await after.getByRole('button', { name: 'Confirm the session went well' }).click();
    await after.getByText(/Released to the mentor on/).waitFor();
    const settled = await api<{ status: string; settlement: { status: string } }>(`/api/bookings/${earlier.id}`);
    expect(settled).toMatchObject({ status: 'completed', settlement: { status: 'released' } });
  }, 360_000);
});
