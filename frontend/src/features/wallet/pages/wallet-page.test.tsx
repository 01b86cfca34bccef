import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { startEachTestAt } from '@/testing/clock';
import { installFakeBackend, json, problem, sessionRoutes, testUser, type Routes } from '@/testing/fake-backend';
import { aWithdrawal, anEarning, fakeWalletBackend, type FakeWalletOptions } from '@/testing/fake-wallet';
import { renderWithApp } from '@/testing/render-app';
import { WalletPage } from './wallet-page';

// The mentor's wallet against the wallet fake. Now is Tuesday 10 November 2026, 11:30 in Kolkata (06:00Z).
const asha = testUser({ id: 'a5a00000-0000-4000-8000-000000000001', name: 'Asha Rao', email: 'asha@example.com', role: 'mentor' });
const me = { id: asha.id, name: asha.name, email: asha.email };
const TZ = 'Asia/Kolkata';
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const hdfc = { type: 'bank' as const, masked: 'XXXXXX1234', ifsc: 'HDFC0001234', bankName: 'HDFC Bank', autoPayout: false };

function history(): Pick<FakeWalletOptions, 'wallet' | 'transactions' | 'withdrawals' | 'payoutMethod'> {
  const processed = aWithdrawal(me, {
    amountPaise: 150_000,
    status: 'processed',
    requestedAt: '2026-11-03T04:30:00.000Z',
    timeline: [
      { status: 'requested', at: '2026-11-03T04:30:00.000Z' },
      { status: 'approved', at: '2026-11-03T06:00:00.000Z' },
      { status: 'processing', at: '2026-11-03T06:00:05.000Z' },
      { status: 'processed', at: '2026-11-03T06:20:00.000Z' },
    ],
    payoutId: 'pout_Nx81',
    utr: 'HDFCN52026110300123',
  });
  const rejected = aWithdrawal(me, {
    amountPaise: 100_000,
    status: 'rejected',
    requestedAt: '2026-11-04T04:30:00.000Z',
    timeline: [
      { status: 'requested', at: '2026-11-04T04:30:00.000Z' },
      { status: 'rejected', at: '2026-11-04T09:00:00.000Z' },
    ],
    rejectReason: 'The account holder’s name does not match your profile',
  });
  const failed = aWithdrawal(me, {
    amountPaise: 60_000,
    status: 'failed',
    source: 'weekly',
    requestedAt: '2026-11-09T00:30:00.000Z',
    timeline: [
      { status: 'requested', at: '2026-11-09T00:30:00.000Z' },
      { status: 'approved', at: '2026-11-09T03:00:00.000Z' },
      { status: 'failed', at: '2026-11-09T03:05:00.000Z' },
    ],
    payoutId: 'pout_Nx99',
    failureReason: 'The beneficiary account is closed',
  });
  const reversed = aWithdrawal(me, {
    amountPaise: 70_000,
    status: 'reversed',
    requestedAt: '2026-10-20T04:30:00.000Z',
    timeline: [
      { status: 'requested', at: '2026-10-20T04:30:00.000Z' },
      { status: 'approved', at: '2026-10-20T05:00:00.000Z' },
      { status: 'processed', at: '2026-10-20T05:10:00.000Z' },
      { status: 'reversed', at: '2026-10-22T05:00:00.000Z' },
    ],
    payoutId: 'pout_Nx10',
    utr: 'HDFCN52026102000999',
    failureReason: 'The bank returned the payout',
  });
  return {
    wallet: { availablePaise: 209_628, inEscrowPaise: 139_752, withdrawnPaise: 150_000, lifetimeEarnedPaise: 359_628, inTransitPaise: 0 },
    payoutMethod: hdfc,
    // Newest first, as the server lists them.
    withdrawals: [failed, rejected, processed, reversed],
    transactions: [
      anEarning({ id: 'booking:b1:share', at: '2026-11-08T05:00:00.000Z', status: 'in_escrow', settledAt: null, description: 'Session earnings, held in escrow until the session is settled' }),
      anEarning({ id: 'booking:b2:share', at: '2026-11-02T05:00:00.000Z' }),
      {
        id: `withdrawal:${processed.id}`,
        at: '2026-11-03T04:30:00.000Z',
        type: 'withdrawal',
        amountPaise: -150_000,
        status: 'paid',
        settledAt: '2026-11-03T06:20:00.000Z',
        bookingId: null,
        withdrawalId: processed.id,
        split: null,
        description: 'Withdrawal, paid out to your account',
      },
    ],
  };
}

