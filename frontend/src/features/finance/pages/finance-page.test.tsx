import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { startEachTestAt } from '@/testing/clock';
import { installFakeBackend, problem, sessionRoutes, testUser, type Routes } from '@/testing/fake-backend';
import { fakeFinanceBackend, type FakeFinanceOptions } from '@/testing/fake-finance';
import { renderWithApp } from '@/testing/render-app';
import { FinancePage } from './finance-page';

// The admin's revenue dashboard against the finance fake. Now is Tuesday 10 November 2026, 11:30 in Kolkata.
const aditi = testUser({ id: 'ad000000-0000-4000-8000-000000000001', name: 'Aditi Admin', email: 'aditi@example.com', role: 'admin' });

const weeks: FakeFinanceOptions['weeks'] = {
  '2026-10-26': { bookings: 3, grossPaise: 7_500_00, platformRevenuePaise: 1_500_00, gatewayFeesPaise: 177_00, refundsPaise: 2_500_00 },
  '2026-11-02': { bookings: 2, grossPaise: 4_000_50, platformRevenuePaise: 800_10, gatewayFeesPaise: 94_41, payoutsPaise: 6_000_00, payoutReversalsPaise: 500_00 },
};

function renderFinance({ override = {}, initialPath = '/admin/finance', options = {} }: { override?: Routes; initialPath?: string; options?: Partial<FakeFinanceOptions> } = {}) {
  const fake = fakeFinanceBackend({ admin: { id: aditi.id, name: aditi.name }, weeks, ...options });
  const backend = installFakeBackend({ ...sessionRoutes(aditi), ...fake.routes, ...override });
  return { ...renderWithApp([{ path: '/admin/finance', element: <FinancePage /> }], { initialPath }), backend, fake };
}

const summaryRequests = (backend: ReturnType<typeof installFakeBackend>) => backend.sent('GET /api/admin/finance/summary').map((r) => Object.fromEntries(r.query));

