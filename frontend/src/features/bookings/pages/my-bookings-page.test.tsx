import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { startEachTestAt } from '@/testing/clock';
import { problem, testUser, type Routes } from '@/testing/fake-backend';
import { aBookingRecord, fakeBookingsBackend, testMentor, type FakeBookingRecord } from '@/testing/fake-bookings';
import { renderWithBookings, viewerOf } from '@/testing/render-with-bookings';
import { MyBookingsPage } from './my-bookings-page';

// Now is Tuesday 10 November 2026, 11:30 in Kolkata.
const zoya = testUser();
const zoyaViewer = viewerOf(zoya);
const asha = testMentor();
const kabir = testMentor({ id: '9e8d7c6b-5a49-4382-9170-6f5e4d3c2b1a', name: 'Kabir Singh', slug: 'kabir-singh', price60Paise: 3_000_00 });

/** Zoya's bookings with Asha: two upcoming (a 1-to-1 and a group slot), one past, one cancelled with a half refund. */
function zoyasBookings(): FakeBookingRecord[] {
  return [
    aBookingRecord(asha, zoyaViewer, { startsAt: '2026-11-25T03:30:00.000Z', topic: 'System design mock' }),
    aBookingRecord(asha, zoyaViewer, {
      startsAt: '2026-11-27T10:30:00.000Z',
      kind: 'group',
      slot: { id: 'slot-ama', title: 'System design AMA', capacity: 8 },
      pricePaise: 499_00,
    }),
    aBookingRecord(asha, zoyaViewer, { startsAt: '2026-11-01T12:30:00.000Z', status: 'completed', settlement: { status: 'released', releaseAt: null, releasedAt: '2026-11-02T13:30:00.000Z', refundPaise: 0 } }),
    aBookingRecord(asha, zoyaViewer, {
      startsAt: '2026-11-11T12:30:00.000Z',
      status: 'cancelled',
      settlement: { status: 'partially_refunded', releaseAt: null, releasedAt: '2026-11-10T05:00:00.000Z', refundPaise: 1_250_00 },
      cancellation: { by: 'student', reason: null, at: '2026-11-10T05:00:00.000Z' },
      refund: { amountPaise: 1_250_00, percent: 50, status: 'processed', processedAt: '2026-11-10T05:30:00.000Z' },
    }),
  ];
}

function renderMyBookings({ viewer = zoya, bookings = zoyasBookings(), override = {} }: { viewer?: ReturnType<typeof testUser>; bookings?: FakeBookingRecord[]; override?: Routes } = {}) {
  const view = renderWithBookings([{ path: '/bookings', element: <MyBookingsPage canMentor={viewer.role === 'mentor'} timeZone="Asia/Kolkata" /> }], {
    user: viewer,
    mentors: [asha, kabir],
    bookings,
    routes: override,
    initialPath: '/bookings',
  });
  const listRequests = () => view.backend.sent('GET /api/bookings').map((request) => Object.fromEntries(request.query));
  return { ...view, listRequests };
}

