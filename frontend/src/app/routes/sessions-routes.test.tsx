import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { startEachTestAt } from '@/testing/clock';
import { problem, testUser, type Routes } from '@/testing/fake-backend';
import { aBookingRecord, testMentor, type FakeBookingRecord } from '@/testing/fake-bookings';
import { FakeJitsiMeetExternalApi, installJitsi, uninstallJitsi } from '@/testing/fake-jitsi';
import { renderWithBookings, viewerOf } from '@/testing/render-with-bookings';
import { routes } from '../router';

// The app's real route tree: the sessions feature's join button, call page and notes composed into the
// bookings feature's pages and the dashboard. Now is Tuesday 10 November 2026, 11:30 in Kolkata (06:00Z).
const zoya = testUser();
const zoyaViewer = viewerOf(zoya);
const asha = testMentor();
const ashaUser = testUser({ id: asha.id, name: asha.name, email: 'asha@example.com', role: 'mentor' });

/** In five minutes (11:35 Kolkata): its call is already open. */
const soon = () => aBookingRecord(asha, zoyaViewer, { startsAt: '2026-11-10T06:05:00.000Z', topic: 'System design mock' });
/** Wednesday 25 November, 09:00 Kolkata: its call opens at 08:50 that day. */
const later = () => aBookingRecord(asha, zoyaViewer, { startsAt: '2026-11-25T03:30:00.000Z' });

function renderApp(initialPath: string, { bookings, viewer = zoya, override = {} }: { bookings: FakeBookingRecord[]; viewer?: ReturnType<typeof testUser>; override?: Routes }) {
  return renderWithBookings(routes, { user: viewer, mentors: [asha], bookings, routes: override, initialPath });
}

describe('session routes', { timeout: 30_000 }, () => {
  startEachTestAt();

  afterEach(() => {
    uninstallJitsi();
  });

  it('when a student’s next session is minutes away, then the dashboard shows it with an open Join link that leads into the call', async () => {
    installJitsi();
    const next = soon();
    const { router } = renderApp('/dashboard', { bookings: [later(), next] });
    const ui = userEvent.setup();

    const card = await screen.findByRole('region', { name: 'Next session' });
    expect(within(card).getByText('with Asha Rao · 1-to-1')).toBeInTheDocument();
    expect(within(card).getByTestId('next-session-time')).toHaveTextContent('Tue, 10 Nov, 2026 · 11:35–12:35');
    expect(within(card).getByText('System design mock')).toBeInTheDocument();

    await ui.click(within(card).getByRole('link', { name: 'Join session' }));

    expect(router.state.location.pathname).toBe(`/bookings/${next.id}/call`);
    expect(await screen.findByRole('heading', { name: 'Your session' })).toBeInTheDocument();
    await waitFor(() => expect(FakeJitsiMeetExternalApi.instances).toHaveLength(1));
    expect(screen.getByRole('timer', { name: 'Session timer' })).toHaveTextContent('Starts in 5:00');
  });

  it('when a mentor has a session booked with them, then their dashboard shows it with the day its call opens', async () => {
    renderApp('/dashboard', { bookings: [later()], viewer: ashaUser });

    const card = await screen.findByRole('region', { name: 'Next session' });
    expect(within(card).getByText('for Zoya Khan · 1-to-1')).toBeInTheDocument();
    expect(within(card).getByRole('button', { name: 'Opens Wed 25 Nov, 08:50' })).toBeDisabled();
  });

  it('when nothing is booked, then the dashboard shows no Next session card', async () => {
    const { backend } = renderApp('/dashboard', { bookings: [] });

    expect(await screen.findByRole('heading', { name: 'Next steps' })).toBeInTheDocument();
    await waitFor(() => expect(backend.sent('GET /api/bookings')).toHaveLength(1));
    await waitFor(() => expect(screen.queryByRole('status', { name: 'Loading your next session' })).not.toBeInTheDocument());
    expect(screen.queryByRole('region', { name: 'Next session' })).not.toBeInTheDocument();
  });

  it('when My bookings lists upcoming sessions, then each has its way into the call: open now, or the day it opens', async () => {
    renderApp('/bookings', { bookings: [soon(), later()] });

    const list = await screen.findByRole('list', { name: 'Upcoming bookings' });
    const [first, second] = within(list).getAllByRole('listitem');
    expect(within(first!).getByRole('link', { name: 'Join session' })).toBeInTheDocument();
    expect(within(second!).getByRole('button', { name: 'Opens Wed 25 Nov, 08:50' })).toBeDisabled();
  });

  it('when a student opens an upcoming booking, then its call window and join button show, and no notes are asked for', async () => {
    const booking = later();
    const { backend } = renderApp(`/bookings/${booking.id}`, { bookings: [booking] });

    const call = await screen.findByRole('region', { name: 'Video call' });
    expect(within(call).getByTestId('call-window')).toHaveTextContent('Open Wed, 25 Nov, 2026 · 08:50–10:15');
    expect(within(call).getByRole('button', { name: 'Opens Wed 25 Nov, 08:50' })).toBeDisabled();
    expect(backend.sent(`GET /api/bookings/${booking.id}/notes`)).toHaveLength(0);
  });

  it('when a student opens a session that has ended, then the mentor’s notes show', async () => {
    const booking = aBookingRecord(asha, zoyaViewer, {
      startsAt: '2026-11-09T04:00:00.000Z',
      status: 'completed',
      notes: { text: 'Covered sharding.\nNext: practise a rate limiter.', updatedAt: '2026-11-09T05:10:00.000Z' },
    });
    renderApp(`/bookings/${booking.id}`, { bookings: [booking] });

    const notes = await screen.findByRole('region', { name: 'Notes from Asha Rao' });
    expect(within(notes).getByTestId('shared-notes')).toHaveTextContent('Covered sharding. Next: practise a rate limiter.');
    expect(within(notes).getByText('Last updated Mon, 9 Nov, 2026 at 10:40')).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Video call' })).not.toBeInTheDocument();
  });

  it('when the server says the notes aren’t shared yet, then the page shows nothing of them and no error', async () => {
    const booking = aBookingRecord(asha, zoyaViewer, { startsAt: '2026-11-09T04:00:00.000Z', status: 'completed' });
    const { backend } = renderApp(`/bookings/${booking.id}`, {
      bookings: [booking],
      override: { 'GET /api/bookings/:id/notes': () => ({ status: 409, body: problem(409, 'notes_not_yet', 'Not yet') }) },
    });

    expect(await screen.findByText('Completed')).toBeInTheDocument();
    await waitFor(() => expect(backend.sent(`GET /api/bookings/${booking.id}/notes`)).toHaveLength(1));
    await waitFor(() => expect(screen.queryByRole('status', { name: 'Loading the mentor’s notes' })).not.toBeInTheDocument());
    expect(screen.queryByRole('region', { name: /Notes from/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});
