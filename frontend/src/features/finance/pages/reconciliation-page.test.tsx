import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { startEachTestAt } from '@/testing/clock';
import { installFakeBackend, json, sessionRoutes, testUser, type Reply, type Routes } from '@/testing/fake-backend';
import { aRun, fakeFinanceBackend, type FakeFinanceOptions, type FakeMismatch } from '@/testing/fake-finance';
import { renderWithApp } from '@/testing/render-app';
import { ReconciliationPage } from './reconciliation-page';

// Reconciliation against the finance fake. Now is Tuesday 10 November 2026, 11:30 in Kolkata.
const aditi = testUser({ id: 'ad000000-0000-4000-8000-000000000001', name: 'Aditi Admin', email: 'aditi@example.com', role: 'admin' });
const TZ = 'Asia/Kolkata';

const lostRefund: FakeMismatch = {
  subject: 'refund',
  kind: 'missing_at_gateway',
  id: 'rfnd_Q2x81',
  ours: { recordId: 'r1', status: 'processed', amountPaise: 1_250_00, ledgerPaise: 1_250_00, ledgerReturnedPaise: null },
  gateway: null,
};
const amountOff: FakeMismatch = {
  subject: 'payment',
  kind: 'amount_differs',
  id: 'pay_Nx81',
  ours: { recordId: 'p1', status: 'captured', amountPaise: 2_500_00, ledgerPaise: 2_500_00, ledgerReturnedPaise: null },
  gateway: { id: 'pay_Nx81', status: 'captured', amountPaise: 2_500_01 },
};
const strayPayout: FakeMismatch = {
  subject: 'payout',
  kind: 'missing_in_records',
  id: 'pout_Z9',
  ours: { recordId: null, status: null, amountPaise: null, ledgerPaise: 500_00, ledgerReturnedPaise: null },
  gateway: { id: 'pout_Z9', status: 'processed', amountPaise: 500_00 },
};

function renderReconciliation({ options = {}, override = {}, initialPath = '/admin/reconciliation' }: { options?: Partial<FakeFinanceOptions>; override?: Routes; initialPath?: string } = {}) {
  const fake = fakeFinanceBackend({
    admin: { id: aditi.id, name: aditi.name },
    // Newest first: last night's found two mismatches; the night before, none.
    runs: [aRun('2026-11-09', { mismatches: [amountOff, lostRefund] }), aRun('2026-11-08')],
    ...options,
  });
  const backend = installFakeBackend({ ...sessionRoutes(aditi), ...fake.routes, ...override });
  return { ...renderWithApp([{ path: '/admin/reconciliation', element: <ReconciliationPage timeZone={TZ} /> }], { initialPath }), backend, fake };
}

