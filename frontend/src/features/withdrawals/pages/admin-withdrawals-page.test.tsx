import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { startEachTestAt } from '@/testing/clock';
import { installFakeBackend, problem, sessionRoutes, testUser, type Routes } from '@/testing/fake-backend';
import { aWithdrawal, fakeWalletBackend, type FakeWithdrawal } from '@/testing/fake-wallet';
import { renderWithApp } from '@/testing/render-app';
import { AdminWithdrawalsPage } from './admin-withdrawals-page';

// The admin's withdrawals queue against the wallet fake. Now is Tuesday 10 November 2026, 11:30 in Kolkata (06:00Z).
const aditi = testUser({ id: 'ad000000-0000-4000-8000-000000000001', name: 'Aditi Admin', email: 'aditi@example.com', role: 'admin' });
const asha = { id: 'a5a00000-0000-4000-8000-000000000001', name: 'Asha Rao', email: 'asha@example.com' };
const vikram = { id: 'a5a00000-0000-4000-8000-000000000002', name: 'Vikram Shah', email: 'vikram@example.com' };
const TZ = 'Asia/Kolkata';

function queue() {
  const ashas = aWithdrawal(asha, { amountPaise: 150_000, requestedAt: '2026-11-09T04:30:00.000Z', timeline: [{ status: 'requested', at: '2026-11-09T04:30:00.000Z' }] });
  const vikrams = aWithdrawal(vikram, {
    amountPaise: 52_000,
    source: 'weekly',
    method: { type: 'upi', masked: 'viXXXX@okaxis' },
    requestedAt: '2026-11-09T00:30:00.000Z',
    timeline: [{ status: 'requested', at: '2026-11-09T00:30:00.000Z' }],
  });
  const processed = aWithdrawal(asha, {
    amountPaise: 90_000,
    status: 'processed',
    requestedAt: '2026-11-02T04:30:00.000Z',
    timeline: [
      { status: 'requested', at: '2026-11-02T04:30:00.000Z' },
      { status: 'approved', at: '2026-11-02T06:00:00.000Z' },
      { status: 'processing', at: '2026-11-02T06:00:02.000Z' },
      { status: 'processed', at: '2026-11-02T06:10:00.000Z' },
    ],
    payoutId: 'pout_Nx81',
    utr: 'HDFCN52026110200123',
  });
  const failed = aWithdrawal(vikram, {
    amountPaise: 60_000,
    status: 'failed',
    requestedAt: '2026-11-01T04:30:00.000Z',
    timeline: [
      { status: 'requested', at: '2026-11-01T04:30:00.000Z' },
      { status: 'approved', at: '2026-11-01T05:00:00.000Z' },
      { status: 'failed', at: '2026-11-01T05:02:00.000Z' },
    ],
    payoutId: 'pout_Nx82',
    failureReason: 'The beneficiary account is closed',
  });
  return { withdrawals: [ashas, vikrams, processed, failed], ashas, vikrams, processed, failed };
}

function renderQueue({ withdrawals, override = {}, initialPath = '/admin/withdrawals' }: { withdrawals: FakeWithdrawal[]; override?: Routes; initialPath?: string }) {
  const fake = fakeWalletBackend({ viewer: aditi, withdrawals });
  const backend = installFakeBackend({ ...sessionRoutes(aditi), ...fake.routes, ...override });
  const view = renderWithApp([{ path: '/admin/withdrawals', element: <AdminWithdrawalsPage timeZone={TZ} /> }], { initialPath });
  return { ...view, backend, fake };
}

const items = () => screen.findAllByRole('article', { name: /^Withdrawal of / });

