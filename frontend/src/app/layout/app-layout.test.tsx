import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { apiClient } from '@/lib/api-client';
import { installFakeBackend, json, problem, sessionRoutes, testMeta, testUser, type Reply } from '@/testing/fake-backend';
import { fakeChatBackend } from '@/testing/fake-chat';
import { createFakeRealtime } from '@/testing/fake-socket';
import { renderWithApp } from '@/testing/render-app';
import { routes } from '../router';

// The app's real shell around a page every visitor can open (not found), against the fake backend.

const BANNER_TEXT = 'Test payments: checkout uses the built-in sandbox and no real money moves.';

function renderShell(meta: () => Reply | Promise<Reply>) {
  const backend = installFakeBackend({ ...sessionRoutes(null), 'GET /api/meta': meta });
  renderWithApp(routes, { initialPath: '/no/such/page' });
  return backend;
}

describe('test payments banner', () => {
  beforeEach(() => {
    apiClient.setAccessToken(null);
  });

  it('when the server says payments are the sandbox, then a banner above the page says so, in the page’s flow', async () => {
    renderShell(() => json(testMeta({ paymentsSandbox: true, demoMode: false })));

    const banner = await screen.findByRole('status', { name: 'Test payments' });
    expect(banner).toHaveTextContent(new RegExp(`^${BANNER_TEXT}$`));
    // In <main> with the page, not in the fixed header: it pushes content down instead of covering it.
    const main = screen.getByRole('main');
    expect(main).toContainElement(banner);
    const heading = within(main).getByRole('heading', { name: 'Page not found' });
    expect(banner.compareDocumentPosition(heading) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('when the deployment is also a demo, then the banner starts with "Demo — "', async () => {
    renderShell(() => json(testMeta({ paymentsSandbox: true, demoMode: true })));

    expect(await screen.findByRole('status', { name: 'Test payments' })).toHaveTextContent(`Demo — ${BANNER_TEXT}`);
  });

  it('when payments are real, then there is no banner', async () => {
    const backend = renderShell(() => json(testMeta({ paymentsSandbox: false, demoMode: true })));

    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeInTheDocument();
    await waitFor(() => expect(backend.sent('GET /api/meta')).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.queryByRole('status', { name: 'Test payments' })).not.toBeInTheDocument();
    expect(screen.queryByText(/Test payments/)).not.toBeInTheDocument();
  });

  it('while the server has not answered, and when asking fails, then nothing shows (no flash)', async () => {
    let answer: (reply: Reply) => void = () => undefined;
    renderShell(() => new Promise<Reply>((resolve) => (answer = resolve)));

    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeInTheDocument();
    expect(screen.queryByRole('status', { name: 'Test payments' })).not.toBeInTheDocument();

    answer({ status: 404, body: problem(404, 'not_found', 'No meta here') });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.queryByRole('status', { name: 'Test payments' })).not.toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Page not found' })).toBeInTheDocument();
  });
});

describe('the header’s links', () => {
  const aditi = testUser({ id: 'ad000000-0000-4000-8000-000000000001', name: 'Aditi Admin', email: 'aditi@example.com', role: 'admin' });
  const MONEY_PAGES = ['Withdrawals', 'Finance', 'Reconciliation', 'Audit log'];

  beforeEach(() => {
    apiClient.setAccessToken(null);
  });

  function renderAs(user: ReturnType<typeof testUser>, initialPath = '/no/such/page') {
    installFakeBackend(sessionRoutes(user));
    return renderWithApp(routes, { initialPath });
  }

  const mainNav = () => screen.findByRole('navigation', { name: 'Main' });
  const linkNames = (nav: HTMLElement) => within(nav).queryAllByRole('link').map((link) => link.textContent);

  it('when an admin signs in, then the money pages sit behind one collapsed "Money" button after the other sections, next to the bell and the account menu', async () => {
    renderAs(aditi);

    const nav = await mainNav();
    expect(linkNames(nav)).toEqual(['Find mentors', 'Dashboard', 'Applications', 'Disputes', 'Reviews']);
    const money = within(nav).getByRole('button', { name: 'Money' });
    expect(money).toHaveAttribute('aria-expanded', 'false');
    const panel = document.getElementById(money.getAttribute('aria-controls')!);
    expect(panel).not.toBeNull();
    expect(nav).toContainElement(panel);
    expect(panel).not.toBeVisible();
    const header = screen.getByRole('banner');
    expect(within(header).getByRole('link', { name: 'Notifications' })).toBeInTheDocument();
    expect(within(header).getByRole('button', { name: 'Account menu for Aditi Admin' })).toBeInTheDocument();
  });

  it('when the Money button is used with the keyboard, then Enter and Space open it, the arrows move through its links and Escape closes it back onto the button', async () => {
    renderAs(aditi);
    const ui = userEvent.setup();
    const nav = await mainNav();
    const money = within(nav).getByRole('button', { name: 'Money' });

    money.focus();
    await ui.keyboard('{Enter}');
    expect(money).toHaveAttribute('aria-expanded', 'true');
    const panel = document.getElementById(money.getAttribute('aria-controls')!)!;
    expect(panel).toBeVisible();
    expect(within(panel).getAllByRole('link').map((link) => link.textContent)).toEqual(MONEY_PAGES);
    expect(within(panel).getByRole('link', { name: 'Finance' })).toHaveAttribute('href', '/admin/finance');

    await ui.keyboard('{Escape}');
    expect(money).toHaveAttribute('aria-expanded', 'false');
    expect(panel).not.toBeVisible();
    expect(money).toHaveFocus();

    await ui.keyboard(' ');
    expect(money).toHaveAttribute('aria-expanded', 'true');
    await ui.keyboard(' ');
    expect(money).toHaveAttribute('aria-expanded', 'false');

    // ↓ opens on the first link; the arrows, Home and End move and wrap.
    await ui.keyboard('{ArrowDown}');
    expect(money).toHaveAttribute('aria-expanded', 'true');
    const link = (name: string) => within(panel).getByRole('link', { name });
    await waitFor(() => expect(link('Withdrawals')).toHaveFocus());
    await ui.keyboard('{ArrowDown}');
    expect(link('Finance')).toHaveFocus();
    await ui.keyboard('{End}');
    expect(link('Audit log')).toHaveFocus();
    await ui.keyboard('{ArrowDown}');
    expect(link('Withdrawals')).toHaveFocus();
    await ui.keyboard('{ArrowUp}');
    expect(link('Audit log')).toHaveFocus();
    await ui.keyboard('{Home}');
    expect(link('Withdrawals')).toHaveFocus();
    await ui.keyboard('{Escape}');
    expect(money).toHaveFocus();
    expect(money).toHaveAttribute('aria-expanded', 'false');

    // ↑ opens on the last link; Tab walks the links in order, and past the last one the menu closes behind.
    await ui.keyboard('{ArrowUp}');
    await waitFor(() => expect(link('Audit log')).toHaveFocus());
    await ui.keyboard('{Escape}');
    await ui.keyboard('{Enter}');
    await ui.tab();
    expect(link('Withdrawals')).toHaveFocus();
    await ui.tab();
    await ui.tab();
    await ui.tab();
    expect(link('Audit log')).toHaveFocus();
    await ui.tab();
    expect(money).toHaveAttribute('aria-expanded', 'false');
    expect(panel).not.toHaveFocus();
    expect(panel).not.toContainElement(document.activeElement as HTMLElement);
  });

  it('when one of its pages is open, then the Money button is highlighted, that page’s link is marked current, and following another closes the menu', async () => {
    const { router } = renderAs(aditi, '/admin/finance');
    const ui = userEvent.setup();
    const nav = await mainNav();
    const money = within(nav).getByRole('button', { name: 'Money' });
    expect(money).toHaveAttribute('data-variant', 'light');
    expect(within(nav).getByRole('link', { name: 'Applications' })).toHaveAttribute('data-variant', 'subtle');

    await ui.click(money);
    const panel = document.getElementById(money.getAttribute('aria-controls')!)!;
    expect(within(panel).getByRole('link', { name: 'Finance' })).toHaveAttribute('aria-current', 'page');
    expect(within(panel).getByRole('link', { name: 'Reconciliation' })).not.toHaveAttribute('aria-current');

    await ui.click(within(panel).getByRole('link', { name: 'Reconciliation' }));
    expect(router.state.location.pathname).toBe('/admin/reconciliation');
    await waitFor(() => expect(money).toHaveAttribute('aria-expanded', 'false'));
    expect(money).toHaveFocus();

    // A click elsewhere closes it too.
    // The new page is on screen (pages load on their first visit, and the router shows them in a transition).
    await screen.findByRole('heading', { name: /Reconciliation/, level: 1 });
    await ui.click(money);
    expect(money).toHaveAttribute('aria-expanded', 'true');
    await ui.click(screen.getByRole('main'));
    expect(money).toHaveAttribute('aria-expanded', 'false');

    // Away from the money pages, the button is plain again.
    await ui.click(within(nav).getByRole('link', { name: 'Disputes' }));
    await waitFor(() => expect(money).toHaveAttribute('data-variant', 'subtle'));
  });

  it('when the phone’s menu is listed, then it has every admin link, the money pages under "Money", the current one marked', async () => {
    renderAs(aditi, '/admin/audit');
    const navbar = await screen.findByRole('navigation', { name: 'Main navigation' });

    await waitFor(() => expect(within(navbar).getAllByRole('link').length).toBeGreaterThan(0));
    expect(linkNames(navbar)).toEqual(['Find mentors', 'Dashboard', 'Applications', 'Disputes', 'Reviews', ...MONEY_PAGES, 'Notifications', 'Profile']);
    const group = within(navbar).getByRole('group', { name: 'Money' });
    expect(within(group).getAllByRole('link').map((link) => link.textContent)).toEqual(MONEY_PAGES);
    expect(within(group).getByRole('link', { name: 'Audit log' })).toHaveAttribute('aria-current', 'page');
    expect(within(navbar).getByRole('link', { name: 'Dashboard' })).not.toHaveAttribute('aria-current');
  });

  it('when a mentor or a student signs in, then every section is a plain link and there is no menu', async () => {
    const { unmount } = renderAs(testUser({ role: 'mentor', name: 'Ravi Menon' }));
    let nav = await mainNav();
    expect(linkNames(nav)).toEqual(['Find mentors', 'Dashboard', 'My bookings', 'My profile', 'Availability', 'Wallet']);
    expect(within(nav).queryByRole('button')).not.toBeInTheDocument();
    unmount();

    apiClient.setAccessToken(null);
    renderAs(testUser());
    nav = await mainNav();
    expect(linkNames(nav)).toEqual(['Find mentors', 'Dashboard', 'My bookings', 'Payments', 'Become a mentor']);
    expect(within(nav).queryByRole('button')).not.toBeInTheDocument();
  });
});

describe('the header’s Messages link', () => {
  const linkNames = (nav: HTMLElement) => within(nav).queryAllByRole('link').map((link) => link.textContent);
  const ravi = testUser({ id: 'a5a00000-0000-4000-8000-000000000002', name: 'Ravi Menon', email: 'ravi@example.com', role: 'mentor' });
  const student = (n: number) => ({ id: `5b0f7a3e-0000-4000-8000-00000000000${n}`, name: `Student ${n}`, role: 'student' as const });
  const conversation = (n: number, unread: number, muted = false) => ({
    id: `c0000000-0000-4000-8000-00000000000${n}`,
    mentorId: ravi.id,
    muted,
    members: [{ id: ravi.id, name: ravi.name, role: 'mentor' as const }, student(n)],
    messages: Array.from({ length: unread }, (_, i) => ({ senderId: student(n).id, text: `Question ${i + 1}`, createdAt: `2026-11-0${n}T0${i}:00:00.000Z` })),
  });

  beforeEach(() => {
    apiClient.setAccessToken(null);
  });

  it('when a mentor has unread messages, then Messages shows their total (muted conversations left out) and follows it live', async () => {
    const chat = fakeChatBackend({ viewer: ravi, conversations: [conversation(1, 2), conversation(2, 1), conversation(3, 4, true)] });
    installFakeBackend({ ...sessionRoutes(ravi), ...chat.routes });
    const realtime = createFakeRealtime();
    renderWithApp(routes, { initialPath: '/no/such/page', realtime });

    const header = await screen.findByRole('banner');
    const messages = await within(header).findByRole('link', { name: 'Messages, 3 unread' });
    expect(messages).toHaveAttribute('href', '/messages');
    const navbar = screen.getByRole('navigation', { name: 'Main navigation' });
    expect(within(navbar).getByRole('link', { name: /^Messages\s*, 3 unread$/ })).toHaveAttribute('href', '/messages');
    expect(linkNames(navbar)).toEqual(['Find mentors', 'Dashboard', 'My bookings', 'My profile', 'Availability', 'Wallet', expect.stringMatching(/^Messages/), 'Notifications', 'Profile']);

    const socket = realtime.socket('/chat');
    act(() => socket.accept({ recovered: true }));
    act(() => socket.push('conversation:updated', { conversationId: conversation(1, 0).id, unread: 0 }));
    expect(await within(header).findByRole('link', { name: 'Messages, 1 unread' })).toBeInTheDocument();
    act(() => socket.push('conversation:updated', { conversationId: conversation(2, 0).id, unread: 0 }));
    expect(await within(header).findByRole('link', { name: 'Messages' })).toBeInTheDocument();
    expect(within(navbar).getByRole('link', { name: 'Messages' })).toBeInTheDocument();
  });

  it('when an admin signs in, then there is no Messages link (admins are in no conversation)', async () => {
    installFakeBackend(sessionRoutes(testUser({ role: 'admin', name: 'Aditi Admin' })));
    renderWithApp(routes, { initialPath: '/no/such/page' });
    expect(await screen.findByRole('navigation', { name: 'Main' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /Messages/ })).not.toBeInTheDocument();
  });
});