describe('my bookings', { timeout: 30_000 }, () => {
  startEachTestAt();

  it('when a student opens it, then their upcoming sessions show code, mentor, their own clock’s time, kind, status and amount, and no breakdown', async () => {
    const { listRequests } = renderMyBookings();

    const list = await screen.findByRole('list', { name: 'Upcoming bookings' });
    const [first, second] = within(list).getAllByRole('listitem');
    expect(within(first!).getByRole('link', { name: /^MC-20261125-/ })).toBeInTheDocument();
    expect(within(first!).getByText('with Asha Rao')).toBeInTheDocument();
    expect(within(first!).getByTestId('booking-time')).toHaveTextContent('Wed, 25 Nov, 2026 · 09:00–10:00');
    expect(within(first!).getByText('60 min · 1-to-1')).toBeInTheDocument();
    expect(within(first!).getByText('Confirmed')).toBeInTheDocument();
    expect(within(first!).getByTestId('booking-amount')).toHaveTextContent('₹2,500');
    expect(within(second!).getByText('60 min · Group · System design AMA')).toBeInTheDocument();
    expect(within(second!).getByTestId('booking-amount')).toHaveTextContent('₹499');
    expect(screen.queryByTestId('mentor-share')).not.toBeInTheDocument();
    expect(listRequests()).toEqual([{ role: 'student', status: 'upcoming', page: '1', limit: '10' }]);
  });

  it('when the Past and Cancelled tabs are chosen, then each asks for its own bookings, and a cancelled one shows its refund', async () => {
    const { listRequests, router } = renderMyBookings();
    const ui = userEvent.setup();
    await screen.findByRole('list', { name: 'Upcoming bookings' });

    await ui.click(screen.getByRole('tab', { name: 'Past' }));
    const past = await screen.findByRole('list', { name: 'Past bookings' });
    expect(within(past).getAllByRole('listitem')).toHaveLength(1);
    expect(within(past).getByText('Completed')).toBeInTheDocument();
    expect(router.state.location.search).toBe('?status=past');

    await ui.click(screen.getByRole('tab', { name: 'Cancelled' }));
    const cancelled = await screen.findByRole('list', { name: 'Cancelled bookings' });
    const [item] = within(cancelled).getAllByRole('listitem');
    expect(within(item!).getByText('Cancelled')).toBeInTheDocument();
    expect(within(item!).getByText('Refund ₹1,250 (50%)')).toBeInTheDocument();
    expect(within(item!).getByText('Processed')).toBeInTheDocument();

    expect(listRequests().map((query) => query.status)).toEqual(['upcoming', 'past', 'cancelled']);
  });

  it('when a mentor opens it, then sessions booked with them show the breakdown on every card, and the switch shows what they booked as a student', async () => {
    const ashaUser = testUser({ id: asha.id, name: asha.name, email: 'asha@example.com', role: 'mentor' });
    const ashaViewer = viewerOf(ashaUser);
    const rohan = { id: '3a4b5c6d-7e8f-4091-a2b3-c4d5e6f7a8b9', name: 'Rohan Das', email: 'rohan@example.com' };
    const { listRequests } = renderMyBookings({
      viewer: ashaUser,
      bookings: [
        aBookingRecord(asha, zoyaViewer, { startsAt: '2026-11-25T03:30:00.000Z' }),
        aBookingRecord(asha, rohan, { startsAt: '2026-11-26T03:30:00.000Z', durationMinutes: 30 }),
        aBookingRecord(kabir, ashaViewer, { startsAt: '2026-11-28T03:30:00.000Z' }),
      ],
    });
    const ui = userEvent.setup();

    const list = await screen.findByRole('list', { name: 'Upcoming bookings' });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(within(items[0]!).getByText('for Zoya Khan')).toBeInTheDocument();
    // ₹2,500: commission ₹500, gateway fee ₹50 + 18% GST = ₹59, her share ₹1,941.
    expect(within(items[0]!).getByText('− ₹500')).toBeInTheDocument();
    expect(within(items[0]!).getByText('− ₹59')).toBeInTheDocument();
    expect(within(items[0]!).getByTestId('mentor-share')).toHaveTextContent('₹1,941');
    // ₹1,500: commission ₹300, fee ₹30 + ₹5.40 GST = ₹35.40, share ₹1,164.60.
    expect(within(items[1]!).getByText('for Rohan Das')).toBeInTheDocument();
    expect(within(items[1]!).getByTestId('mentor-share')).toHaveTextContent('₹1,164.60');
    expect(listRequests()[0]).toMatchObject({ role: 'mentor', status: 'upcoming' });

    await ui.click(screen.getByRole('radio', { name: 'As student' }));

    await waitFor(() => expect(screen.getByRole('list', { name: 'Upcoming bookings' })).toHaveTextContent('with Kabir Singh'));
    expect(screen.queryByTestId('mentor-share')).not.toBeInTheDocument();
    expect(listRequests().at(-1)).toMatchObject({ role: 'student', status: 'upcoming' });
  });

  it('when a student has no bookings, then an empty state points to the mentors', async () => {
    renderMyBookings({ bookings: [] });

    expect(await screen.findByRole('heading', { name: 'No upcoming sessions' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Find a mentor' })).toHaveAttribute('href', '/mentors');
  });

  it('when there are more bookings than a page holds, then pages are offered and the next is asked for', async () => {
    const many = Array.from({ length: 12 }, (_, index) =>
      aBookingRecord(asha, zoyaViewer, { startsAt: new Date(Date.UTC(2026, 10, 12 + index, 3, 30)).toISOString() }),
    );
    const { listRequests } = renderMyBookings({ bookings: many });
    const ui = userEvent.setup();

    const list = await screen.findByRole('list', { name: 'Upcoming bookings' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(10);
    expect(screen.getByText('1–10 of 12')).toBeInTheDocument();

    await ui.click(within(screen.getByRole('navigation', { name: 'Booking pages' })).getByRole('button', { name: '2' }));

    await waitFor(() => expect(screen.getByRole('list', { name: 'Upcoming bookings' }).querySelectorAll('li')).toHaveLength(2));
    expect(listRequests().at(-1)).toMatchObject({ page: '2' });
  });

  it('when loading fails, then an error with a retry shows, and the retry loads the list', async () => {
    let failing = true;
    const fake = fakeBookingsBackend({ viewer: zoyaViewer, mentors: [asha], bookings: zoyasBookings() });
    renderMyBookings({
      override: {
        'GET /api/bookings': (request, params) =>
          failing ? { status: 404, body: problem(404, 'not_found', 'Nothing here') } : fake.routes['GET /api/bookings']!(request, params),
      },
    });
    const ui = userEvent.setup();

    expect(await screen.findByRole('heading', { name: "Couldn't load your bookings" })).toBeInTheDocument();
    failing = false;
    await ui.click(screen.getByRole('button', { name: 'Try again' }));

    expect(await screen.findByRole('list', { name: 'Upcoming bookings' })).toBeInTheDocument();
  });
});
