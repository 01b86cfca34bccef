import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ApiError } from '@/lib/api-client';
import { startEachTestAt, TEST_NOW } from '@/testing/clock';
import { fakeChatBackend } from '@/testing/fake-chat';
import { json, testUser, type Routes, type SeenRequest } from '@/testing/fake-backend';
import { aBookingRecord, testMentor, type FakeBookingRecord } from '@/testing/fake-bookings';
import { aMentorProfile } from '@/testing/mentor-profile';
import { aPublicSlot } from '@/testing/public-slot';
import { renderWithBookings, viewerOf } from '@/testing/render-with-bookings';
import { routes } from '../router';
import { checkoutItemState, parseCheckoutRequest } from './checkout';

// The app's real route tree: the bookings feature composed with the mentors and availability features.
// Now is Tuesday 10 November 2026, 11:30 in Kolkata.
const zoya = testUser();
const zoyaViewer = viewerOf(zoya);
const asha = testMentor();

const ashaProfile = aMentorProfile(asha);

const amaSlot = aPublicSlot({ id: 'slot-ama' });

/** Asha's free times for the window asked: Thursday 26 November at 10:00 and 11:00 Kolkata, and the AMA on the 27th. */
function availability(request: SeenRequest) {
  const from = request.query.get('from') ?? '';
  const to = request.query.get('to') ?? '';
  const inWindow = (date: string) => from <= date && date <= to;
  return json({
    timeZone: request.query.get('timeZone'),
    mentorTimeZone: 'Asia/Kolkata',
    durationMinutes: Number(request.query.get('durationMinutes')),
    days: inWindow('2026-11-26')
      ? [{ date: '2026-11-26', times: [{ startsAt: '2026-11-26T04:30:00.000Z', local: '10:00' }, { startsAt: '2026-11-26T05:30:00.000Z', local: '11:00' }] }]
      : [],
    groupSlots: inWindow(amaSlot.localDate) ? [amaSlot] : [],
  });
}

function renderApp(initialPath: string, { bookings = [], more = {} }: { bookings?: FakeBookingRecord[]; more?: Routes } = {}) {
  return renderWithBookings(routes, {
    user: zoya,
    mentors: [asha],
    bookings,
    routes: {
      'GET /api/mentors/:slug': (_request, { slug }) => (slug === asha.slug ? json(ashaProfile) : { status: 404, body: { code: 'mentor_not_found', detail: 'No such mentor' } }),
      'GET /api/mentors/:slug/availability': availability,
      ...more,
    },
    initialPath,
  });
}

describe('booking routes', { timeout: 30_000 }, () => {
  startEachTestAt();

  it('when a student is signed in, then the header offers My bookings and Payments', async () => {
    renderApp('/dashboard');

    const nav = await screen.findByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'My bookings' })).toHaveAttribute('href', '/bookings');
    expect(within(nav).getByRole('link', { name: 'Payments' })).toHaveAttribute('href', '/payments');
  });

  it('when a checkout link names a slot, then its title, price and seats come from the mentor’s availability on that day', async () => {
    const { backend } = renderApp(`/book/asha-rao?slot=${amaSlot.id}&start=${amaSlot.startsAt}`);

    const summary = await screen.findByRole('region', { name: 'Your session' });
    expect(within(summary).getByText('System design AMA')).toBeInTheDocument();
    expect(within(summary).getByTestId('checkout-time')).toHaveTextContent('16:00–17:00');
    expect(within(summary).getByTestId('checkout-price')).toHaveTextContent('₹499');
    expect(within(summary).getByText(/5 seats left/)).toBeInTheDocument();
    const [lookup] = backend.sent('GET /api/mentors/asha-rao/availability');
    expect(Object.fromEntries(lookup!.query)).toMatchObject({ from: '2026-11-27', to: '2026-11-27', timeZone: 'Asia/Kolkata' });
    expect(screen.getByRole('button', { name: 'Pay ₹499' })).toBeInTheDocument();
  });

  it('when a checkout link names a 1-to-1 time, then the mentor’s price for that length is asked', async () => {
    renderApp('/book/asha-rao?start=2026-11-26T04:30:00.000Z&duration=30');

    const summary = await screen.findByRole('region', { name: 'Your session' });
    expect(within(summary).getByTestId('checkout-time')).toHaveTextContent('10:00–10:30');
    expect(within(summary).getByTestId('checkout-price')).toHaveTextContent('₹1,500');
  });

  it('when a student reschedules, then the mentor’s free times come from the availability calendar and the chosen one is sent', async () => {
    const booking = aBookingRecord(asha, zoyaViewer, { startsAt: '2026-11-25T03:30:00.000Z' });
    const { backend } = renderApp(`/bookings/${booking.id}`, { bookings: [booking] });
    const ui = userEvent.setup();

    await ui.click(await screen.findByRole('button', { name: 'Reschedule' }));
    const dialog = await screen.findByRole('dialog', { name: 'Reschedule booking' });
    const times = await within(dialog).findByRole('group', { name: 'Free 60-minute times on Thursday, 26 November 2026' });
    await ui.click(within(times).getByRole('button', { name: '11:00' }));
    await ui.click(within(dialog).getByRole('button', { name: 'Move booking' }));

    await waitFor(() => expect(screen.getByTestId('booking-time')).toHaveTextContent('Thu, 26 Nov, 2026 · 11:00–12:00'));
    expect(backend.sent(`POST /api/bookings/${booking.id}/reschedule`)[0]?.body).toEqual({ startsAt: '2026-11-26T05:30:00.000Z' });
    const [lookup] = backend.sent('GET /api/mentors/asha-rao/availability');
    expect(lookup?.query.get('durationMinutes')).toBe('60');
  });
});

