import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { startEachTestAt } from '@/testing/clock';
import { json, problem, testUser, type Routes } from '@/testing/fake-backend';
import { aBookingRecord, aDisputeRecord, testMentor, type FakeBookingRecord, type FakeDisputeRecord } from '@/testing/fake-bookings';
import { renderWithBookings, viewerOf } from '@/testing/render-with-bookings';
import { routes } from '../router';

// The app's real route tree: the disputes feature composed into the bookings feature's page, and the admin's
// disputes in the navigation. Now is Tuesday 10 November 2026, 11:30 in Kolkata (06:00Z).
const zoya = testUser();
const zoyaViewer = viewerOf(zoya);
const asha = testMentor();
const ashaUser = testUser({ id: asha.id, name: asha.name, email: 'asha@example.com', role: 'mentor' });
const aditi = testUser({ id: 'ad000000-0000-4000-8000-000000000001', name: 'Aditi Admin', email: 'aditi@example.com', role: 'admin' });

const REASON = 'Asha joined 25 minutes late and left before we got to the system design part.';

/** This morning, 09:30–10:30 Kolkata; its money is held until `releaseAt` unless the student confirms or disputes. */
const completed = (releaseAt = '2026-11-11T05:00:00.000Z', overrides: Partial<FakeBookingRecord> = {}) =>
  aBookingRecord(asha, zoyaViewer, {
    startsAt: '2026-11-10T04:00:00.000Z',
    status: 'completed',
    settlement: { status: 'held', releaseAt, releasedAt: null, refundPaise: 0 },
    ...overrides,
  });

function renderApp(
  initialPath: string,
  { bookings = [], disputes = [], viewer = zoya, override = {} }: { bookings?: FakeBookingRecord[]; disputes?: FakeDisputeRecord[]; viewer?: ReturnType<typeof testUser>; override?: Routes },
) {
  return renderWithBookings(routes, { user: viewer, mentors: [asha], bookings, disputes, routes: override, initialPath });
}

async function openReportModal() {
  const ui = userEvent.setup();
  const panel = await screen.findByRole('region', { name: 'Something went wrong?' });
  await ui.click(within(panel).getByRole('button', { name: 'Report a problem' }));
  const dialog = await screen.findByRole('dialog', { name: 'Report a problem' });
  return { ui, dialog, reason: within(dialog).getByRole('textbox', { name: /What went wrong/ }) };
}