describe('admin withdrawals queue', { timeout: 30_000 }, () => {
  startEachTestAt();

  it('when the admin opens the queue, then waiting withdrawals are listed oldest first with the mentor, amount, masked method and when they were asked for', async () => {
    const { withdrawals } = queue();
    const { backend } = renderQueue({ withdrawals });

    const listed = await items();
    expect(listed.map((item) => item.getAttribute('aria-label'))).toEqual(['Withdrawal of ₹520 by Vikram Shah', 'Withdrawal of ₹1,500 by Asha Rao']);
    const [first, second] = listed;
    expect(first).toHaveTextContent('vikram@example.com');
    expect(within(first!).getByTestId('withdrawal-method')).toHaveTextContent('To UPI viXXXX@okaxis');
    expect(first).toHaveTextContent('Requested Mon, 9 Nov, 2026 at 06:00 · weekly automatic payout');
    expect(within(second!).getByTestId('withdrawal-method')).toHaveTextContent('To Bank account XXXXXX1234');
    expect(within(second!).getByRole('button', { name: 'Approve' })).toBeInTheDocument();
    expect(within(second!).getByRole('button', { name: 'Reject' })).toBeInTheDocument();
    expect(screen.getByText('2 withdrawals')).toBeInTheDocument();
    expect(backend.sent('GET /api/admin/withdrawals').map((request) => Object.fromEntries(request.query))).toEqual([{ status: 'requested', page: '1', limit: '20' }]);
  });

  it('when the admin approves and confirms, then it is sent once, leaves the waiting tab, and shows as approved with its payout under way', async () => {
    const { withdrawals, ashas } = queue();
    const { backend, fake } = renderQueue({ withdrawals });
    const ui = userEvent.setup();

    const item = await screen.findByRole('article', { name: 'Withdrawal of ₹1,500 by Asha Rao' });
    await ui.click(within(item).getByRole('button', { name: 'Approve' }));
    const dialog = await screen.findByRole('dialog', { name: 'Approve this withdrawal?' });
    expect(within(dialog).getByTestId('approve-summary')).toHaveTextContent('₹1,500 goes to Asha Rao’s Bank account XXXXXX1234 through the payout gateway.');
    expect(backend.sent(`POST /api/admin/withdrawals/${ashas.id}/approve`)).toHaveLength(0);
    await ui.click(within(dialog).getByRole('button', { name: 'Approve and pay' }));

    await waitFor(() => expect(screen.queryByRole('article', { name: 'Withdrawal of ₹1,500 by Asha Rao' })).not.toBeInTheDocument());
    expect(backend.sent(`POST /api/admin/withdrawals/${ashas.id}/approve`)).toHaveLength(1);
    expect(fake.withdrawals.find((w) => w.id === ashas.id)?.status).toBe('approved');
    expect(await screen.findByText('Withdrawal approved')).toBeInTheDocument();

    await ui.click(screen.getByRole('tab', { name: 'Approved' }));
    const approved = await screen.findByRole('article', { name: 'Withdrawal of ₹1,500 by Asha Rao' });
    expect(within(approved).getByTestId('withdrawal-outcome')).toHaveTextContent('Approved Tue, 10 Nov, 2026 at 11:30The payout is being made');
    expect(within(approved).queryByRole('button', { name: 'Approve' })).not.toBeInTheDocument();
  });

  it('when the admin rejects, then a reason is required, it is sent, and the withdrawal shows as rejected with it', async () => {
    const { withdrawals, vikrams } = queue();
    const { backend } = renderQueue({ withdrawals });
    const ui = userEvent.setup();

    const item = await screen.findByRole('article', { name: 'Withdrawal of ₹520 by Vikram Shah' });
    await ui.click(within(item).getByRole('button', { name: 'Reject' }));
    const dialog = await screen.findByRole('dialog', { name: 'Reject withdrawal' });
    expect(dialog).toHaveTextContent('₹520 goes back to Vikram Shah’s wallet, and they are told why.');
    await ui.click(within(dialog).getByRole('button', { name: 'Reject withdrawal' }));
    expect(await within(dialog).findByText('Say why, for the mentor (at least 3 characters)')).toBeInTheDocument();
    expect(backend.sent(`POST /api/admin/withdrawals/${vikrams.id}/reject`)).toHaveLength(0);

    await ui.type(within(dialog).getByRole('textbox', { name: /^Reason/ }), 'The UPI id belongs to someone else');
    await ui.click(within(dialog).getByRole('button', { name: 'Reject withdrawal' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(backend.sent(`POST /api/admin/withdrawals/${vikrams.id}/reject`).map((r) => r.body)).toEqual([{ reason: 'The UPI id belongs to someone else' }]);
    expect(await screen.findByText('₹520 is back in Vikram Shah’s wallet.')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('article', { name: 'Withdrawal of ₹520 by Vikram Shah' })).not.toBeInTheDocument());

    await ui.click(screen.getByRole('tab', { name: 'Rejected' }));
    const rejected = await screen.findByRole('article', { name: 'Withdrawal of ₹520 by Vikram Shah' });
    expect(within(rejected).getByTestId('withdrawal-outcome')).toHaveTextContent('Rejected: The UPI id belongs to someone else. The money is back in the mentor’s wallet.');
  });

  it('when another admin decided first, then approving says so and the queue is read again', async () => {
    const { withdrawals } = queue();
    const { backend } = renderQueue({
      withdrawals,
      override: { 'POST /api/admin/withdrawals/:id/approve': () => ({ status: 409, body: problem(409, 'withdrawal_not_requested', 'This withdrawal is approved, no longer waiting for a decision') }) },
    });
    const ui = userEvent.setup();

    const item = await screen.findByRole('article', { name: 'Withdrawal of ₹1,500 by Asha Rao' });
    await ui.click(within(item).getByRole('button', { name: 'Approve' }));
    await ui.click(within(await screen.findByRole('dialog', { name: 'Approve this withdrawal?' })).getByRole('button', { name: 'Approve and pay' }));

    expect(await screen.findByText('Couldn’t approve the withdrawal')).toBeInTheDocument();
    expect(screen.getByText('This withdrawal is approved, no longer waiting for a decision')).toBeInTheDocument();
    await waitFor(() => expect(backend.sent('GET /api/admin/withdrawals').length).toBeGreaterThanOrEqual(2));
  });

  it('when the admin looks at processed and failed payouts, then the UTR and the bank’s reason show', async () => {
    const { withdrawals } = queue();
    renderQueue({ withdrawals, initialPath: '/admin/withdrawals?status=processed' });
    const ui = userEvent.setup();

    const processed = await screen.findByRole('article', { name: 'Withdrawal of ₹900 by Asha Rao' });
    expect(within(processed).getByTestId('withdrawal-outcome')).toHaveTextContent('Processed, UTR HDFCN52026110200123');
    expect(within(processed).queryByRole('button')).not.toBeInTheDocument();

    await ui.click(screen.getByRole('tab', { name: 'Failed' }));
    const failed = await screen.findByRole('article', { name: 'Withdrawal of ₹600 by Vikram Shah' });
    expect(within(failed).getByTestId('withdrawal-outcome')).toHaveTextContent('Failed: The beneficiary account is closed. The money is back in the mentor’s wallet.');

    await ui.click(screen.getByRole('tab', { name: 'All' }));
    expect(await items()).toHaveLength(4);
  });

  it('when nothing waits, then the queue says so', async () => {
    renderQueue({ withdrawals: [] });

    expect(await screen.findByText('No withdrawals waiting')).toBeInTheDocument();
    expect(screen.queryByRole('article')).not.toBeInTheDocument();
  });

  it('when the queue can’t be loaded, then an error with a retry shows, and the retry loads it', async () => {
    let failing = true;
    const { withdrawals } = queue();
    renderQueue({
      withdrawals,
      override: {
        'GET /api/admin/withdrawals': () =>
          failing ? { status: 500, body: problem(500, 'internal', 'The server had a problem') } : { status: 200, body: { items: [], page: 1, limit: 20, total: 0 } },
      },
    });
    const ui = userEvent.setup();

    const alert = await screen.findByRole('alert', {}, { timeout: 10_000 });
    expect(alert).toHaveTextContent('Couldn\'t load the withdrawals');
    failing = false;
    await ui.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('No withdrawals waiting')).toBeInTheDocument();
  });
});
