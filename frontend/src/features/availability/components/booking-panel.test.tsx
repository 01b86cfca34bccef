import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { startEachTestAt } from '@/testing/clock';
import { installFakeBackend, json, problem, sessionRoutes, type Reply, type SeenRequest } from '@/testing/fake-backend';
import { aPublicSlot } from '@/testing/public-slot';
import { renderWithApp } from '@/testing/render-app';
import type { PublicAvailability } from '../types';
import { BookingPanel, type BookingPanelProps } from './booking-panel';

// Asha teaches from Kolkata: 09:00 and 09:30 there on Wednesday 25 November 2026 are 03:30 and 04:00
// in London (GMT in winter); her group session on Friday 27 November starts at 16:00 Kolkata, 10:30 London.
const freeTimes = [
  { date: '2026-11-25', startsAt: '2026-11-25T03:30:00.000Z', kolkata: '09:00', london: '03:30' },
  { date: '2026-11-25', startsAt: '2026-11-25T04:00:00.000Z', kolkata: '09:30', london: '04:00' },
];

const groupSession = aPublicSlot();

/** The backend's answer for the window and zone asked: only what falls between `from` and `to`. */
function answer(request: SeenRequest): PublicAvailability {
  const zone = request.query.get('timeZone') ?? 'UTC';
  const from = request.query.get('from') ?? '';
  const to = request.query.get('to') ?? '';
  const inWindow = (date: string) => from <= date && date <= to;
  const london = zone === 'Europe/London';
  return {
    timeZone: zone,
    mentorTimeZone: 'Asia/Kolkata',
    durationMinutes: Number(request.query.get('durationMinutes')),
    days: inWindow('2026-11-25')
      ? [{ date: '2026-11-25', times: freeTimes.map((time) => ({ startsAt: time.startsAt, local: london ? time.london : time.kolkata })) }]
      : [],
    groupSlots: inWindow('2026-11-27') ? [{ ...groupSession, local: london ? '10:30' : '16:00' }] : [],
  };
}

const props: BookingPanelProps = {
  slug: 'asha-rao',
  price30Paise: 1_500_00,
  price60Paise: 2_500_00,
  acceptingBookings: true,
  defaultTimeZone: 'Asia/Kolkata',
};

function renderPanel(overrides: Partial<BookingPanelProps> = {}, reply: (request: SeenRequest) => Reply = (request) => json(answer(request))) {
  const backend = installFakeBackend({
    ...sessionRoutes(null),
    'GET /api/mentors/:slug/availability': (request) => reply(request),
  });
  renderWithApp([{ path: '/mentors/:slug', element: <BookingPanel {...props} {...overrides} /> }], { initialPath: '/mentors/asha-rao' });
  return { ...backend, availabilityRequests: () => backend.sent('GET /api/mentors/asha-rao/availability') };
}