function renderWallet(options: Partial<FakeWalletOptions> = {}, override: Routes = {}, initialPath = '/wallet') {
  const fake = fakeWalletBackend({ viewer: asha, ...options });
  const backend = installFakeBackend({ ...sessionRoutes(asha), ...fake.routes, ...override });
  const view = renderWithApp([{ path: '/wallet', element: <WalletPage timeZone={TZ} /> }], { initialPath });
  return { ...view, backend, fake };
}

const figure = (name: string) => screen.getByTestId(`figure-${name}`);
const withdrawButton = () => within(screen.getByRole('region', { name: 'Withdraw' })).getByRole('button', { name: 'Withdraw' });
const steps = (card: HTMLElement) => within(within(card).getByRole('list', { name: 'Progress' })).getAllByRole('listitem').map((item) => item.textContent);

describe('the mentor’s wallet', { timeout: 30_000 }, () => {
  startEachTestAt();

  it('when the mentor opens the wallet, then the five figures, the payout method, each withdrawal with its steps and the statement show', async () => {
    const fake = fakeWalletBackend({ viewer: asha, ...history() });
    let answer = () => {};
    const answered = new Promise<void>((resolve) => (answer = resolve));
    const { backend } = renderWallet(history(), {
      'GET /api/wallet': async (request, params) => {
        await answered;
        return fake.routes['GET /api/wallet']!(request, params);
      },
    });

    expect(await screen.findByRole('status', { name: 'Loading your wallet' })).toBeInTheDocument();
    answer();
    expect(await screen.findByTestId('figure-available')).toHaveTextContent('₹2,096.28');
    expect(figure('in-escrow')).toHaveTextContent('₹1,397.52');
    expect(figure('in-transit')).toHaveTextContent('₹0');
    expect(figure('withdrawn')).toHaveTextContent('₹1,500');
    expect(figure('lifetime')).toHaveTextContent('₹3,596.28');

    expect(await screen.findByTestId('payout-method')).toHaveTextContent('HDFC Bank account XXXXXX1234IFSC HDFC0001234');
    expect(screen.getByTestId('withdraw-destination')).toHaveTextContent('To your HDFC Bank account XXXXXX1234');
    expect(withdrawButton()).toBeEnabled();

    const processed = await screen.findByRole('article', { name: 'Withdrawal of ₹1,500' });
    expect(within(processed).getByTestId('withdrawal-status')).toHaveTextContent('Processed');
    expect(steps(processed)).toEqual([
      'Requested · Tue, 3 Nov, 2026 at 10:00',
      'Approved · Tue, 3 Nov, 2026 at 11:30',
      'Processing · Tue, 3 Nov, 2026 at 11:30',
      'Processed · Tue, 3 Nov, 2026 at 11:50Bank reference (UTR): HDFCN52026110300123',
    ]);
    expect(within(processed).getAllByRole('listitem')[3]).toHaveAttribute('aria-current', 'step');

    const rejected = screen.getByRole('article', { name: 'Withdrawal of ₹1,000' });
    expect(steps(rejected)).toEqual([
      'Requested · Wed, 4 Nov, 2026 at 10:00',
      'Rejected · Wed, 4 Nov, 2026 at 14:30Reason: The account holder’s name does not match your profile₹1,000 is back in your wallet.',
    ]);
    const failed = screen.getByRole('article', { name: 'Withdrawal of ₹600' });
    expect(failed).toHaveTextContent('weekly automatic payout');
    expect(steps(failed).at(-1)).toBe('Failed · Mon, 9 Nov, 2026 at 08:35Reason: The beneficiary account is closed₹600 is back in your wallet.');

    const back = screen.getByRole('article', { name: 'Withdrawal of ₹700' });
    expect(steps(back)).toEqual([
      'Requested · Tue, 20 Oct, 2026 at 10:00',
      'Approved · Tue, 20 Oct, 2026 at 10:30',
      'Processed · Tue, 20 Oct, 2026 at 10:40Bank reference (UTR): HDFCN52026102000999',
      'Reversed · Thu, 22 Oct, 2026 at 10:30Reason: The bank returned the payout₹700 is back in your wallet.',
    ]);

    const table = await screen.findByRole('table', { name: 'Transactions' });
    const rows = within(table).getAllByTestId('transaction-row');
    expect(rows).toHaveLength(3);
    expect(rows[0]).toHaveTextContent('Sun, 8 Nov, 2026');
    expect(rows[0]).toHaveTextContent('held in escrow');
    expect(rows[0]).toHaveTextContent('₹1,800 paid · ₹360 commission · ₹42.48 gateway fee');
    expect(rows[0]).toHaveTextContent('In escrow');
    expect(rows[0]).toHaveTextContent('+₹1,397.52');
    expect(rows[1]).toHaveTextContent('Withdrawal, paid out to your account');
    expect(rows[1]).toHaveTextContent('−₹1,500');
    expect(backend.sent('GET /api/wallet/transactions').map((r) => Object.fromEntries(r.query))).toEqual([{ page: '1', limit: '20' }]);
    expect(backend.sent('GET /api/wallet/withdrawals').map((r) => Object.fromEntries(r.query))).toEqual([{ page: '1', limit: '5' }]);
  });

  it('when the wallet can’t be loaded, then an error with a retry shows, and the retry loads it', async () => {
    let failing = true;
    const fake = fakeWalletBackend({ viewer: asha, ...history() });
    const { backend } = renderWallet(history(), {
      'GET /api/wallet': (request, params) => (failing ? { status: 500, body: problem(500, 'internal', 'The ledger is not answering') } : fake.routes['GET /api/wallet']!(request, params)),
    });
    const ui = userEvent.setup();

    const alert = await screen.findByRole('alert', {}, { timeout: 10_000 });
    expect(alert).toHaveTextContent('Couldn\'t load your wallet');
    expect(alert).toHaveTextContent('The ledger is not answering');
    failing = false;
    await ui.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByTestId('figure-available')).toHaveTextContent('₹2,096.28');
    expect(backend.sent('GET /api/wallet').length).toBeGreaterThanOrEqual(2);
  });

  it('when a new mentor opens the wallet, then all is zero, nothing is listed, and withdrawing waits for a payout method', async () => {
    renderWallet();

    expect(await screen.findByTestId('figure-available')).toHaveTextContent('₹0');
    expect(await screen.findByTestId('payout-method')).toHaveTextContent('No payout method yet');
    expect(screen.getByTestId('withdraw-blocked')).toHaveTextContent('Add a bank account or UPI id first, so we know where to send your money.');
    expect(withdrawButton()).toBeDisabled();
    expect(screen.getByRole('textbox', { name: 'Amount (₹)' })).toBeDisabled();
    expect(screen.getByRole('switch', { name: /^Weekly automatic payout/ })).toBeDisabled();
    expect(await screen.findByText(/No withdrawals yet/)).toBeInTheDocument();
    expect(await screen.findByText('No transactions yet')).toBeInTheDocument();
  });

  it('when less than ₹500 is available, then withdrawing is disabled and says why', async () => {
    renderWallet({ wallet: { availablePaise: 30_000 }, payoutMethod: hdfc });

    expect(await screen.findByTestId('withdraw-blocked')).toHaveTextContent('You can withdraw from ₹500; you have ₹300 available.');
    expect(withdrawButton()).toBeDisabled();
    expect(withdrawButton()).toHaveAccessibleDescription('You can withdraw from ₹500; you have ₹300 available.');
  });

  it('when a withdrawal is on its way, then another waits, and its steps show what is still to come', async () => {
    const open = aWithdrawal(me, { amountPaise: 80_000, status: 'approved', timeline: [{ status: 'requested', at: '2026-11-10T04:00:00.000Z' }, { status: 'approved', at: '2026-11-10T05:00:00.000Z' }] });
    renderWallet({ wallet: { availablePaise: 200_000, inTransitPaise: 80_000 }, payoutMethod: hdfc, withdrawals: [open] });

    expect(await screen.findByTestId('withdraw-blocked')).toHaveTextContent('Your withdrawal of ₹800 is on its way. You can ask for another once it is done.');
    expect(withdrawButton()).toBeDisabled();
    const card = await screen.findByRole('article', { name: 'Withdrawal of ₹800' });
    expect(steps(card)).toEqual(['Requested · Tue, 10 Nov, 2026 at 09:30', 'Approved · Tue, 10 Nov, 2026 at 10:30', 'ProcessingSent to the bank once approved', 'ProcessedIn your account once the bank confirms']);
    expect(within(card).getAllByRole('listitem')[1]).toHaveAttribute('aria-current', 'step');
  });

  it('when the mentor withdraws, then the amount is checked first, sent once with an Idempotency-Key, and the figures and the list follow', async () => {
    const { backend, fake } = renderWallet(history());
    const ui = userEvent.setup();
    const amount = await screen.findByRole('textbox', { name: 'Amount (₹)' });

    await ui.type(amount, '400');
    await ui.click(withdrawButton());
    expect(await screen.findByText('The smallest withdrawal is ₹500')).toBeInTheDocument();
    await ui.clear(amount);
    await ui.type(amount, '5000');
    await ui.click(withdrawButton());
    expect(await screen.findByText('You can withdraw at most ₹2,096.28')).toBeInTheDocument();
    await ui.click(screen.getByRole('button', { name: 'Withdraw all' }));
    expect(amount).toHaveValue('2096.28');
    expect(backend.sent('POST /api/wallet/withdrawals')).toHaveLength(0);

    await ui.clear(amount);
    await ui.type(amount, '1,000.50');
    await ui.click(withdrawButton());

    expect(await screen.findByText('Withdrawal requested')).toBeInTheDocument();
    const [sent] = backend.sent('POST /api/wallet/withdrawals');
    expect(sent?.body).toEqual({ amountPaise: 100_050 });
    expect(sent?.headers.get('Idempotency-Key')).toMatch(uuid);
    expect(fake.withdrawals[0]).toMatchObject({ amountPaise: 100_050, status: 'requested' });
    await waitFor(() => expect(figure('available')).toHaveTextContent('₹1,095.78'));
    expect(figure('in-transit')).toHaveTextContent('₹1,000.50');
    const card = await screen.findByRole('article', { name: 'Withdrawal of ₹1,000.50' });
    expect(steps(card)[0]).toBe('Requested · Tue, 10 Nov, 2026 at 11:30');
    expect(steps(card)[1]).toBe('ApprovedWaiting for an admin to approve it');
    expect(await screen.findByTestId('withdraw-blocked')).toHaveTextContent('Your withdrawal of ₹1,000.50 is on its way.');
    expect(within(await screen.findByRole('table', { name: 'Transactions' })).getAllByTestId('transaction-row')[0]).toHaveTextContent('−₹1,000.50');
  });

  it('when the server refuses the amount, then its words show on the field, and the next attempt is a new request', async () => {
    const refusals = [
      { status: 422, body: problem(422, 'validation_failed', 'The request is invalid', [{ path: 'amountPaise', message: 'You can withdraw at most ₹900' }]) },
      { status: 409, body: problem(409, 'withdrawal_open', 'You already have a withdrawal on its way; request another once it is done') },
    ];
    const { backend } = renderWallet(history(), { 'POST /api/wallet/withdrawals': () => refusals.shift() ?? json({}, 500) });
    const ui = userEvent.setup();
    const amount = await screen.findByRole('textbox', { name: 'Amount (₹)' });

    await ui.type(amount, '1000');
    await ui.click(withdrawButton());
    expect(await screen.findByText('You can withdraw at most ₹900')).toBeInTheDocument();
    expect(amount).toHaveAttribute('aria-invalid', 'true');

    await ui.click(withdrawButton());
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Couldn\'t request the withdrawal');
    expect(alert).toHaveTextContent('You already have a withdrawal on its way');
    const keys = backend.sent('POST /api/wallet/withdrawals').map((r) => r.headers.get('Idempotency-Key'));
    expect(keys).toHaveLength(2);
    expect(keys[0]).not.toBe(keys[1]);
  });

  it('when a bank account is added, then the numbers must match, the server’s IFSC and password errors land on their fields, and only the masked account and the bank’s name show', async () => {
    const { backend, fake } = renderWallet({ wallet: { availablePaise: 100_000 } });
    const ui = userEvent.setup();

    await ui.click(await screen.findByRole('button', { name: 'Add a payout method' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add a payout method' });
    const field = (name: RegExp) => within(dialog).getByLabelText(name);
    await ui.type(field(/^Account holder’s name/), 'Asha Rao');
    await ui.type(field(/^Account number\s*\*?$/), '123456789');
    await ui.type(field(/^Account number again/), '123456780');
    await ui.type(field(/^IFSC/), 'abcd0123456');
    await ui.type(field(/^Password/), 'correct horse 1');
    await ui.click(within(dialog).getByRole('button', { name: 'Save bank account' }));
    expect(await within(dialog).findByText('The two account numbers differ')).toBeInTheDocument();
    expect(backend.sent('PUT /api/wallet/payout-method')).toHaveLength(0);

    await ui.clear(field(/^Account number again/));
    await ui.type(field(/^Account number again/), '123456789');
    await ui.click(within(dialog).getByRole('button', { name: 'Save bank account' }));
    expect(await within(dialog).findByText('No bank branch has this IFSC; check it on your cheque book or bank app')).toBeInTheDocument();
    expect(field(/^IFSC/)).toHaveAttribute('aria-invalid', 'true');
    expect(backend.sent('PUT /api/wallet/payout-method')[0]?.body).toEqual({
      type: 'bank',
      holderName: 'Asha Rao',
      accountNumber: '123456789',
      accountNumberConfirm: '123456789',
      ifsc: 'ABCD0123456',
      password: 'correct horse 1',
    });

    await ui.clear(field(/^IFSC/));
    await ui.type(field(/^IFSC/), 'HDFC0001234');
    await ui.clear(field(/^Password/));
    await ui.type(field(/^Password/), 'wrong password');
    await ui.click(within(dialog).getByRole('button', { name: 'Save bank account' }));
    expect(await within(dialog).findByText('That is not your password')).toBeInTheDocument();
    expect(field(/^Password/)).toHaveAccessibleDescription(/That is not your password/);

    await ui.clear(field(/^Password/));
    await ui.type(field(/^Password/), 'correct horse 1');
    await ui.click(within(dialog).getByRole('button', { name: 'Save bank account' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(screen.getByTestId('payout-method')).toHaveTextContent('HDFC Bank account XXXXXX6789IFSC HDFC0001234');
    expect(fake.method()).toMatchObject({ type: 'bank', masked: 'XXXXXX6789', bankName: 'HDFC Bank' });
    expect(await screen.findByText('Withdrawals now go to your HDFC Bank account XXXXXX6789.')).toBeInTheDocument();
    expect(document.body).not.toHaveTextContent('123456789');
    expect(screen.getByTestId('withdraw-destination')).toHaveTextContent('To your HDFC Bank account XXXXXX6789');
    expect(withdrawButton()).toBeEnabled();
  });

  it('when a UPI id is chosen instead, then it is checked and saved, shown masked', async () => {
    const { backend } = renderWallet({ payoutMethod: hdfc });
    const ui = userEvent.setup();

    await ui.click(await screen.findByRole('button', { name: 'Change' }));
    const dialog = await screen.findByRole('dialog', { name: 'Change payout method' });
    await ui.click(within(dialog).getByRole('radio', { name: 'UPI id' }));
    await ui.type(within(dialog).getByRole('textbox', { name: /^UPI id/ }), 'asha.rao');
    await ui.type(within(dialog).getByLabelText(/^Password/), 'correct horse 1');
    await ui.click(within(dialog).getByRole('button', { name: 'Save UPI id' }));
    expect(await within(dialog).findByText('A UPI id, like name@okhdfcbank')).toBeInTheDocument();
    expect(backend.sent('PUT /api/wallet/payout-method')).toHaveLength(0);

    await ui.type(within(dialog).getByRole('textbox', { name: /^UPI id/ }), '@okaxis');
    await ui.click(within(dialog).getByRole('button', { name: 'Save UPI id' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(backend.sent('PUT /api/wallet/payout-method')[0]?.body).toEqual({ type: 'upi', vpa: 'asha.rao@okaxis', password: 'correct horse 1' });
    expect(screen.getByTestId('payout-method')).toHaveTextContent('UPI asXXXXXX@okaxis');
  });

  it('when the weekly payout is switched on, then the setting is sent and the switch stays on', async () => {
    const { backend, fake } = renderWallet({ payoutMethod: hdfc });
    const ui = userEvent.setup();

    const toggle = await screen.findByRole('switch', { name: /^Weekly automatic payout/ });
    expect(toggle).not.toBeChecked();
    await ui.click(toggle);
    expect(await screen.findByText('Weekly payout on')).toBeInTheDocument();
    expect(backend.sent('PATCH /api/wallet/settings')[0]?.body).toEqual({ autoPayout: true });
    expect(fake.method()?.autoPayout).toBe(true);
    expect(screen.getByRole('switch', { name: /^Weekly automatic payout/ })).toBeChecked();
  });
});

describe('the wallet’s statement', { timeout: 30_000 }, () => {
  startEachTestAt();

  const many = () =>
    Array.from({ length: 25 }, (_, index) =>
      anEarning({ id: `booking:b${String(index).padStart(2, '0')}:share`, at: new Date(Date.UTC(2026, 9, 1 + index, 5)).toISOString(), amountPaise: 10_000 + index }),
    );

  it('when a type and dates are chosen, then the statement is asked for with them, the URL keeps them, and clearing shows everything again', async () => {
    const { backend, router } = renderWallet({ ...history(), payoutMethod: hdfc });
    const ui = userEvent.setup();
    await screen.findByRole('table', { name: 'Transactions' });

    await ui.click(screen.getByRole('combobox', { name: 'Type' }));
    await ui.click(await screen.findByRole('option', { name: 'Withdrawals' }));
    await waitFor(() => expect(router.state.location.search).toBe('?type=withdrawal'));
    await waitFor(() => expect(within(screen.getByRole('table', { name: 'Transactions' })).getAllByTestId('transaction-row')).toHaveLength(1));

    fireEvent.change(screen.getByLabelText(/^From/), { target: { value: '2026-11-03' } });
    fireEvent.change(screen.getByLabelText(/^To/), { target: { value: '2026-11-03' } });
    await waitFor(() => expect(Object.fromEntries(backend.sent('GET /api/wallet/transactions').at(-1)!.query)).toEqual({ type: 'withdrawal', from: '2026-11-03', to: '2026-11-03', page: '1', limit: '20' }));
    expect(router.state.location.search).toBe('?type=withdrawal&from=2026-11-03&to=2026-11-03');
    expect(within(await screen.findByRole('table', { name: 'Transactions' })).getAllByTestId('transaction-row')).toHaveLength(1);

    fireEvent.change(screen.getByLabelText(/^To/), { target: { value: '2026-11-05' } });
    fireEvent.change(screen.getByLabelText(/^From/), { target: { value: '2026-11-04' } });
    expect(await screen.findByText('No transactions match')).toBeInTheDocument();

    await ui.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(within(screen.getByRole('table', { name: 'Transactions' })).getAllByTestId('transaction-row')).toHaveLength(3));
    expect(router.state.location.search).toBe('');
  });

  it('when the server refuses the dates, then its words show on the field', async () => {
    renderWallet({ ...history(), payoutMethod: hdfc }, {}, '/wallet?from=2026-11-09&to=2026-11-02');

    expect(await screen.findByText('Must not be before from')).toBeInTheDocument();
    expect(screen.getByLabelText(/^To/)).toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByRole('table', { name: 'Transactions' })).not.toBeInTheDocument();
  });

  it('when there are more lines than a page, then the pages move through the URL', async () => {
    const { backend, router } = renderWallet({ transactions: many(), payoutMethod: hdfc });
    const ui = userEvent.setup();

    const table = await screen.findByRole('table', { name: 'Transactions' });
    expect(within(table).getAllByTestId('transaction-row')).toHaveLength(20);
    const pages = screen.getByRole('navigation', { name: 'Transaction pages' });
    expect(pages).toHaveTextContent('1–20 of 25');
    await ui.click(within(pages).getByRole('button', { name: '2' }));

    await waitFor(() => expect(within(screen.getByRole('table', { name: 'Transactions' })).getAllByTestId('transaction-row')).toHaveLength(5));
    expect(router.state.location.search).toBe('?page=2');
    expect(backend.sent('GET /api/wallet/transactions').at(-1)?.query.get('page')).toBe('2');
  });

  it('when Download CSV is pressed, then every line matching the filters is fetched as CSV with the bearer token and saved', async () => {
    const saved: { name: string; text: Promise<string> }[] = [];
    vi.stubGlobal('URL', Object.assign(class extends URL {}, { createObjectURL: (blob: Blob) => (saved.push({ name: '', text: blob.text() }), 'blob:statement'), revokeObjectURL: () => undefined }));
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.at(-1)!.name = this.download;
    });
    const { backend } = renderWallet({ ...history(), payoutMethod: hdfc }, {}, '/wallet?type=earning&from=2026-11-01');
    const ui = userEvent.setup();

    await screen.findByRole('table', { name: 'Transactions' });
    await ui.click(screen.getByRole('button', { name: 'Download CSV' }));

    await waitFor(() => expect(click).toHaveBeenCalledTimes(1));
    const [request] = backend.sent('GET /api/wallet/transactions').filter((r) => r.query.get('format') === 'csv');
    expect(Object.fromEntries(request!.query)).toEqual({ type: 'earning', from: '2026-11-01', format: 'csv' });
    expect(request?.headers.get('Authorization')).toBe('Bearer token');
    expect(request?.headers.get('Accept')).toBe('text/csv');
    expect(saved[0]?.name).toBe('wallet-2026-11-01-to-today.csv');
    const text = await saved[0]!.text;
    expect(text.split('\r\n')[0]).toBe('Date,Type,Description,Amount (INR),Status,Reference');
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(3);
  });
});
