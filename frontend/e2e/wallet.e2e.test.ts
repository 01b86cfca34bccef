import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPaise } from '../src/lib/money';
import { addDays, formatCalendarDate, todayIn } from '../src/lib/time-zone-clock';
import { e2eNow } from './support/clock';
import { demoSeeded, launchBrowser, phoneScreenshot, screenshot, startApp, type RunningApp, type RunningBrowser } from './support/app';
import { apiLogin as apiLoginAt, DEMO_PASSWORD, logIn } from './support/ui';

// Asha's money, from her wallet to her bank. The demo gives her a released session, a bank account and one processed
// ₹500 withdrawal; the student confirms her other, earlier session (which releases its money to her wallet). Asha
// changes her payout method to another bank (a wrong IFSC first, which the server names on its field), asks for
// ₹500, the admin approves it and the sandbox's bank fails it: the money is back in her wallet, with the bank's
// reason. She asks again, the admin approves, the bank processes it and her wallet shows the UTR. Last, the admin
// reads the revenue by week, reconciles the days with the gateway (no mismatches) and finds the approvals and the
// money movements in the audit log. The sandbox's bank only acts when the test tells it to (its own delay is ten
// minutes), so every step is seen before the next.

const WITHDRAWAL_PAISE = 500_00;
/** The wallet asks again this often while a withdrawal is on its way (the wallet page's poll). */
const OPEN_POLL_MS = 15_000;
const BUSINESS_TIME_ZONE = 'Asia/Kolkata';
/** What the sandbox's bank says when it fails a payout. */
const BANK_FAILURE = 'Payout failed as the beneficiary bank account details are invalid.';

let app: RunningApp;
let browser: RunningBrowser;

beforeAll(async () => {
  app = await startApp({ env: { SANDBOX_PAYOUT_DELAY_MS: '600000' } });
  await demoSeeded(app);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

type WalletFigures = { availablePaise: number; inEscrowPaise: number; withdrawnPaise: number; lifetimeEarnedPaise: number; inTransitPaise: number };
type Withdrawal = { id: string; amountPaise: number; status: string; payoutId?: string | null; utr?: string | null; failureReason?: string | null };

const apiLogin = (email: string) => apiLoginAt(app.baseUrl, email);

async function api<T>(path: string, token: string): Promise<T> {
  const res = await fetch(`${app.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status, `GET ${path}: ${res.status === 200 ? '' : await res.clone().text()}`).toBe(200);
  return (await res.json()) as T;
}

/** The sandbox's bank settles a payout now (it stands in for the bank: no API keys). */
async function bank(payoutId: string, outcome: 'processed' | 'failed') {
  const res = await fetch(`${app.baseUrl}/sandbox/razorpay/v1/payouts/${payoutId}/simulate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ outcome }) });
  expect(res.status, `the sandbox's bank: ${outcome} ${payoutId}`).toBe(200);
}

/** The payout the app made for a withdrawal once the admin approved it (the process-payouts job sends it at once). */
async function payoutOf(withdrawalId: string, token: string): Promise<string> {
  let payoutId: string | null | undefined = null;
  await expect
    .poll(async () => (payoutId = (await api<Withdrawal>(`/api/wallet/withdrawals/${withdrawalId}`, token)).payoutId), {
      timeout: 20_000,
      interval: 250,
      message: `a payout for withdrawal ${withdrawalId}`,
    })
    .toMatch(/^pout_/);
  return payoutId!;
}

/** Waits for the toast titled `title`, then closes it, as a person would before reading on. */
async function dismissToast(page: Page, title: string) {
  const toast = page.getByRole('alert').filter({ hasText: title }).first();
  await toast.waitFor();
  await toast.getByRole('button').click();
  await toast.waitFor({ state: 'hidden' });
}

/** The wallet's five figures as the page shows them. */
async function shownFigures(page: Page) {
  const figures = page.getByLabel('Wallet figures');
  const text = async (testId: string) => (await figures.getByTestId(testId).textContent())?.trim();
  return {
    available: await text('figure-available'),
    inEscrow: await text('figure-in-escrow'),
    inTransit: await text('figure-in-transit'),
    withdrawn: await text('figure-withdrawn'),
    lifetime: await text('figure-lifetime'),
  };
}

