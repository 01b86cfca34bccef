import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { startEachTestAt } from '@/testing/clock';
import { installFakeBackend, problem, sessionRoutes, testUser, type Routes } from '@/testing/fake-backend';
import { fakeFinanceBackend, type FakeAuditEntry } from '@/testing/fake-finance';
import { renderWithApp } from '@/testing/render-app';
import { AUDIT_PAGE_SIZE, AuditLogPage } from './audit-log-page';

// The audit log against the finance fake. Now is Tuesday 10 November 2026, 11:30 in Kolkata.
const aditi = testUser({ id: 'ad000000-0000-4000-8000-000000000001', name: 'Aditi Admin', email: 'aditi@example.com', role: 'admin' });
const bala = { id: 'ad000000-0000-4000-8000-000000000002', name: 'Bala Admin' };
const TZ = 'Asia/Kolkata';
const BOOKING = 'b0000000-0000-4000-8000-000000000001';

const capture: FakeAuditEntry = {
  id: `booking:${BOOKING}:capture`,
  at: '2026-11-10T04:00:00.000Z',
  kind: 'money',
  actor: null,
  action: 'money.capture',
  subjectType: 'booking',
  subjectId: BOOKING,
  data: { transferId: `booking:${BOOKING}:capture`, kind: 'posted', debit: 'gateway_clearing', credit: 'escrow', amountPaise: 2_500_50, code: 'capture', bookingId: BOOKING, externalRef: 'pay_Nx81' },
};
const resolved: FakeAuditEntry = {
  id: 'a0000000-0000-4000-8000-000000000001',
  at: '2026-11-09T10:00:00.000Z',
  kind: 'admin',
  actor: { id: aditi.id, name: aditi.name },
  action: 'dispute.resolve',
  subjectType: 'booking',
  subjectId: BOOKING,
  data: { outcome: 'partial', refundPaise: 1_000_00, note: 'Half the session was lost.' },
};
const approved: FakeAuditEntry = {
  id: 'a0000000-0000-4000-8000-000000000002',
  at: '2026-11-08T10:00:00.000Z',
  kind: 'admin',
  actor: bala,
  action: 'mentor_application.approve',
  subjectType: 'mentor_application',
  subjectId: 'c0000000-0000-4000-8000-000000000009',
  data: { slug: 'asha-rao' },
};

/** Many payouts a day apart, to page through. */
const payouts = (n: number): FakeAuditEntry[] =>
  Array.from({ length: n }, (_, i) => ({
    ...capture,
    id: `withdrawal:w${i}:payout`,
    at: new Date(Date.parse('2026-10-01T06:00:00.000Z') + i * 3_600_000).toISOString(),
    action: 'money.payout',
    subjectType: 'withdrawal',
    subjectId: `w${i}`,
    data: { debit: 'payouts_in_transit', credit: 'gateway_clearing', amountPaise: 500_00, code: 'payout', externalRef: `pout_${i}` },
  }));

function renderAudit({ audit = [capture, resolved, approved], override = {}, initialPath = '/admin/audit' }: { audit?: FakeAuditEntry[]; override?: Routes; initialPath?: string } = {}) {
  const fake = fakeFinanceBackend({ admin: { id: aditi.id, name: aditi.name }, audit });
  const backend = installFakeBackend({ ...sessionRoutes(aditi), ...fake.routes, ...override });
  return { ...renderWithApp([{ path: '/admin/audit', element: <AuditLogPage timeZone={TZ} /> }], { initialPath }), backend };
}

const auditRequests = (backend: ReturnType<typeof installFakeBackend>) => backend.sent('GET /api/admin/audit').map((r) => Object.fromEntries(r.query));