describe('the booking calendar on a mentor’s page', { timeout: 30_000 }, () => {
  startEachTestAt();

  it('when the month loads, then days with free times or sessions are marked, others are disabled, and the first free day shows its times', async () => {
    const backend = renderPanel();

    const wednesday = await screen.findByRole('button', { name: 'Wednesday, 25 November 2026, 2 free times' });
    expect(wednesday).toBeEnabled();
    expect(wednesday).toHaveAttribute('data-selected', 'true');
    expect(screen.getByRole('button', { name: 'Friday, 27 November 2026, 1 session' })).toBeEnabled();
    expect(screen.getByRole('button', { name: 'Thursday, 26 November 2026, no free times' })).toBeDisabled();
    const times = screen.getByRole('group', { name: 'Free 30-minute times on Wednesday, 25 November 2026' });
    expect(within(times).getAllByRole('button').map((button) => button.textContent)).toEqual(['09:00', '09:30']);

    const [request] = backend.availabilityRequests();
    expect(Object.fromEntries(request!.query)).toEqual({ from: '2026-11-10', to: '2026-11-30', durationMinutes: '30', timeZone: 'Asia/Kolkata' });
  });

  it('when the mentor offers only 60-minute sessions, then only that length is offered and asked for', async () => {
    const backend = renderPanel({ sessionLengths: [60] });
    await screen.findByRole('button', { name: 'Wednesday, 25 November 2026, 2 free times' });
    expect(screen.queryByTestId('price-30')).toBeNull();
    expect(screen.getByTestId('price-60')).toHaveTextContent('₹2,500');
    const [request] = backend.availabilityRequests();
    expect(request!.query.get('durationMinutes')).toBe('60');
  });

  it('when the viewer switches to London and picks a time, then times are shown on London clocks and the summary gives both sides’ times, the price and the way to checkout', async () => {
    const backend = renderPanel();
    const ui = userEvent.setup();
    await screen.findByRole('button', { name: '09:00' });

    const zone = screen.getByRole('combobox', { name: 'Times shown in' });
    await ui.clear(zone);
    await ui.type(zone, 'London');
    await ui.click(await screen.findByRole('option', { name: /^Europe\/London/ }));

    const times = await screen.findByRole('group', { name: 'Free 30-minute times on Wednesday, 25 November 2026' });
    await waitFor(() => expect(within(times).getAllByRole('button').map((button) => button.textContent)).toEqual(['03:30', '04:00']));
    expect(backend.availabilityRequests().at(-1)?.query.get('timeZone')).toBe('Europe/London');

    await ui.click(within(times).getByRole('button', { name: '03:30' }));

    const summary = screen.getByRole('region', { name: 'Your selection' });
    expect(within(summary).getByTestId('summary-date')).toHaveTextContent('Wednesday, 25 November 2026');
    expect(within(summary).getByTestId('summary-time')).toHaveTextContent('03:30–04:00');
    expect(within(summary).getByText('Your time, Europe/London')).toBeInTheDocument();
    expect(within(summary).getByTestId('summary-mentor-time')).toHaveTextContent('09:00–09:30 for the mentor (Asia/Kolkata)');
    expect(within(summary).getByTestId('summary-price')).toHaveTextContent('₹1,500');
    const checkout = within(summary).getByRole('link', { name: 'Continue to checkout' });
    const href = new URL(checkout.getAttribute('href') ?? '', 'http://app.test');
    expect(href.pathname).toBe('/book/asha-rao');
    expect(Object.fromEntries(href.searchParams)).toEqual({ start: '2026-11-25T03:30:00.000Z', duration: '30' });
  });

  it('when a day with a group session is picked, then the session shows its seats and price, and choosing it fills the summary', async () => {
    renderPanel();
    const ui = userEvent.setup();

    await ui.click(await screen.findByRole('button', { name: 'Friday, 27 November 2026, 1 session' }));
    const session = screen.getByRole('listitem', { name: 'System design AMA' });
    expect(within(session).getByText('5 seats left')).toBeInTheDocument();
    expect(within(session).getByText('₹499')).toBeInTheDocument();
    expect(within(session).getByText('16:00–17:00 · 60 min')).toBeInTheDocument();
    expect(screen.getByText('No free 30-minute times on this day.')).toBeInTheDocument();

    await ui.click(within(session).getByRole('button', { name: 'Choose System design AMA' }));

    const summary = screen.getByRole('region', { name: 'Your selection' });
    expect(within(summary).getByText('System design AMA')).toBeInTheDocument();
    expect(within(summary).getByTestId('summary-price')).toHaveTextContent('₹499');
    expect(within(summary).getByText(/group session · 5 seats left/)).toBeInTheDocument();
    const href = new URL(within(summary).getByRole('link', { name: 'Continue to checkout' }).getAttribute('href') ?? '', 'http://app.test');
    expect(href.pathname).toBe('/book/asha-rao');
    expect(Object.fromEntries(href.searchParams)).toEqual({ slot: groupSession.id, start: groupSession.startsAt });
  });

  it('when the next month has nothing free, then the panel says so and offers the month after', async () => {
    const backend = renderPanel();
    const ui = userEvent.setup();
    await screen.findByRole('button', { name: '09:00' });

    await ui.click(screen.getByRole('button', { name: 'Next month' }));

    expect(await screen.findByText('No free times in this month — try next month')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Show January' })).toBeInTheDocument();
    expect(Object.fromEntries(backend.availabilityRequests().at(-1)!.query)).toMatchObject({ from: '2026-12-01', to: '2026-12-31' });
  });

  it('when the mentor has paused bookings, then the panel says so and asks for no times', async () => {
    const backend = renderPanel({ acceptingBookings: false });

    expect(await screen.findByText('Not accepting bookings')).toBeInTheDocument();
    expect(screen.getByTestId('price-30')).toHaveTextContent('₹1,500');
    expect(backend.availabilityRequests()).toHaveLength(0);
  });

  it('when the mentor does not offer the length, then the server’s reason shows instead of a calendar error', async () => {
    renderPanel({}, (request) =>
      request.query.get('durationMinutes') === '60'
        ? { status: 422, body: problem(422, 'validation_failed', 'The request is invalid', [{ path: 'durationMinutes', message: 'This mentor offers 30-minute sessions' }]) }
        : json(answer(request)),
    );
    const ui = userEvent.setup();
    await screen.findByRole('button', { name: '09:00' });

    await ui.click(screen.getByRole('radio', { name: /^60 min/ }));

    expect(await screen.findByText('This mentor offers 30-minute sessions')).toBeInTheDocument();
  });

  it('when loading fails, then an error with a retry shows, and the retry loads the times', async () => {
    let failing = true;
    renderPanel({}, (request) => (failing ? { status: 503, body: problem(503, 'unavailable', 'Down for a moment') } : json(answer(request))));
    const ui = userEvent.setup();

    // The query client retries a 5xx twice (about 3 s) before giving up.
    expect(await screen.findByRole('heading', { name: "Couldn't load free times" }, { timeout: 10_000 })).toBeInTheDocument();
    failing = false;
    await ui.click(screen.getByRole('button', { name: 'Try again' }));

    expect(await screen.findByRole('button', { name: '09:00' })).toBeInTheDocument();
  });
});