const formatted = (w: WalletFigures) => ({
  available: formatPaise(w.availablePaise),
  inEscrow: formatPaise(w.inEscrowPaise),
  inTransit: formatPaise(w.inTransitPaise),
  withdrawn: formatPaise(w.withdrawnPaise),
  lifetime: formatPaise(w.lifetimeEarnedPaise),
});

/** The withdrawal cards of the wallet, newest first. */
const withdrawalCards = (page: Page) => page.getByRole('region', { name: 'Withdrawals' }).getByRole('article');

/** An admin's money page, from the header's "Money" menu. */
async function openMoneyPage(page: Page, name: string) {
  const nav = page.getByRole('navigation', { name: 'Main', exact: true });
  await nav.getByRole('button', { name: 'Money' }).click();
  await nav.getByRole('link', { name }).click();
}

/** Waits until the wallet, asking again on its own while a withdrawal is open, shows `card` at `status`. */
async function waitForStatus(page: Page, card: Locator, status: string) {
  const badge = card.getByTestId('withdrawal-status');
  // The page asks every 15 s; the browser's clock is moved on a poll at a time rather than waited for.
  await expect
    .poll(
      async () => {
        const shown = (await badge.textContent())?.trim();
        if (shown !== status) await page.clock.fastForward(OPEN_POLL_MS);
        return shown;
      },
      { timeout: 30_000, interval: 1_000, message: `the wallet showing the withdrawal ${status}` },
    )
    .toBe(status);
}