describe('the audit log', { timeout: 30_000 }, () => {
  startEachTestAt();

  it('when the admin opens it, then money movements and admin actions are listed newest first, with who, what, about what and the money in rupees', async () => {
    const { backend } = renderAudit();

    const table = await screen.findByRole('table', { name: 'Audit log' });
    const [money, decision, approval] = within(table).getAllByTestId('audit-row');
    expect(screen.getByText('3 entries')).toBeInTheDocument();
    expect(money).toHaveTextContent('Tue, 10 Nov, 2026');
    expect(money).toHaveTextContent('09:30');
    expect(money).toHaveTextContent('Ledger');
    expect(money).toHaveTextContent('Payment captured into escrow');
    expect(within(money!).getByTestId('audit-amount')).toHaveTextContent('₹2,500.50');
    expect(money).toHaveTextContent('Gateway clearing → Escrow');
    expect(money).toHaveTextContent('Gateway pay_Nx81');
    expect(within(decision!).getByRole('button', { name: 'Aditi Admin' })).toBeInTheDocument();
    expect(decision).toHaveTextContent('Resolved a dispute');
    expect(within(decision!).getByTestId('audit-amount')).toHaveTextContent('₹1,000');
    expect(decision).toHaveTextContent('Outcome: Partial refund · Note: Half the session was lost.');
    expect(approval).toHaveTextContent('Approved a mentor application');
    expect(approval).toHaveTextContent('mentor application');
    expect(auditRequests(backend)).toEqual([{ page: '1', limit: String(AUDIT_PAGE_SIZE) }]);
  });

  it('when a withdrawal’s money moves, then each movement reads the way the money went: set aside from the wallet, returned to it, paid out, sent to the bank', async () => {
    const WALLET = 'mentor_wallet:c0000000-0000-4000-8000-000000000001';
    const hold = { debit: WALLET, credit: 'payouts_in_transit', amountPaise: 500_00 };
    const movement = (id: string, minute: number, code: string, kind: string, data: Record<string, unknown>): FakeAuditEntry => ({
      id,
      at: `2026-11-10T05:${String(minute).padStart(2, '0')}:00.000Z`,
      kind: 'money',
      actor: null,
      action: `money.${code}`,
      subjectType: 'withdrawal',
      subjectId: id.split(':')[1]!,
      data: { transferId: id, kind, code, bookingId: null, externalRef: null, ...data },
    });
    renderAudit({
      audit: [
        movement('withdrawal:w1', 0, 'withdrawal', 'pending', hold),
        movement('withdrawal:w1:returned', 1, 'withdrawal_void', 'void_pending', hold),
        movement('withdrawal:w2', 2, 'withdrawal', 'pending', hold),
        movement('withdrawal:w2:paid', 3, 'withdrawal_post', 'post_pending', hold),
        movement('withdrawal:w2:payout', 4, 'payout', 'posted', { debit: 'payouts_in_transit', credit: 'gateway_clearing', amountPaise: 500_00, externalRef: 'pout_9T' }),
        movement('withdrawal:w3:reversal', 5, 'payout_reversal', 'posted', { debit: 'gateway_clearing', credit: WALLET, amountPaise: 500_00, externalRef: 'pout_9T' }),
      ],
    });

    const table = await screen.findByRole('table', { name: 'Audit log' });
    const rows = within(table).getAllByTestId('audit-row');
    const read = (row: HTMLElement) => [within(row).getByTestId('audit-what').textContent, within(row).getByTestId('audit-movement').textContent];
    expect(rows.map(read)).toEqual([
      ['Payout returned by the bank', 'Gateway clearing → Mentor wallet'],
      ['Payout sent to the bank', 'Payouts in transit → Gateway clearing'],
      ['Withdrawal paid out', 'Mentor wallet → Payouts in transit'],
      ['Withdrawal set aside', 'Mentor wallet → Payouts in transit'],
      ['Withdrawal returned to the wallet', 'Payouts in transit → Mentor wallet'],
      ['Withdrawal set aside', 'Mentor wallet → Payouts in transit'],
    ]);
    expect(rows[4]).toHaveTextContent('Hold undone');
    expect(rows[2]).toHaveTextContent('Hold made final');
    expect(rows[3]).toHaveTextContent('On hold');
    expect(rows[1]).toHaveTextContent('Gateway pout_9T');
  });

  it('when a reconciliation and the withdrawal steps are listed, then their facts read as dates, days and names, never raw instants', async () => {
    const admin = (id: number, action: string, data: Record<string, unknown>, actor: FakeAuditEntry['actor'] = { id: aditi.id, name: aditi.name }): FakeAuditEntry => ({
      id: `a0000000-0000-4000-8000-00000000010${id}`,
      at: `2026-11-10T0${id}:00:00.000Z`,
      kind: 'admin',
      actor,
      action,
      subjectType: 'withdrawal',
      subjectId: 'd0000000-0000-4000-8000-000000000001',
      data,
    });
    renderAudit({
      audit: [
        admin(5, 'reconciliation.run', { from: '2026-11-02T18:30:00.000Z', to: '2026-11-09T18:30:00.000Z', mismatchCount: 2 }),
        admin(4, 'withdrawal.processed', { payoutId: 'pout_9T', utr: '198108598040', amountPaise: 500_00 }, null),
        admin(3, 'payout_method.changed', { type: 'bank', masked: 'XXXXXX8012', ifsc: 'ICIC0000001' }, { id: 'm1', name: 'Asha Rao' }),
        admin(2, 'auto_payout.enabled', {}, { id: 'm1', name: 'Asha Rao' }),
        admin(1, 'withdrawal.approved', { amountPaise: 500_00, mentorId: 'c0000000-0000-4000-8000-000000000001', checkedAt: '2026-11-10T01:15:00.000Z' }),
      ],
    });

    const table = await screen.findByRole('table', { name: 'Audit log' });
    const [run, processed, method, auto, approval] = within(table).getAllByTestId('audit-row');
    expect(run).toHaveTextContent('Ran a reconciliation');
    // The days compared, in India: 3 to 9 November (the run's end is the start of the 10th).
    expect(within(run!).getByTestId('audit-facts')).toHaveTextContent(/^Days: Tue, 3 Nov, 2026 – Mon, 9 Nov, 2026 · Mismatches: 2$/);
    expect(within(processed!).getByTestId('audit-facts')).toHaveTextContent(/^Payout: pout_9T · UTR: 198108598040$/);
    expect(processed).toHaveTextContent('System');
    expect(within(method!).getByTestId('audit-facts')).toHaveTextContent(/^Method: Bank account · Account: XXXXXX8012 · IFSC: ICIC0000001$/);
    expect(auto).toHaveTextContent('Turned on weekly automatic payouts');
    expect(within(approval!).getByTestId('audit-facts')).toHaveTextContent(/^Mentor: c0000000… · checkedAt: Tue, 10 Nov, 2026 at 06:45$/);
    expect(table).not.toHaveTextContent(/\d{4}-\d{2}-\d{2}T/);
  });

  it('when a person’s name is picked, then only what they did is asked for, until the filter is removed', async () => {
    const { backend } = renderAudit();
    const ui = userEvent.setup();
    const table = await screen.findByRole('table', { name: 'Audit log' });

    await ui.click(within(table).getByRole('button', { name: 'Bala Admin' }));
    await waitFor(() => expect(auditRequests(backend).at(-1)).toEqual({ actor: bala.id, page: '1', limit: String(AUDIT_PAGE_SIZE) }));
    expect(await screen.findByText('Only Bala Admin')).toBeInTheDocument();
    await waitFor(() => expect(screen.getAllByTestId('audit-row')).toHaveLength(1));

    // Everyone's first page is the one already loaded.
    await ui.click(screen.getByRole('button', { name: 'Show everyone, not only Bala Admin' }));
    expect(screen.queryByText('Only Bala Admin')).not.toBeInTheDocument();
    await waitFor(() => expect(screen.getAllByTestId('audit-row')).toHaveLength(3));
  });

  it('when an action prefix and days are applied, then they are asked for (the last day included) and what matches is shown', async () => {
    const { backend } = renderAudit();
    const ui = userEvent.setup();
    const form = await screen.findByRole('search', { name: 'Filter the audit log' });

    await ui.type(within(form).getByRole('combobox', { name: /^Action/ }), 'money.');
    await ui.type(within(form).getByLabelText(/^From/), '2026-11-10');
    await ui.type(within(form).getByLabelText(/^To/), '2026-11-10');
    await ui.click(within(form).getByRole('button', { name: 'Apply filters' }));

    await waitFor(() => expect(auditRequests(backend).at(-1)).toEqual({ action: 'money.', from: '2026-11-10', to: '2026-11-11', page: '1', limit: String(AUDIT_PAGE_SIZE) }));
    await waitFor(() => expect(screen.getAllByTestId('audit-row')).toHaveLength(1));
    expect(screen.getByTestId('audit-row')).toHaveTextContent('Payment captured into escrow');

    await ui.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(screen.getAllByTestId('audit-row')).toHaveLength(3));
  });

  it('when an action is malformed or the days are out of order, then the field says so and nothing is asked', async () => {
    const { backend } = renderAudit();
    const ui = userEvent.setup();
    const form = await screen.findByRole('search', { name: 'Filter the audit log' });
    const sent = auditRequests(backend).length;

    await ui.type(within(form).getByRole('combobox', { name: /^Action/ }), 'drop table');
    await ui.type(within(form).getByLabelText(/^From/), '2026-11-10');
    await ui.type(within(form).getByLabelText(/^To/), '2026-11-01');
    await ui.click(within(form).getByRole('button', { name: 'Apply filters' }));

    expect(await within(form).findByText('Letters, digits and . _ - only, with an optional * at the end')).toBeInTheDocument();
    expect(within(form).getByText('Must not be before the start')).toBeInTheDocument();
    expect(auditRequests(backend)).toHaveLength(sent);
  });

  it('when there are more entries than a page, then the pages follow each other', async () => {
    const { backend } = renderAudit({ audit: payouts(30) });
    const ui = userEvent.setup();
    await screen.findByRole('table', { name: 'Audit log' });
    expect(screen.getAllByTestId('audit-row')).toHaveLength(AUDIT_PAGE_SIZE);
    expect(screen.getByText(`1–${AUDIT_PAGE_SIZE} of 30`)).toBeInTheDocument();

    await ui.click(within(screen.getByRole('navigation', { name: 'Audit log pages' })).getByRole('button', { name: '2' }));
    await waitFor(() => expect(screen.getAllByTestId('audit-row')).toHaveLength(30 - AUDIT_PAGE_SIZE));
    expect(auditRequests(backend).at(-1)).toEqual({ page: '2', limit: String(AUDIT_PAGE_SIZE) });
    expect(screen.getAllByTestId('audit-amount')[0]).toHaveTextContent('₹500');
  });

  it('when nothing is recorded, then it says so', async () => {
    renderAudit({ audit: [] });
    expect(await screen.findByText('Nothing recorded yet')).toBeInTheDocument();
  });

  it('when the server fails, then the error shows with a retry', async () => {
    renderAudit({ override: { 'GET /api/admin/audit': () => ({ status: 500, body: problem(500, 'internal_error', 'The log could not be read') }) } });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Couldn’t load the audit log');
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });
});