describe('reconciliation', { timeout: 30_000 }, () => {
  startEachTestAt();

  it('when the admin opens it, then the newest run shows whole — what it compared and each mismatch with both sides — above the runs kept', async () => {
    renderReconciliation();

    const run = await screen.findByRole('region', { name: 'Mon, 9 Nov, 2026' });
    expect(within(run).getByTestId('run-when')).toHaveTextContent('Nightly · Tue, 10 Nov, 2026 at 03:00');
    expect(within(run).getByTestId('checked-payments')).toHaveTextContent('12');
    expect(within(run).getByTestId('checked-refunds')).toHaveTextContent('2');
    expect(within(run).getByTestId('checked-payouts')).toHaveTextContent('3');
    expect(within(run).getByTestId('mismatch-count')).toHaveTextContent('2');
    const [payment, refund] = within(run).getAllByTestId('mismatch-row');
    expect(within(payment!).getAllByRole('cell').map((c) => c.textContent)).toEqual([
      'Amounts differ',
      'Paymentpay_Nx81',
      'Record: captured · ₹2,500Ledger: ₹2,500',
      'captured · ₹2,500.01',
    ]);
    expect(within(refund!).getAllByRole('cell').map((c) => c.textContent)).toEqual([
      'Missing at the gateway',
      'Refundrfnd_Q2x81',
      'Record: processed · ₹1,250Ledger: ₹1,250',
      'Not found at the gateway',
    ]);

    const runs = screen.getByRole('table', { name: 'Recent runs' });
    const rows = within(runs).getAllByTestId('run-row');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveAttribute('aria-current', 'true');
    expect(rows[0]).toHaveTextContent('2 mismatches');
    expect(rows[1]).toHaveTextContent('No mismatches');
  });

  it('when an older run is shown, then it says there were no mismatches, and the URL keeps which run it is', async () => {
    const { router, fake } = renderReconciliation();
    const ui = userEvent.setup();
    await screen.findByRole('region', { name: 'Mon, 9 Nov, 2026' });

    await ui.click(screen.getByRole('button', { name: /^Show the run of Sun, 8 Nov, 2026/ }));

    const run = await screen.findByRole('region', { name: 'Sun, 8 Nov, 2026' });
    expect(within(run).getByText('No mismatches')).toBeInTheDocument();
    expect(within(run).queryByRole('table')).not.toBeInTheDocument();
    expect(router.state.location.search).toBe(`?run=${fake.runs[1]!.id}`);
  });

  it('when the admin runs yesterday now, then the progress shows until the gateway has answered, the new run is shown and listed first', async () => {
    let answer: ((reply: Reply) => void) | undefined;
    const fake = fakeFinanceBackend({ admin: { id: aditi.id, name: aditi.name }, runs: [aRun('2026-11-08')], nextRun: { checked: { payments: 4, refunds: 1, payouts: 3 }, mismatches: [strayPayout] } });
    const { backend } = renderReconciliation({
      override: {
        ...fake.routes,
        'POST /api/admin/reconciliation/run': (request, params) =>
          new Promise<Reply>((resolve) => {
            answer = resolve;
          }).then(() => fake.routes['POST /api/admin/reconciliation/run']!(request, params)),
      },
    });
    const ui = userEvent.setup();
    const form = await screen.findByRole('form', { name: 'Days to reconcile' });
    expect(within(form).getByLabelText(/^From/)).toHaveValue('2026-11-09');
    expect(within(form).getByLabelText(/^To/)).toHaveValue('2026-11-09');

    await ui.click(within(form).getByRole('button', { name: 'Run now' }));
    expect(await screen.findByRole('progressbar', { name: 'Reconciling' })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Comparing Mon, 9 Nov, 2026 with the gateway…');
    expect(backend.sent('POST /api/admin/reconciliation/run').map((r) => r.body)).toEqual([{ from: '2026-11-09', to: '2026-11-10' }]);
    answer!(json(null));

    const run = await screen.findByRole('region', { name: 'Mon, 9 Nov, 2026' });
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
    expect(within(run).getByTestId('run-when')).toHaveTextContent('By Aditi Admin · Tue, 10 Nov, 2026 at 11:30');
    expect(within(run).getByTestId('checked-payments')).toHaveTextContent('4');
    expect(within(within(run).getByTestId('mismatch-row')).getAllByRole('cell').map((c) => c.textContent)).toEqual([
      'Missing in our records',
      'Payoutpout_Z9',
      'No recordLedger: ₹500',
      'processed · ₹500',
    ]);
    await waitFor(() => expect(within(screen.getByRole('table', { name: 'Recent runs' })).getAllByTestId('run-row')).toHaveLength(2));
    expect(within(screen.getByRole('table', { name: 'Recent runs' })).getAllByTestId('run-row')[0]).toHaveTextContent('By Aditi Admin');
    expect(await screen.findByText('1 mismatch found.')).toBeInTheDocument();
  });

  it('when the gateway does not answer, then the page says nothing was compared and keeps the runs as they were', async () => {
    renderReconciliation({ options: { nextRun: 'gateway_unavailable' } });
    const ui = userEvent.setup();
    const form = await screen.findByRole('form', { name: 'Days to reconcile' });
    await ui.click(within(form).getByRole('button', { name: 'Run now' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The gateway did not answer, so nothing was compared. Try again in a minute.');
    expect(within(screen.getByRole('table', { name: 'Recent runs' })).getAllByTestId('run-row')).toHaveLength(2);
  });

  it('when the days are out of order, then the field says so and nothing runs; when too many, too', async () => {
    const { backend } = renderReconciliation();
    const ui = userEvent.setup();
    const form = await screen.findByRole('form', { name: 'Days to reconcile' });
    const from = within(form).getByLabelText(/^From/);
    await ui.clear(from);
    await ui.type(from, '2026-11-10');
    await ui.click(within(form).getByRole('button', { name: 'Run now' }));
    expect(await within(form).findByText('Must not be before the start')).toBeInTheDocument();
    await ui.clear(from);
    await ui.type(from, '2026-01-01');
    await ui.click(within(form).getByRole('button', { name: 'Run now' }));
    expect(await within(form).findByText('At most 92 days')).toBeInTheDocument();
    expect(backend.sent('POST /api/admin/reconciliation/run')).toHaveLength(0);
  });

  it('when no run was ever kept, then it says so', async () => {
    renderReconciliation({ options: { runs: [] } });
    expect(await screen.findByText('No runs yet')).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: /Nov/ })).not.toBeInTheDocument();
  });
});