describe('checkout links', () => {
  const request = (query: string) => parseCheckoutRequest(new URLSearchParams(query));

  it('when a student opens a confirmed booking, then the chat feature’s panel shows its conversation with Asha below the session', async () => {
    const booking = aBookingRecord(asha, zoyaViewer, { startsAt: '2026-11-25T03:30:00.000Z' });
    const conversationId = 'c0000000-0000-4000-8000-000000000001';
    const chat = fakeChatBackend({
      viewer: zoya,
      conversations: [
        {
          id: conversationId,
          mentorId: asha.id,
          members: [{ id: asha.id, name: asha.name, role: 'mentor' }, { id: zoya.id, name: zoya.name, role: 'student' }],
          bookingIds: [booking.id],
          messages: [{ senderId: asha.id, text: 'Bring your **questions**', createdAt: '2026-11-10T05:00:00.000Z' }],
        },
      ],
    });
    renderApp(`/bookings/${booking.id}`, { bookings: [booking], more: chat.routes });

    const panel = await screen.findByRole('region', { name: 'Chat' });
    expect(await within(panel).findByText('Bring your', { exact: false })).toBeInTheDocument();
    expect(within(panel).getByRole('heading', { level: 2, name: 'Asha Rao' })).toBeInTheDocument();
    expect(within(panel).getByRole('link', { name: 'Open in Messages' })).toHaveAttribute('href', `/messages/${conversationId}`);
    expect(screen.getByRole('region', { name: 'Session' }).compareDocumentPosition(panel) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('when a booking has no conversation yet, then its page says the chat opens once it is confirmed', async () => {
    const booking = aBookingRecord(asha, zoyaViewer, { startsAt: '2026-11-25T03:30:00.000Z' });
    const chat = fakeChatBackend({ viewer: zoya, conversations: [] });
    renderApp(`/bookings/${booking.id}`, { bookings: [booking], more: chat.routes });

    const panel = await screen.findByRole('region', { name: 'Chat' });
    expect(await within(panel).findByText('Chat opens once the booking is confirmed.')).toBeInTheDocument();
  });

  it('when the query names a time and length or a slot, then it is read; anything else is no request', () => {
    expect(request('start=2026-11-26T04:30:00.000Z&duration=60')).toEqual({ type: 'time', startsAt: '2026-11-26T04:30:00.000Z', durationMinutes: 60 });
    expect(request('slot=s1&start=2026-11-27T10:30:00Z')).toEqual({ type: 'slot', slotId: 's1', startsAt: '2026-11-27T10:30:00.000Z' });
    expect(request('start=2026-11-26T04:30:00.000Z&duration=45')).toBeNull();
    expect(request('start=tomorrow&duration=60')).toBeNull();
    expect(request('duration=60')).toBeNull();
  });

  it('when the mentor paused bookings, the time passed, the length is not offered or the slot is full, then the page says which', () => {
    const base = { mentorError: null, availability: undefined, now: TEST_NOW.getTime() };
    const later = { type: 'time' as const, startsAt: '2026-11-26T04:30:00.000Z', durationMinutes: 60 as const };
    const titleOf = (state: ReturnType<typeof checkoutItemState>) => (state.status === 'unavailable' ? state.title : state.status);

    expect(titleOf(checkoutItemState({ ...base, request: later, mentor: { ...ashaProfile, acceptingBookings: false } }))).toBe('Not accepting bookings');
    expect(titleOf(checkoutItemState({ ...base, request: { ...later, startsAt: '2026-11-10T05:00:00.000Z' }, mentor: ashaProfile }))).toBe('This time has passed');
    expect(titleOf(checkoutItemState({ ...base, request: later, mentor: { ...ashaProfile, sessionLengths: [30] } }))).toBe('No 60-minute sessions');
    const full = { timeZone: 'Asia/Kolkata', mentorTimeZone: 'Asia/Kolkata', durationMinutes: 60, days: [], groupSlots: [{ ...amaSlot, seatsLeft: 0 }] };
    expect(titleOf(checkoutItemState({ ...base, request: { type: 'slot', slotId: amaSlot.id, startsAt: amaSlot.startsAt }, mentor: ashaProfile, availability: full }))).toBe('This session is full');
    expect(titleOf(checkoutItemState({ ...base, request: later, mentor: undefined, mentorError: new ApiError({ status: 404, code: 'mentor_not_found', title: 'Not found' }) }))).toBe('Mentor not found');
    expect(titleOf(checkoutItemState({ ...base, request: later, mentor: ashaProfile }))).toBe('ready');
  });
});
