import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { startEachTestAt, TEST_NOW } from '@/testing/clock';
import { installFakeBackend, json, problem, sessionRoutes, testUser, type Routes } from '@/testing/fake-backend';
import { aBookingRecord, fakeBookingsBackend, testMentor } from '@/testing/fake-bookings';
import { createFakeRealtime, type FakeRealtime, type FakeSocket } from '@/testing/fake-socket';
import { aWithdrawal, fakeWalletBackend } from '@/testing/fake-wallet';
import { renderWithApp } from '@/testing/render-app';
import { viewerOf } from '@/testing/render-with-bookings';
import { routes } from '../router';

// The app's real shell and pages kept live by the /notifications socket (a fake one the test plays the server of):
// the bell, a booking's page, the wallet and an admin's queue counts. Now is Tuesday 10 November 2026, 11:30 in Kolkata.

const NAMESPACE = '/notifications';
const zoya = testUser();
const asha = testUser({ id: '7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f', name: 'Asha Rao', email: 'asha@example.com', role: 'mentor' });
const aditi = testUser({ id: 'ad000000-0000-4000-8000-000000000001', name: 'Aditi Admin', email: 'aditi@example.com', role: 'admin' });

const aNotification = (overrides: Record<string, unknown> = {}) => ({
  id: '1b2c3d4e-5f60-4718-9a0b-1c2d3e4f5a6b',
  type: 'booking_confirmed',
  title: 'Your booking is confirmed',
  body: 'Mock interview with Asha Rao on Thursday.',
  data: {},
  actionUrl: '/bookings/b-1',
  readAt: null,
  createdAt: TEST_NOW.toISOString(),
  ...overrides,
});

function render(user: ReturnType<typeof testUser>, initialPath: string, routesOfTest: Routes = {}) {
  const backend = installFakeBackend({ ...sessionRoutes(user), ...routesOfTest });
  const realtime = createFakeRealtime();
  const view = renderWithApp(routes, { initialPath, realtime });
  return { ...view, backend, realtime };
}

/** The shell's notifications socket, once it is opened. */
async function socketOf(realtime: FakeRealtime): Promise<FakeSocket> {
  await waitFor(() => expect(realtime.sockets.some((s) => s.namespace === NAMESPACE && !s.closed)).toBe(true));
  return realtime.socket(NAMESPACE);
}

/** Lets anything the app would do in answer settle (a refetch starts at once when it starts at all). */
const settle = () => act(() => new Promise((resolve) => setTimeout(resolve, 50)));