describe('the wallet', () => {
  it(
    'when Asha changes her bank account and withdraws twice, then the failed payout returns her money, the processed one shows its UTR, and the admin finds the payouts in finance, reconciliation and the audit log',
    async () => {
      const ashaToken = await apiLogin('asha@example.com');

      // ---- the demo's wallet: a released balance, a bank account and a processed ₹500 withdrawal with its UTR -------
      const demo = await api<{ items: Withdrawal[]; total: number }>('/api/wallet/withdrawals', ashaToken);
      expect(demo.total, 'the demo seeds one withdrawal for Asha').toBe(1);
      const [seeded] = demo.items;
      expect(seeded, 'the demo’s withdrawal is processed by the sandbox’s bank as the demo starts (see the server output)').toMatchObject({
        amountPaise: WITHDRAWAL_PAISE,
        status: 'processed',
        utr: expect.stringMatching(/^\w{6,}$/) as unknown,
      });
      const atStart = await api<WalletFigures>('/api/wallet', ashaToken);
      expect(atStart.withdrawnPaise).toBe(WITHDRAWAL_PAISE);
      expect(atStart.inTransitPaise).toBe(0);

      // ---- the student confirms the demo's earlier session, which releases its money to Asha's wallet ------------------
      // The demo alone leaves Asha less than ₹500 available (one released session, less the ₹500 already paid out).
      const studentToken = await apiLogin('student@example.com');
      type Listed = { id: string; code: string; actions: { confirmCompletion: boolean } };
      const held = (await api<{ items: Listed[] }>('/api/bookings?status=past&limit=50', studentToken)).items.filter((b) => b.actions.confirmCompletion);
      expect(held, 'the demo’s earlier session waits for the student’s confirmation').toHaveLength(1);
      const student = await browser.newPage();
      await logIn(student, app.baseUrl, 'student@example.com');
      await student.goto(`${app.baseUrl}/bookings/${held[0]!.id}`);
      await student.getByRole('button', { name: 'Confirm the session went well' }).click();
      await student.getByText(/Released to the mentor on/).waitFor();
      const funded = await api<WalletFigures>('/api/wallet', ashaToken);
      expect(funded.availablePaise).toBeGreaterThan(atStart.availablePaise);
      expect(funded.availablePaise, 'enough for a ₹500 withdrawal').toBeGreaterThanOrEqual(WITHDRAWAL_PAISE);

      // ---- Asha opens her wallet: the five figures and the earlier withdrawal with its UTR -----------------------------
      const asha = await browser.newPage();
      await logIn(asha, app.baseUrl, 'asha@example.com');
      await asha.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Wallet' }).click();
      await asha.waitForURL('**/wallet');
      await asha.getByTestId('figure-available').waitFor();
      expect(await shownFigures(asha)).toEqual(formatted(funded));
      const earlier = withdrawalCards(asha).first();
      expect((await earlier.getByTestId('withdrawal-status').textContent())?.trim()).toBe('Processed');
      await earlier.getByText(`Bank reference (UTR): ${seeded!.utr}`).waitFor();
      expect(await earlier.getByTestId('withdrawal-amount').textContent()).toBe(formatPaise(WITHDRAWAL_PAISE));
      const payoutMethod = asha.getByRole('region', { name: 'Payout method' });
      expect(await payoutMethod.getByTestId('payout-method').textContent()).toContain('HDFC Bank account XXXXXX6789');
      await screenshot(asha, 'wallet-mentor');
      await phoneScreenshot(asha, 'wallet-mentor-phone');

      // ---- she changes her payout method: a wrong IFSC first, named by the server on its field -------------------------
      await payoutMethod.getByRole('button', { name: 'Change' }).click();
      const dialog = asha.getByRole('dialog', { name: 'Change payout method' });
      const bankForm = dialog.getByRole('form', { name: 'Bank account' });
      await bankForm.getByLabel('Account holder’s name').fill('Asha Rao');
      await bankForm.getByLabel(/^Account number\s*\*?$/).fill('912345678012');
      await bankForm.getByLabel('Account number again').fill('912345678012');
      // Well formed (four letters, a zero, six more), but no bank branch has it: only the server's list knows.
      await bankForm.getByLabel('IFSC').fill('ZZZZ0000001');
      await bankForm.getByLabel(/^Password\s*\*?$/).fill(DEMO_PASSWORD);
      await bankForm.getByRole('button', { name: 'Save bank account' }).click();
      const ifsc = bankForm.getByLabel('IFSC');
      await bankForm.getByText('No bank branch has this IFSC; check it on your cheque book or bank app').waitFor();
      expect(await ifsc.getAttribute('aria-invalid')).toBe('true');
      await screenshot(asha, 'wallet-payout-method-ifsc-error', { fullPage: false });
      // Nothing changed.
      expect((await api<{ masked: string; ifsc: string }>('/api/wallet/payout-method', ashaToken)).ifsc).toBe('HDFC0000001');

      await ifsc.fill('ICIC0000001');
      await bankForm.getByRole('button', { name: 'Save bank account' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await dismissToast(asha, 'Payout method saved');
      await payoutMethod.getByText('ICICI Bank account XXXXXX8012').waitFor();
      await payoutMethod.getByText('IFSC ICIC0000001').waitFor();
      expect(await api('/api/wallet/payout-method', ashaToken)).toMatchObject({ type: 'bank', masked: 'XXXXXX8012', ifsc: 'ICIC0000001', bankName: 'ICICI Bank' });

      // ---- she asks for ₹500: it shows requested, and "available" drops by ₹500 at once ----------------------------------
      const withdraw = asha.getByRole('region', { name: 'Withdraw' });
      expect(await withdraw.getByTestId('withdraw-destination').textContent()).toContain('ICICI Bank account XXXXXX8012');
      const requestWithdrawal = async (before: WalletFigures): Promise<Withdrawal> => {
        await withdraw.getByLabel('Amount (₹)').fill(String(WITHDRAWAL_PAISE / 100));
        await withdraw.getByRole('button', { name: 'Withdraw', exact: true }).click();
        await dismissToast(asha, 'Withdrawal requested');
        await expect.poll(() => withdrawalCards(asha).first().getByTestId('withdrawal-status').textContent()).toBe('Requested');
        await expect.poll(() => asha.getByTestId('figure-available').textContent()).toBe(formatPaise(before.availablePaise - WITHDRAWAL_PAISE));
        expect(await asha.getByTestId('figure-in-transit').textContent()).toBe(formatPaise(before.inTransitPaise + WITHDRAWAL_PAISE));
        // One at a time: the form says why it waits.
        await withdraw.getByTestId('withdraw-blocked').getByText(`Your withdrawal of ${formatPaise(WITHDRAWAL_PAISE)} is on its way.`, { exact: false }).waitFor();
        const [newest] = (await api<{ items: Withdrawal[] }>('/api/wallet/withdrawals', ashaToken)).items;
        expect(newest).toMatchObject({ amountPaise: WITHDRAWAL_PAISE, status: 'requested' });
        return newest!;
      };
      const first = await requestWithdrawal(funded);
      expect(await withdrawalCards(asha).count()).toBe(2);

      // ---- the admin approves it from the Withdrawals queue -------------------------------------------------------------
      const adminToken = await apiLogin('admin@example.com');
      const admin = await browser.newPage();
      await logIn(admin, app.baseUrl, 'admin@example.com');
      const approve = async () => {
        await openMoneyPage(admin, 'Withdrawals');
        await admin.waitForURL('**/admin/withdrawals');
        const item = admin.getByRole('article', { name: `Withdrawal of ${formatPaise(WITHDRAWAL_PAISE)} by Asha Rao` });
        await item.first().waitFor();
        expect(await item.count(), 'one withdrawal waits').toBe(1);
        expect(await item.getByTestId('withdrawal-method').textContent()).toBe('To Bank account XXXXXX8012');
        return item;
      };
      const waiting = await approve();
      await screenshot(admin, 'admin-withdrawals-queue');
      await phoneScreenshot(admin, 'admin-withdrawals-queue-phone');
      const approveOne = async (item: Locator) => {
        await item.getByRole('button', { name: 'Approve' }).click();
        const confirm = admin.getByRole('dialog', { name: 'Approve this withdrawal?' });
        expect(await confirm.getByTestId('approve-summary').textContent()).toContain(`${formatPaise(WITHDRAWAL_PAISE)} goes to Asha Rao’s Bank account XXXXXX8012`);
        await confirm.getByRole('button', { name: 'Approve and pay' }).click();
        await dismissToast(admin, 'Withdrawal approved');
        await admin.getByText('No withdrawals waiting').waitFor();
      };
      await approveOne(waiting);

      // ---- the sandbox's bank fails the payout: the wallet shows why, and the money is back ------------------------------
      await bank(await payoutOf(first.id, ashaToken), 'failed');
      const failed = withdrawalCards(asha).first();
      await waitForStatus(asha, failed, 'Failed');
      await failed.getByText(`Reason: ${BANK_FAILURE}`).waitFor();
      await failed.getByText(`${formatPaise(WITHDRAWAL_PAISE)} is back in your wallet.`).waitFor();
      await expect.poll(() => shownFigures(asha)).toEqual(formatted(funded));
      expect(await api<Withdrawal>(`/api/wallet/withdrawals/${first.id}`, ashaToken)).toMatchObject({ status: 'failed', failureReason: BANK_FAILURE });
      await screenshot(asha, 'wallet-withdrawal-failed');

      // ---- she asks again; the admin approves; the bank processes it and the wallet shows the UTR -------------------------
      const second = await requestWithdrawal(funded);
      await admin.reload();
      await approveOne(await approve());
      await bank(await payoutOf(second.id, ashaToken), 'processed');
      const processed = withdrawalCards(asha).first();
      await waitForStatus(asha, processed, 'Processed');
      const paid = await api<Withdrawal>(`/api/wallet/withdrawals/${second.id}`, ashaToken);
      expect(paid).toMatchObject({ status: 'processed', utr: expect.stringMatching(/^\w{6,}$/) as unknown });
      await processed.getByText(`Bank reference (UTR): ${paid.utr}`).waitFor();
      const atEnd = await api<WalletFigures>('/api/wallet', ashaToken);
      expect(atEnd).toMatchObject({
        availablePaise: funded.availablePaise - WITHDRAWAL_PAISE,
        inTransitPaise: 0,
        withdrawnPaise: funded.withdrawnPaise + WITHDRAWAL_PAISE,
        lifetimeEarnedPaise: funded.lifetimeEarnedPaise,
      });
      await expect.poll(() => shownFigures(asha)).toEqual(formatted(atEnd));
      // Nothing is on its way any more: what is left decides whether she can withdraw again.
      if (atEnd.availablePaise < WITHDRAWAL_PAISE) {
        await expect
          .poll(() => withdraw.getByTestId('withdraw-blocked').textContent())
          .toBe(`You can withdraw from ${formatPaise(WITHDRAWAL_PAISE)}; you have ${formatPaise(atEnd.availablePaise)} available.`);
      } else {
        await expect.poll(() => withdraw.getByTestId('withdraw-blocked').count()).toBe(0);
      }
      await screenshot(asha, 'wallet-withdrawal-processed');
      await phoneScreenshot(asha, 'wallet-withdrawal-processed-phone');

      // The admin's queue follows the payout to its end, with the bank's reference.
      const ashasWithdrawals = admin.getByRole('article', { name: `Withdrawal of ${formatPaise(WITHDRAWAL_PAISE)} by Asha Rao` });
      await admin.getByRole('tab', { name: 'Processed' }).click();
      await ashasWithdrawals.getByText(`Processed, UTR ${paid.utr}`).waitFor();
      await admin.getByRole('tab', { name: 'Failed' }).click();
      await ashasWithdrawals.getByText(`Failed: ${BANK_FAILURE}`, { exact: false }).waitFor();
      expect(await ashasWithdrawals.count()).toBe(1);

      // ---- Finance: the revenue by week, the payouts among them ------------------------------------------------------------
      await openMoneyPage(admin, 'Finance');
      await admin.waitForURL('**/admin/finance');
      const totals = admin.getByLabel('Totals for the period');
      await totals.getByTestId('total-payouts').waitFor();
      // The page's default period (the last 12 weeks in India, to today) as the API sums it.
      const today = todayIn(BUSINESS_TIME_ZONE, e2eNow());
      const summary = await api<{ totals: { bookings: number; grossPaise: number; platformRevenuePaise: number; payoutsPaise: number } }>(
        `/api/admin/finance/summary?from=${addDays(today, -7 * 12)}&to=${addDays(today, 1)}&groupBy=week`,
        adminToken,
      );
      // Two payouts were processed (the demo's and this one); the failed one never left.
      expect(summary.totals.payoutsPaise).toBe(2 * WITHDRAWAL_PAISE);
      expect(await totals.getByTestId('total-payouts').textContent()).toBe(formatPaise(2 * WITHDRAWAL_PAISE));
      expect(await totals.getByTestId('total-bookings').textContent()).toBe(summary.totals.bookings.toLocaleString('en-IN'));
      expect(summary.totals.bookings).toBeGreaterThanOrEqual(3);
      expect(await totals.getByTestId('total-gross').textContent()).toBe(formatPaise(summary.totals.grossPaise));
      expect(await totals.getByTestId('total-revenue').textContent()).toBe(formatPaise(summary.totals.platformRevenuePaise));
      await admin.getByRole('region', { name: 'Week by week' }).getByRole('table').waitFor();
      await screenshot(admin, 'admin-finance');
      await phoneScreenshot(admin, 'admin-finance-phone');

      // ---- Reconciliation: the days of every demo payment and of the payouts, run now: no mismatches --------------------------
      await openMoneyPage(admin, 'Reconciliation');
      await admin.waitForURL('**/admin/reconciliation');
      const runForm = admin.getByRole('form', { name: 'Days to reconcile' });
      await runForm.getByLabel('From').fill(addDays(today, -7));
      await runForm.getByLabel('To').fill(today);
      await runForm.getByRole('button', { name: 'Run now' }).click();
      await admin.waitForURL(/[?&]run=[0-9a-f-]{36}/);
      const runId = new URL(admin.url()).searchParams.get('run')!;
      const result = admin.getByRole('region', { name: `${formatCalendarDate(addDays(today, -7), 'medium')} – ${formatCalendarDate(today, 'medium')}` });
      await result.getByText('No mismatches', { exact: true }).waitFor();
      await dismissToast(admin, 'Reconciliation done');
      const run = await api<{ checked: { payments: number; refunds: number; payouts: number }; mismatches: unknown[] }>(`/api/admin/reconciliation/runs/${runId}`, adminToken);
      expect(run.mismatches).toEqual([]);
      // Every payout the gateway made was compared: the demo's, the failed one and the processed one.
      expect(run.checked.payouts).toBe(3);
      expect(run.checked.payments).toBeGreaterThanOrEqual(3);
      expect(await result.getByTestId('checked-payouts').textContent()).toBe('3');
      expect(await result.getByTestId('checked-payments').textContent()).toBe(String(run.checked.payments));
      expect(await result.getByTestId('mismatch-count').count()).toBe(0);
      await screenshot(admin, 'admin-reconciliation');
      await phoneScreenshot(admin, 'admin-reconciliation-phone');

      // ---- the audit log: the reconciliation, the approvals and the money movements ----------------------------------------
      await openMoneyPage(admin, 'Audit log');
      await admin.waitForURL('**/admin/audit');
      const log = admin.getByRole('table', { name: 'Audit log' });
      const rows = log.getByTestId('audit-row');
      await rows.first().waitFor();
      expect(await rows.first().textContent()).toContain('Ran a reconciliation');
      await screenshot(admin, 'admin-audit-log');
      await phoneScreenshot(admin, 'admin-audit-log-phone');
      const filters = admin.getByRole('search', { name: 'Filter the audit log' });
      const filterBy = async (action: string) => {
        await filters.getByLabel('Action').fill(action);
        await admin.keyboard.press('Escape');
        await filters.getByRole('button', { name: 'Apply filters' }).click();
        await admin.waitForURL((url) => url.searchParams.get('action') === action);
        await rows.first().waitFor();
      };
      // The admin's approvals: the demo's and the two of this journey, each by Aditi Admin.
      await filterBy('withdrawal.approved');
      await expect.poll(() => rows.count()).toBe(3);
      for (const row of await rows.all()) {
        expect(await row.textContent()).toContain('Approved a withdrawal');
        expect(await row.textContent()).toContain('Aditi Admin');
        expect(await row.getByTestId('audit-amount').textContent()).toBe(formatPaise(WITHDRAWAL_PAISE));
      }
      // The wallet's side of the money: set aside three times (the demo's withdrawal and this journey's two), returned
      // once (the failed payout), paid out twice (the demo's and the processed one) — and nothing else.
      const counts = async (labels: Record<string, string>) => {
        const found: Record<string, number> = { rows: await rows.count() };
        for (const [key, label] of Object.entries(labels)) found[key] = await rows.filter({ hasText: label }).count();
        return found;
      };
      await filterBy('money.withdrawal*');
      await expect
        .poll(() => counts({ setAside: 'Withdrawal set aside', returned: 'Withdrawal returned to the wallet', paidOut: 'Withdrawal paid out' }))
        .toEqual({ rows: 6, setAside: 3, returned: 1, paidOut: 2 });
      for (const row of await rows.all()) expect(await row.getByTestId('audit-amount').textContent()).toBe(formatPaise(WITHDRAWAL_PAISE));
      // The bank's side: two payouts sent, each with the gateway's payout id; the failed one moved nothing.
      await filterBy('money.payout');
      await expect.poll(() => counts({ sent: 'Payout sent to the bank' })).toEqual({ rows: 2, sent: 2 });
      expect(await log.getByText(`Gateway ${(await api<Withdrawal>(`/api/wallet/withdrawals/${second.id}`, ashaToken)).payoutId}`).count()).toBe(1);
      await screenshot(admin, 'admin-audit-log-money');
    },
    240_000,
  );
});