describe('the finance dashboard', { timeout: 30_000 }, () => {
  startEachTestAt();

  it('when the admin opens it, then the last 12 weeks (India) are asked for, with the totals, a bar per week and the table of every figure beside it', async () => {
    const { backend } = renderFinance();

    const totals = await screen.findByLabelText('Totals for the period');
    expect(within(totals).getByTestId('total-bookings')).toHaveTextContent('5');
    expect(within(totals).getByTestId('total-gross')).toHaveTextContent('₹11,500.50');
    expect(within(totals).getByTestId('total-revenue')).toHaveTextContent('₹2,300.10');
    expect(within(totals).getByTestId('total-fees')).toHaveTextContent('₹271.41');
    expect(within(totals).getByTestId('total-refunds')).toHaveTextContent('₹2,500');
    expect(within(totals).getByTestId('total-payouts')).toHaveTextContent('₹6,000');
    expect(totals).toHaveTextContent('₹500 returned by banks');
    // Monday 24 August to today, both included; the API's end is the day after.
    expect(summaryRequests(backend)).toEqual([{ from: '2026-08-24', to: '2026-11-11', groupBy: 'week' }]);
    expect(screen.getByTestId('finance-period')).toHaveTextContent('Mon, 24 Aug, 2026 – Tue, 10 Nov, 2026');

    const chart = screen.getByRole('img', { name: /Gross volume by week/ });
    expect(chart).toHaveAccessibleName(expect.stringContaining('12 weeks, ₹11,500.50 in all; the highest, ₹7,500, in the week of Mon, 26 Oct, 2026.'));
    const bars = within(chart).getAllByTestId('chart-bar');
    expect(bars).toHaveLength(12);
    expect(bars.map((bar) => Number(bar.getAttribute('data-value')))).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 7_500_00, 4_000_50, 0]);

    const table = screen.getByTestId('weekly-table');
    const rows = within(table).getAllByTestId('week-row');
    expect(rows).toHaveLength(12);
    expect(rows[9]).toHaveTextContent('Mon, 26 Oct, 2026');
    expect(within(rows[9]!).getAllByRole('cell').map((c) => c.textContent)).toEqual(['3', '₹7,500', '₹1,500', '₹177', '₹2,500', '₹0']);
    expect(within(rows[10]!).getAllByRole('cell').at(-1)).toHaveTextContent('₹6,000₹500 returned');
    expect(within(within(table).getByTestId('totals-row')).getAllByRole('cell').map((c) => c.textContent)).toEqual(['5', '₹11,500.50', '₹2,300.10', '₹271.41', '₹2,500', '₹6,000₹500 returned']);
  });

  it('when another figure is charted, then the bars and their summary are of that figure, and the choice stays in the URL', async () => {
    const { router } = renderFinance();
    const ui = userEvent.setup();
    await screen.findByRole('img', { name: /Gross volume by week/ });

    await ui.click(screen.getByRole('combobox', { name: 'Chart shows' }));
    await ui.click(await screen.findByRole('option', { name: 'Bookings' }));

    const chart = await screen.findByRole('img', { name: /Bookings by week/ });
    expect(within(chart).getAllByTestId('chart-bar').map((bar) => Number(bar.getAttribute('data-value'))).slice(9, 11)).toEqual([3, 2]);
    expect(chart).toHaveAccessibleName(expect.stringContaining('12 weeks, 5 in all'));
    expect(router.state.location.search).toContain('chart=bookings');
  });

  it('when a preset or other days are picked, then those days are asked for; days out of order are refused on the field and nothing is sent', async () => {
    const { backend } = renderFinance();
    const ui = userEvent.setup();
    await screen.findByTestId('weekly-table');

    await ui.click(screen.getByRole('button', { name: 'Last 4 weeks' }));
    await waitFor(() => expect(summaryRequests(backend).at(-1)).toEqual({ from: '2026-10-19', to: '2026-11-11', groupBy: 'week' }));
    await waitFor(() => expect(screen.getAllByTestId('week-row')).toHaveLength(4));

    const form = screen.getByRole('form', { name: 'Period' });
    const from = within(form).getByLabelText(/^From/);
    const to = within(form).getByLabelText(/^To/);
    await ui.clear(from);
    await ui.type(from, '2026-11-05');
    await ui.clear(to);
    await ui.type(to, '2026-11-01');
    const sent = backend.sent('GET /api/admin/finance/summary').length;
    await ui.click(within(form).getByRole('button', { name: 'Show' }));
    expect(await within(form).findByText('Must not be before the start')).toBeInTheDocument();
    expect(to).toHaveAttribute('aria-invalid', 'true');
    expect(backend.sent('GET /api/admin/finance/summary')).toHaveLength(sent);

    await ui.clear(to);
    await ui.type(to, '2026-11-08');
    await ui.click(within(form).getByRole('button', { name: 'Show' }));
    await waitFor(() => expect(summaryRequests(backend).at(-1)).toEqual({ from: '2026-11-05', to: '2026-11-09', groupBy: 'week' }));
    expect(await screen.findByTestId('finance-period')).toHaveTextContent('Thu, 5 Nov, 2026 – Sun, 8 Nov, 2026');
  });

  it('when nothing moved in the period, then it says so (totals at zero)', async () => {
    renderFinance({ initialPath: '/admin/finance?from=2026-06-01&to=2026-06-30' });
    expect(await screen.findByText('No money moved in this period')).toBeInTheDocument();
    expect(screen.getByTestId('total-gross')).toHaveTextContent('₹0');
    expect(screen.queryByRole('img')).not.toBeInTheDocument();
  });

  it('when the server fails, then the error shows with a retry that loads the figures', async () => {
    let fail = true;
    const fake = fakeFinanceBackend({ admin: { id: aditi.id, name: aditi.name }, weeks });
    const { backend } = renderFinance({
      override: {
        'GET /api/admin/finance/summary': (request, params) =>
          fail ? { status: 500, body: problem(500, 'internal_error', 'The figures could not be read') } : fake.routes['GET /api/admin/finance/summary']!(request, params),
      },
    });
    const ui = userEvent.setup();
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Couldn’t load the figures');
    fail = false;
    await ui.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByTestId('weekly-table')).toBeInTheDocument();
    expect(backend.sent('GET /api/admin/finance/summary').length).toBeGreaterThanOrEqual(2);
  });

  it('when the URL asks for more than two years, then the server’s 422 is shown on the “To” field', async () => {
    renderFinance({ initialPath: '/admin/finance?from=2020-01-01&to=2026-11-10' });
    const to = await screen.findByLabelText(/^To/);
    await waitFor(() => expect(to).toHaveAccessibleDescription(expect.stringContaining('At most 731 days after from')));
    expect(screen.getByRole('alert')).toHaveTextContent('Check the period above');
  });
});