describe('the bell, live', { timeout: 30_000 }, () => {
  startEachTestAt();

  it('when a notification is pushed, then the bell shows the new unread total and a toast its title, with no request', async () => {
    const { backend, realtime } = render(zoya, '/no/such/page', {
      'GET /api/notifications': () => json({ items: [], page: 1, limit: 1, total: 2, unreadCount: 2 }),
    });
    const header = await screen.findByRole('banner');
    expect(await within(header).findByRole('link', { name: 'Notifications, 2 unread' })).toBeInTheDocument();
    const socket = await socketOf(realtime);
    act(() => socket.accept({ recovered: true }));
    await settle();
    const before = backend.requests.length;

    act(() => socket.push('notification:new', { notification: aNotification(), unread: 3 }));

    expect(await within(header).findByRole('link', { name: 'Notifications, 3 unread' })).toBeInTheDocument();
    expect(await screen.findByText('Your booking is confirmed')).toBeInTheDocument();
    await settle();
    expect(backend.requests.slice(before)).toEqual([]);
  });

  it('when a notification is pushed while the Notifications page is open, then the list is fetched again and shows it, without a toast', async () => {
    let items = [aNotification({ id: '2b2c3d4e-5f60-4718-9a0b-1c2d3e4f5a6b', title: 'Welcome', readAt: '2026-11-01T00:00:00.000Z' })];
    const { backend, realtime } = render(zoya, '/notifications', {
      'GET /api/notifications': () => json({ items, page: 1, limit: 20, total: items.length, unreadCount: items.filter((i) => !i.readAt).length }),
    });
    const list = await screen.findByRole('list', { name: 'Notifications' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(1);
    const socket = await socketOf(realtime);
    act(() => socket.accept({ recovered: true }));
    await settle();
    const listReads = () => backend.sent('GET /api/notifications').filter((r) => r.query.get('limit') === '20').length;
    const readsBefore = listReads();

    const pushed = aNotification();
    items = [pushed, ...items];
    act(() => socket.push('notification:new', { notification: pushed, unread: 1 }));

    await waitFor(() => expect(within(screen.getByRole('list', { name: 'Notifications' })).getAllByRole('listitem')).toHaveLength(2));
    expect(listReads()).toBe(readsBefore + 1);
    expect(within(screen.getByRole('banner')).getByRole('link', { name: 'Notifications, 1 unread' })).toBeInTheDocument();
    // The title is in the list, and nowhere else (no toast on this page).
    expect(screen.getAllByText('Your booking is confirmed')).toHaveLength(1);
  });

  it('when pushed payloads are malformed, then the bell and the open booking stay as they are and nothing is fetched', async () => {
    const mentor = testMentor();
    const booking = aBookingRecord(mentor, viewerOf(zoya), { startsAt: '2026-11-25T03:30:00.000Z' });
    const fake = fakeBookingsBackend({ viewer: viewerOf(zoya), mentors: [mentor], bookings: [booking] });
    const { backend, realtime } = render(zoya, `/bookings/${booking.id}`, {
      ...fake.routes,
      'GET /api/notifications': () => json({ items: [], page: 1, limit: 1, total: 2, unreadCount: 2 }),
    });
    const header = await screen.findByRole('banner');
    await within(header).findByRole('link', { name: 'Notifications, 2 unread' });
    expect(await screen.findByText('Confirmed')).toBeInTheDocument();
    const socket = await socketOf(realtime);
    act(() => socket.accept({ recovered: true }));
    await settle();
    const before = backend.requests.length;
    Object.assign(fake.records[0]!, { status: 'cancelled', cancellation: { by: 'mentor', reason: 'Unwell', at: TEST_NOW.toISOString() } });

    act(() => {
      socket.push('notification:new', { notification: aNotification(), unread: 'many' });
      socket.push('notification:new', { notification: { title: 'No id' }, unread: 9 });
      socket.push('notification:new', null);
      socket.push('booking:updated', { bookingId: booking.id });
      socket.push('booking:updated', { bookingId: booking.id, status: 5, reason: null });
      socket.push('wallet:updated', 'moved');
    });
    await settle();

    expect(within(header).getByRole('link', { name: 'Notifications, 2 unread' })).toBeInTheDocument();
    expect(screen.queryByText('No id')).not.toBeInTheDocument();
    expect(screen.queryByText('Your booking is confirmed')).not.toBeInTheDocument();
    expect(screen.getByText('Confirmed')).toBeInTheDocument();
    expect(backend.requests.slice(before)).toEqual([]);
  });
});

describe('the bell’s polling', { timeout: 30_000 }, () => {
  startEachTestAt(TEST_NOW, { timers: 'jumpable' });

  it('while the socket is connected nothing is polled; when it drops, the count is asked for every minute again; a reconnection that missed events asks at once', async () => {
    let unread = 1;
    const { backend, realtime } = render(zoya, '/no/such/page', {
      'GET /api/notifications': () => json({ items: [], page: 1, limit: 1, total: unread, unreadCount: unread }),
    });
    const header = await screen.findByRole('banner');
    await within(header).findByRole('link', { name: 'Notifications, 1 unread' });
    const reads = () => backend.sent('GET /api/notifications').length;
    const socket = await socketOf(realtime);

    // Not connected yet: the minute's poll runs.
    unread = 2;
    await act(() => vi.advanceTimersByTimeAsync(60_000));
    expect(await within(header).findByRole('link', { name: 'Notifications, 2 unread' })).toBeInTheDocument();
    const whileDown = reads();

    act(() => socket.accept({ recovered: true }));
    unread = 5;
    await act(() => vi.advanceTimersByTimeAsync(5 * 60_000));
    expect(reads()).toBe(whileDown);
    expect(within(header).getByRole('link', { name: 'Notifications, 2 unread' })).toBeInTheDocument();

    act(() => socket.drop());
    await act(() => vi.advanceTimersByTimeAsync(60_000));
    expect(await within(header).findByRole('link', { name: 'Notifications, 5 unread' })).toBeInTheDocument();
    expect(reads()).toBe(whileDown + 1);

    // Back after a drop the server could not replay: what it missed is asked for at once.
    unread = 6;
    act(() => socket.accept({ recovered: false }));
    expect(await within(header).findByRole('link', { name: 'Notifications, 6 unread' })).toBeInTheDocument();
    expect(reads()).toBe(whileDown + 2);
  });
});

describe('a booking’s page, live', { timeout: 30_000 }, () => {
  startEachTestAt();

  it('when the booking changes, then its open page fetches it again and shows the new status', async () => {
    const mentor = testMentor();
    const booking = aBookingRecord(mentor, viewerOf(zoya), { startsAt: '2026-11-25T03:30:00.000Z' });
    const fake = fakeBookingsBackend({ viewer: viewerOf(zoya), mentors: [mentor], bookings: [booking] });
    const { backend, realtime } = render(zoya, `/bookings/${booking.id}`, fake.routes);
    expect(await screen.findByText('Confirmed')).toBeInTheDocument();
    const socket = await socketOf(realtime);
    act(() => socket.accept({ recovered: true }));
    await settle();
    const reads = () => backend.sent(`GET /api/bookings/${booking.id}`).length;
    const before = reads();

    // The mentor cancels elsewhere; the server tells both of them.
    Object.assign(fake.records[0]!, { status: 'cancelled', cancellation: { by: 'mentor', reason: 'Unwell', at: TEST_NOW.toISOString() } });
    act(() => socket.push('booking:updated', { bookingId: booking.id, status: 'cancelled', settlement: null, reason: 'booking.cancelled' }));

    expect(await screen.findByText('Cancelled')).toBeInTheDocument();
    expect(screen.queryByText('Confirmed')).not.toBeInTheDocument();
    expect(reads()).toBe(before + 1);
  });
});

describe('the wallet, live', { timeout: 30_000 }, () => {
  startEachTestAt(TEST_NOW, { timers: 'jumpable' });

  it('when the wallet moves, then its figures are fetched again; while the socket is up an open withdrawal is not polled', async () => {
    const me = { id: asha.id, name: asha.name, email: asha.email };
    const open = aWithdrawal(me, { amountPaise: 80_000, status: 'requested', requestedAt: '2026-11-10T05:00:00.000Z', timeline: [{ status: 'requested', at: '2026-11-10T05:00:00.000Z' }] });
    const fake = fakeWalletBackend({ viewer: asha, wallet: { availablePaise: 20_000, inTransitPaise: 80_000, lifetimeEarnedPaise: 100_000 }, withdrawals: [open] });
    const { backend, realtime } = render(asha, '/wallet', fake.routes);
    await waitFor(() => expect(screen.getByTestId('figure-available')).toHaveTextContent('₹200'));
    const socket = await socketOf(realtime);
    act(() => socket.accept({ recovered: true }));
    await settle();
    const reads = () => backend.sent('GET /api/wallet').length;
    const before = reads();

    // The 15-second poll of an open withdrawal would have run several times by now.
    await act(() => vi.advanceTimersByTimeAsync(60_000));
    expect(reads()).toBe(before);

    // A session settles: the mentor's share is available.
    Object.assign(fake.wallet, { availablePaise: 120_000, lifetimeEarnedPaise: 200_000 });
    act(() => socket.push('wallet:updated', { reason: 'booking.settled', bookingId: 'b0000000-0000-4000-8000-000000000001' }));

    await waitFor(() => expect(screen.getByTestId('figure-available')).toHaveTextContent('₹1,200'));
    expect(reads()).toBe(before + 1);
  });
});

describe('the admin’s queue counts', { timeout: 30_000 }, () => {
  startEachTestAt();

  const counts = { applications: 2, disputes: 0, reviews: 1, withdrawals: 3 };

  it('when the counts load, then Applications, Reviews and Withdrawals (in Money) show how many wait; a push with counts replaces them without a request', async () => {
    const { backend, realtime } = render(aditi, '/no/such/page', { 'GET /api/admin/queues': () => json(counts) });
    const ui = userEvent.setup();
    const nav = await screen.findByRole('navigation', { name: 'Main' });

    expect(await within(nav).findByRole('link', { name: 'Applications, 2 waiting' })).toHaveAttribute('href', '/admin/applications');
    expect(within(nav).getByRole('link', { name: 'Disputes' })).toBeInTheDocument();
    expect(within(nav).getByRole('link', { name: 'Reviews, 1 waiting' })).toBeInTheDocument();
    const money = within(nav).getByRole('button', { name: 'Money, 3 waiting' });
    await ui.click(money);
    const panel = document.getElementById(money.getAttribute('aria-controls')!)!;
    expect(within(panel).getByRole('link', { name: 'Withdrawals, 3 waiting' })).toHaveAttribute('href', '/admin/withdrawals');
    expect(within(panel).getByRole('link', { name: 'Finance' })).toBeInTheDocument();
    // The phone's navbar shows them too.
    const navbar = screen.getByRole('navigation', { name: 'Main navigation' });
    expect(within(navbar).getByRole('link', { name: /^Applications\s*, 2 waiting$/ })).toBeInTheDocument();

    const socket = await socketOf(realtime);
    act(() => socket.accept({ recovered: true }));
    await settle();
    const reads = () => backend.sent('GET /api/admin/queues').length;
    const before = reads();

    act(() => socket.push('admin:queues', { queue: 'disputes', counts: { applications: 2, disputes: 4, reviews: 0, withdrawals: 3 } }));

    expect(await within(nav).findByRole('link', { name: 'Disputes, 4 waiting' })).toBeInTheDocument();
    expect(within(nav).getByRole('link', { name: 'Reviews' })).toBeInTheDocument();
    expect(within(nav).getByRole('link', { name: 'Applications, 2 waiting' })).toBeInTheDocument();
    await settle();
    expect(reads()).toBe(before);
  });

  it('when a push names a queue without counts, then the counts are fetched again and that queue’s open page too', async () => {
    let waiting = { ...counts };
    const { backend, realtime } = render(aditi, '/admin/applications', {
      'GET /api/admin/queues': () => json(waiting),
      'GET /api/admin/mentor-applications': () => json({ items: [], page: 1, limit: 20, total: 0 }),
    });
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    await within(nav).findByRole('link', { name: 'Applications, 2 waiting' });
    const socket = await socketOf(realtime);
    act(() => socket.accept({ recovered: true }));
    await settle();
    const queueReads = () => backend.sent('GET /api/admin/queues').length;
    const listReads = () => backend.sent('GET /api/admin/mentor-applications').length;
    const [queuesBefore, listBefore] = [queueReads(), listReads()];
    expect(listBefore).toBeGreaterThan(0);

    waiting = { ...counts, applications: 1 };
    act(() => socket.push('admin:queues', { queue: 'applications' }));

    expect(await within(nav).findByRole('link', { name: 'Applications, 1 waiting' })).toBeInTheDocument();
    await waitFor(() => expect(listReads()).toBe(listBefore + 1));
    expect(queueReads()).toBe(queuesBefore + 1);
  });

  it('when an admin:queues payload is malformed, then the badges stay as they are and nothing is fetched', async () => {
    const { backend, realtime } = render(aditi, '/no/such/page', { 'GET /api/admin/queues': () => json(counts) });
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    await within(nav).findByRole('link', { name: 'Applications, 2 waiting' });
    const socket = await socketOf(realtime);
    act(() => socket.accept({ recovered: true }));
    await settle();
    const before = backend.requests.length;

    act(() => {
      socket.push('admin:queues', { queue: 'applications', counts: { applications: 'lots', disputes: 0, reviews: 1, withdrawals: 3 } });
      socket.push('admin:queues', { queue: 'everything', counts: { applications: 9, disputes: 9, reviews: 9, withdrawals: 9 } });
      socket.push('admin:queues', { counts: { applications: 9, disputes: 9, reviews: 9, withdrawals: 9 } });
    });
    await settle();

    expect(within(nav).getByRole('link', { name: 'Applications, 2 waiting' })).toBeInTheDocument();
    expect(within(nav).getByRole('link', { name: 'Disputes' })).toBeInTheDocument();
    expect(backend.requests.slice(before)).toEqual([]);
  });

  it('when the counts cannot be loaded, then no link has a badge and the links still work', async () => {
    const { router } = render(aditi, '/no/such/page', { 'GET /api/admin/queues': () => ({ status: 403, body: problem(403, 'forbidden', 'Admins only') }) });
    const ui = userEvent.setup();
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    await settle();

    expect(within(nav).queryAllByTestId('nav-count')).toEqual([]);
    expect(within(nav).getByRole('button', { name: 'Money' })).toBeInTheDocument();
    await ui.click(within(nav).getByRole('link', { name: 'Reviews' }));
    expect(router.state.location.pathname).toBe('/admin/reviews');
  });
});

describe('the admin’s queue counts’ polling', { timeout: 30_000 }, () => {
  startEachTestAt(TEST_NOW, { timers: 'jumpable' });

  it('while the socket is connected the counts are not polled; while it is down they are asked for every minute', async () => {
    let waiting = { applications: 2, disputes: 0, reviews: 0, withdrawals: 0 };
    const { backend, realtime } = render(aditi, '/no/such/page', { 'GET /api/admin/queues': () => json(waiting) });
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    await within(nav).findByRole('link', { name: 'Applications, 2 waiting' });
    const reads = () => backend.sent('GET /api/admin/queues').length;
    const socket = await socketOf(realtime);
    act(() => socket.accept({ recovered: true }));
    const connectedAt = reads();

    waiting = { ...waiting, applications: 5 };
    await act(() => vi.advanceTimersByTimeAsync(5 * 60_000));
    expect(reads()).toBe(connectedAt);
    expect(within(nav).getByRole('link', { name: 'Applications, 2 waiting' })).toBeInTheDocument();

    act(() => socket.drop());
    await act(() => vi.advanceTimersByTimeAsync(60_000));
    expect(await within(nav).findByRole('link', { name: 'Applications, 5 waiting' })).toBeInTheDocument();
    expect(reads()).toBe(connectedAt + 1);
  });
});