describe('disputes on the booking page', { timeout: 30_000 }, () => {
  startEachTestAt();

  it('when the reason is too short, then the modal says so and nothing is sent; a real reason opens the dispute and the page shows it under review', async () => {
    const booking = completed();
    const { backend, fake } = renderApp(`/bookings/${booking.id}`, { bookings: [booking] });

    expect(await screen.findByRole('region', { name: 'How did the session go?' })).toHaveTextContent('If something went wrong, don’t confirm: report a problem instead.');
    expect(screen.getByRole('region', { name: 'Something went wrong?' })).toHaveTextContent('Report it by Wed, 11 Nov, 2026 at 10:30');
    const { ui, dialog, reason } = await openReportModal();
    expect(dialog).toHaveTextContent('₹2,500 stays held until Mentor Connect has looked at the session');

    await ui.type(reason, 'Too short');
    await ui.click(within(dialog).getByRole('button', { name: 'Report problem' }));

    await waitFor(() => expect(reason).toHaveAccessibleDescription(expect.stringContaining('Say what went wrong (10–2,000 characters)')));
    expect(reason).toHaveAccessibleDescription(expect.stringContaining('9/2000'));
    expect(backend.sent(`POST /api/bookings/${booking.id}/dispute`)).toHaveLength(0);

    await ui.clear(reason);
    await ui.click(reason);
    await ui.paste(`  ${REASON}  `);
    await ui.click(within(dialog).getByRole('button', { name: 'Report problem' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(backend.sent(`POST /api/bookings/${booking.id}/dispute`).map((request) => request.body)).toEqual([{ reason: REASON }]);
    expect(fake.disputes).toHaveLength(1);
    const panel = await screen.findByRole('region', { name: 'Reported problem' });
    expect(within(panel).getByTestId('dispute-state')).toHaveTextContent('Under review since Tue, 10 Nov, 2026');
    expect(within(panel).getByTestId('dispute-reason')).toHaveTextContent(REASON);
    // The booking is read again: its money is on hold, and neither confirming nor reporting is offered any more.
    await waitFor(() => expect(screen.getByTestId('settlement')).toHaveTextContent('On hold: under dispute'));
    expect(screen.queryByRole('button', { name: 'Report a problem' })).not.toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'How did the session go?' })).not.toBeInTheDocument();
  });

  it('when the window closes before the report is sent (409 dispute_window_closed), then the modal shows the server’s message and no dispute is made', async () => {
    // Released at 11:35, five minutes from now.
    const booking = completed('2026-11-10T06:05:00.000Z');
    const { backend, fake } = renderApp(`/bookings/${booking.id}`, { bookings: [booking] });
    const { ui, dialog, reason } = await openReportModal();

    await ui.click(reason);
    await ui.paste(REASON);
    vi.setSystemTime(new Date('2026-11-10T06:06:00.000Z'));
    await ui.click(within(dialog).getByRole('button', { name: 'Report problem' }));

    expect(await within(dialog).findByRole('alert')).toHaveTextContent('The time to report a problem with this session has passed');
    expect(backend.sent(`POST /api/bookings/${booking.id}/dispute`)).toHaveLength(1);
    expect(fake.disputes).toHaveLength(0);
    expect(screen.getByRole('dialog', { name: 'Report a problem' })).toBeInTheDocument();
    // The booking is read again and no longer offers a report.
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Something went wrong?' })).not.toBeInTheDocument());
  });

  it('when the server refuses the reason (422), then its message shows on the field and the modal stays open', async () => {
    const booking = completed();
    renderApp(`/bookings/${booking.id}`, {
      bookings: [booking],
      override: {
        'POST /api/bookings/:id/dispute': () => ({
          status: 422,
          body: problem(422, 'validation_failed', 'The request is invalid', [{ path: 'reason', message: 'At most 2,000 characters' }]),
        }),
      },
    });
    const { ui, dialog, reason } = await openReportModal();

    await ui.click(reason);
    await ui.paste(REASON);
    await ui.click(within(dialog).getByRole('button', { name: 'Report problem' }));

    await waitFor(() => expect(reason).toHaveAccessibleDescription(expect.stringContaining('At most 2,000 characters')));
    expect(reason).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('dialog', { name: 'Report a problem' })).toBeInTheDocument();
  });

  it('when a dispute was resolved with a partial refund, then the student reads the amount refunded and the admin’s note', async () => {
    const booking = completed('2026-11-10T05:00:00.000Z', { settlement: { status: 'partially_refunded', releaseAt: null, releasedAt: '2026-11-10T05:30:00.000Z', refundPaise: 1_000_00 } });
    const dispute = aDisputeRecord(booking, {
      reason: REASON,
      status: 'resolved',
      outcome: 'partial',
      refundPaise: 1_000_00,
      note: 'The mentor was 25 minutes late: the late part is refunded.',
      createdAt: '2026-11-10T05:10:00.000Z',
      resolvedAt: '2026-11-10T05:30:00.000Z',
    });
    renderApp(`/bookings/${booking.id}`, { bookings: [booking], disputes: [dispute] });

    const panel = await screen.findByRole('region', { name: 'Reported problem' });
    expect(within(panel).getByTestId('dispute-state')).toHaveTextContent('₹1,000 refunded · decided Tue, 10 Nov, 2026');
    expect(within(panel).getByTestId('dispute-note')).toHaveTextContent('The mentor was 25 minutes late: the late part is refunded.');
    expect(within(panel).getByText('Resolved')).toBeInTheDocument();
    expect(screen.getByTestId('settlement')).toHaveTextContent('Partly refunded: ₹1,000');
    expect(screen.queryByRole('button', { name: 'Report a problem' })).not.toBeInTheDocument();
  });

  it('when the mentor opens a disputed session, then they see it under review with the student’s reason, and no way to report', async () => {
    const booking = completed('2026-11-11T05:00:00.000Z', { settlement: { status: 'disputed', releaseAt: '2026-11-11T05:00:00.000Z', releasedAt: null, refundPaise: 0 } });
    const dispute = aDisputeRecord(booking, { reason: REASON, createdAt: '2026-11-10T05:10:00.000Z' });
    renderApp(`/bookings/${booking.id}`, { bookings: [booking], disputes: [dispute], viewer: ashaUser });

    const panel = await screen.findByRole('region', { name: 'Reported problem' });
    expect(within(panel).getByTestId('dispute-state')).toHaveTextContent('Under review since Tue, 10 Nov, 2026');
    expect(panel).toHaveTextContent(`Zoya Khan reported on Tue, 10 Nov, 2026${REASON}`);
    expect(screen.getByTestId('settlement')).toHaveTextContent('On hold: under dispute');
    expect(screen.queryByRole('button', { name: 'Report a problem' })).not.toBeInTheDocument();
  });

  it('when a completed session was never disputed and its money is released, then the page asks for its dispute once and shows no panel', async () => {
    const booking = completed('2026-11-10T05:00:00.000Z', { settlement: { status: 'released', releaseAt: null, releasedAt: '2026-11-10T05:00:00.000Z', refundPaise: 0 } });
    const { backend } = renderApp(`/bookings/${booking.id}`, { bookings: [booking] });

    expect(await screen.findByText('Completed')).toBeInTheDocument();
    await waitFor(() => expect(backend.sent(`GET /api/bookings/${booking.id}/dispute`)).toHaveLength(1));
    expect(screen.queryByRole('region', { name: 'Reported problem' })).not.toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Something went wrong?' })).not.toBeInTheDocument();
  });

  it('when an admin signs in, then Disputes sits next to Applications in the navigation and opens the queue', async () => {
    const booking = completed('2026-11-11T05:00:00.000Z', { settlement: { status: 'disputed', releaseAt: '2026-11-11T05:00:00.000Z', releasedAt: null, refundPaise: 0 } });
    const { router } = renderApp('/dashboard', {
      bookings: [booking],
      disputes: [aDisputeRecord(booking, { reason: REASON })],
      viewer: aditi,
      override: { 'GET /api/admin/mentor-applications': () => json({ items: [], page: 1, limit: 1, total: 0 }) },
    });
    const ui = userEvent.setup();

    const nav = await screen.findByRole('navigation', { name: 'Main' });
    const links = within(nav).getAllByRole('link').map((link) => link.textContent);
    expect(links.indexOf('Disputes')).toBe(links.indexOf('Applications') + 1);

    await ui.click(within(nav).getByRole('link', { name: 'Disputes' }));

    expect(router.state.location.pathname).toBe('/admin/disputes');
    expect(await screen.findByRole('article', { name: `Dispute on ${booking.code}` })).toBeInTheDocument();
  });
});
