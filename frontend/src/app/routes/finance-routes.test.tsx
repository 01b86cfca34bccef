import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { startEachTestAt } from '@/testing/clock';
import { installFakeBackend, sessionRoutes, testUser } from '@/testing/fake-backend';
import { aRun, fakeFinanceBackend } from '@/testing/fake-finance';
import { renderWithApp } from '@/testing/render-app';
import { routes } from '../router';

// The app's real route tree: the admin's finance pages in the navigation, and kept from everyone else.
// Now is Tuesday 10 November 2026, 11:30 in Kolkata.
const aditi = testUser({ id: 'ad000000-0000-4000-8000-000000000001', name: 'Aditi Admin', email: 'aditi@example.com', role: 'admin' });
const zoya = testUser();

function renderApp(initialPath: string, viewer: ReturnType<typeof testUser>) {
  const fake = fakeFinanceBackend({ admin: { id: aditi.id, name: aditi.name }, runs: [aRun('2026-11-09')], weeks: { '2026-11-02': { bookings: 1, grossPaise: 1_000_00 } } });
  const backend = installFakeBackend({ ...sessionRoutes(viewer), ...fake.routes });
  return { ...renderWithApp(routes, { initialPath }), backend };
}

describe('the admin’s finance pages in the app', { timeout: 30_000 }, () => {
  startEachTestAt();

  it('when an admin signs in, then Finance, Reconciliation and Audit log follow Withdrawals in the header’s Money menu, and each opens its page', async () => {
    const { router } = renderApp('/admin/finance', aditi);
    const ui = userEvent.setup();

    expect(await screen.findByRole('heading', { level: 1, name: 'Finance' })).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    const money = within(nav).getByRole('button', { name: 'Money' });
    await ui.click(money);
    expect(within(nav).getAllByRole('link').map((link) => link.textContent)).toEqual(['Find mentors', 'Dashboard', 'Applications', 'Disputes', 'Reviews', 'Withdrawals', 'Finance', 'Reconciliation', 'Audit log']);

    await ui.click(within(nav).getByRole('link', { name: 'Reconciliation' }));
    expect(router.state.location.pathname).toBe('/admin/reconciliation');
    expect(await screen.findByRole('heading', { level: 1, name: 'Reconciliation' })).toBeInTheDocument();
    expect(await screen.findByRole('region', { name: 'Mon, 9 Nov, 2026' })).toHaveTextContent('No mismatches');

    await ui.click(money);
    await ui.click(within(nav).getByRole('link', { name: 'Audit log' }));
    expect(router.state.location.pathname).toBe('/admin/audit');
    expect(await screen.findByRole('heading', { level: 1, name: 'Audit log' })).toBeInTheDocument();
  });

  it('when a student opens them, then they are told the pages are not for them and nothing is loaded', async () => {
    for (const path of ['/admin/finance', '/admin/reconciliation', '/admin/audit']) {
      const { backend, unmount } = renderApp(path, zoya);
      expect(await screen.findByText('Only admins can open this page.')).toBeInTheDocument();
      expect(backend.requests.filter((r) => r.path.startsWith('/api/admin/'))).toEqual([]);
      unmount();
    }
  });
});
