import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useParams } from 'react-router-dom';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { startEachTestAt, TEST_NOW } from '@/testing/clock';
import { testUser } from '@/testing/fake-backend';
import { aBookingRecord, testMentor, type FakeBookingRecord } from '@/testing/fake-bookings';
import { renderWithBookings, viewerOf } from '@/testing/render-with-bookings';
import { REFUND_POLL_MS } from '../api/get-booking';
import type { RenderTimePicker } from '../components/reschedule-booking-modal';
import type { RenderChat } from '../types';
import { BookingConfirmedPage } from './booking-confirmed-page';
import { BookingDetailPage } from './booking-detail-page';

// Now is Tuesday 10 November 2026, 11:30 in Kolkata (06:00Z).
const zoya = testUser();
const zoyaViewer = viewerOf(zoya);
const asha = testMentor();

// The app gives the real availability calendar; here a stand-in offers two of Asha's times.
const FREE_TIME = '2026-11-26T04:30:00.000Z'; // Thu 26 Nov, 10:00 Kolkata
const TAKEN_TIME = '2026-11-26T06:30:00.000Z'; // Thu 26 Nov, 12:00 Kolkata
const pickerCalls: { mentorSlug: string; durationMinutes: number; timeZone: string }[] = [];
const stubPicker: RenderTimePicker = ({ mentorSlug, durationMinutes, timeZone, value, onChange }) => {
  pickerCalls.push({ mentorSlug, durationMinutes, timeZone });
  return (
    <div role="group" aria-label="Free times">
      {[
        [FREE_TIME, '10:00'],
        [TAKEN_TIME, '12:00'],
      ].map(([startsAt, label]) => (
        <button key={startsAt} type="button" aria-pressed={value === startsAt} onClick={() => onChange(startsAt!)}>
          {label}
        </button>
      ))}
    </div>
  );
};

/** The app gives the chat feature's panel; here a stand-in says which booking it was drawn for. */
const stubChat: RenderChat = (booking) => (
  <section aria-label="Chat" data-testid="stub-chat">
    Chat about {booking.code} with {booking.mentor.name}
  </section>
);

function DetailRoute({ renderChat, live = false }: { renderChat?: RenderChat; live?: boolean }) {
  const { id = '' } = useParams();
  return <BookingDetailPage id={id} timeZone="Asia/Kolkata" renderTimePicker={stubPicker} live={live} {...(renderChat ? { renderChat } : {})} />;
}

function ConfirmedRoute() {
  const { id = '' } = useParams();
  return <BookingConfirmedPage id={id} timeZone="Asia/Kolkata" />;
}

function renderDetail(
  booking: FakeBookingRecord,
  { viewer = zoya, others = [], renderChat, live = false }: { viewer?: ReturnType<typeof testUser>; others?: FakeBookingRecord[]; renderChat?: RenderChat; live?: boolean } = {},
) {
  const view = renderWithBookings(
    [
      { path: '/bookings/:id', element: <DetailRoute live={live} {...(renderChat ? { renderChat } : {})} /> },
      { path: '/bookings/:id/confirmed', element: <ConfirmedRoute /> },
    ],
    { user: viewer, mentors: [asha], bookings: [booking, ...others], initialPath: `/bookings/${booking.id}` },
  );
  return { ...view, detailReads: () => view.backend.sent(`GET /api/bookings/${booking.id}`).length };
}

/** Cancelled by the mentor, its full refund still on its way through the gateway. */
const refundPendingBooking = () =>
  aBookingRecord(asha, zoyaViewer, {
    startsAt: '2026-11-25T03:30:00.000Z',
    status: 'cancelled',
    settlement: { status: 'refunded', releaseAt: null, releasedAt: null, refundPaise: 2_500_00 },
    cancellation: { by: 'mentor', reason: 'Travelling', at: '2026-11-09T10:00:00.000Z' },
    refund: { amountPaise: 2_500_00, percent: 100, status: 'pending', processedAt: null },
  });

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('booking detail', { timeout: 30_000 }, () => {
  startEachTestAt();

  beforeEach(() => {
    pickerCalls.length = 0;
  });

  it('when a student opens a confirmed booking, then it shows the session, topic and agenda, the amount paid and what they may do, without the mentor’s breakdown', async () => {
    renderDetail(aBookingRecord(asha, zoyaViewer, { startsAt: '2026-11-25T03:30:00.000Z', topic: 'System design mock', agenda: 'Design a URL shortener\nThen caching' }));

    expect(await screen.findByRole('heading', { level: 1, name: /^MC-20261125-/ })).toBeInTheDocument();
    expect(screen.getByText('with Asha Rao · 1-to-1')).toBeInTheDocument();
    expect(screen.getByTestId('booking-time')).toHaveTextContent('Wed, 25 Nov, 2026 · 09:00–10:00');
    expect(screen.getByText('60 minutes')).toBeInTheDocument();
    expect(screen.getByTestId('booking-topic')).toHaveTextContent('System design mock');
    expect(screen.getByTestId('booking-agenda')).toHaveTextContent('Design a URL shortener Then caching');
    expect(screen.getByTestId('booking-amount')).toHaveTextContent('₹2,500');
    const actions = screen.getByRole('navigation', { name: 'Booking actions' });
    expect(within(actions).getByRole('button', { name: 'Reschedule' })).toBeInTheDocument();
    expect(within(actions).getByRole('button', { name: 'Add to calendar' })).toBeInTheDocument();
    expect(within(actions).getByRole('button', { name: 'Cancel booking' })).toBeInTheDocument();
    expect(screen.queryByTestId('mentor-share')).not.toBeInTheDocument();
  });

  it('when the mentor opens it, then the breakdown of the price shows, ending in their share', async () => {
    const ashaUser = testUser({ id: asha.id, name: asha.name, email: 'asha@example.com', role: 'mentor' });
    renderDetail(aBookingRecord(asha, zoyaViewer, { startsAt: '2026-11-25T03:30:00.000Z' }), { viewer: ashaUser });

    expect(await screen.findByText('for Zoya Khan · 1-to-1')).toBeInTheDocument();
    expect(screen.getByText('− ₹500')).toBeInTheDocument();
    expect(screen.getByText('− ₹59')).toBeInTheDocument();
    expect(screen.getByTestId('mentor-share')).toHaveTextContent('₹1,941');
  });

  it('when the price does not split evenly, then the mentor sees the parts floored to the paisa, adding up to the price', async () => {
    const ashaUser = testUser({ id: asha.id, name: asha.name, email: 'asha@example.com', role: 'mentor' });
    renderDetail(aBookingRecord(asha, zoyaViewer, { startsAt: '2026-11-25T03:30:00.000Z', pricePaise: 499_00 }), { viewer: ashaUser });

    // ₹499: commission 20% = ₹99.80; fee 2% = ₹9.98 plus 18% GST on it, ₹1.7964 floored to ₹1.79; the rest is Asha's.
    const breakdown = await screen.findByLabelText('Price breakdown');
    expect(within(breakdown).getByText('− ₹99.80')).toBeInTheDocument();
    expect(within(breakdown).getByText('− ₹11.77')).toBeInTheDocument();
    expect(within(breakdown).getByTestId('mentor-share')).toHaveTextContent('₹387.43');
  });

  it('when the student cancels, then the refund the server quotes is shown before confirming, and confirming sends the reason with an Idempotency-Key', async () => {
    // 20 hours ahead: the 4–24 hour tier, half back.
    const booking = aBookingRecord(asha, zoyaViewer, { startsAt: '2026-11-11T02:00:00.000Z' });
    const { backend, fake } = renderDetail(booking);
    const ui = userEvent.setup();

    await ui.click(await screen.findByRole('button', { name: 'Cancel booking' }));

    const dialog = await screen.findByRole('dialog', { name: 'Cancel booking' });
    expect(await within(dialog).findByText('You will get ₹1,250 back (50%)')).toBeInTheDocument();
    expect(within(dialog).getByTestId('refund-policy')).toHaveTextContent('Between 4 and 24 hours before the session: 50% refund.');
    expect(backend.sent(`GET /api/bookings/${booking.id}/cancellation-quote`)).toHaveLength(1);
    expect(backend.sent(`POST /api/bookings/${booking.id}/cancel`)).toHaveLength(0);

    await ui.type(within(dialog).getByRole('textbox', { name: /Reason/ }), 'Interview moved');
    await ui.click(within(dialog).getByRole('button', { name: 'Cancel booking' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    const [cancel] = backend.sent(`POST /api/bookings/${booking.id}/cancel`);
    expect(cancel?.body).toEqual({ reason: 'Interview moved' });
    expect(cancel?.headers.get('Idempotency-Key')).toMatch(uuid);
    expect(fake.records[0]).toMatchObject({ status: 'cancelled', refund: { amountPaise: 1_250_00, percent: 50 } });
    const refund = await screen.findByRole('region', { name: 'Refund' });
    expect(within(refund).getByTestId('refund-amount')).toHaveTextContent('₹1,250 (50%)');
    expect(within(refund).getByTestId('refund-status')).toHaveTextContent('Pending');
    expect(screen.getByTestId('cancellation')).toHaveTextContent('Cancelled by you on Tue, 10 Nov, 2026: “Interview moved”');
    expect(screen.queryByRole('navigation', { name: 'Booking actions' })).not.toBeInTheDocument();
  });

  it('when a refund is pending, then the page asks again every few seconds until it shows processed, and then stops', async () => {
    const booking = refundPendingBooking();
    const { detailReads } = renderDetail(booking);

    const refund = await screen.findByRole('region', { name: 'Refund' });
    expect(within(refund).getByTestId('refund-status')).toHaveTextContent('Pending');
    expect(screen.getByTestId('cancellation')).toHaveTextContent('Cancelled by the mentor');

    await waitFor(() => expect(within(refund).getByTestId('refund-status')).toHaveTextContent('Processed'), { timeout: REFUND_POLL_MS + 3_000 });
    expect(within(refund).getByText(/^Processed on Tue, 10 Nov, 2026 at 11:30/)).toBeInTheDocument();
    const reads = detailReads();
    expect(reads).toBe(2);

    await new Promise((resolve) => setTimeout(resolve, REFUND_POLL_MS + 500));
    expect(detailReads()).toBe(reads);
  });

  it('when a refund is pending but the page is live (the notifications socket is up), then it does not ask again: the socket tells it when the refund is processed', async () => {
    const booking = refundPendingBooking();
    const { detailReads } = renderDetail(booking, { live: true });
    const refund = await screen.findByRole('region', { name: 'Refund' });
    expect(within(refund).getByTestId('refund-status')).toHaveTextContent('Pending');
    await new Promise((resolve) => setTimeout(resolve, REFUND_POLL_MS * 2));
    expect(detailReads()).toBe(1);
    expect(within(refund).getByTestId('refund-status')).toHaveTextContent('Pending');
  });

  it('when the student reschedules, then they are told it is once only, the new time is sent, and the page shows it with no second reschedule', async () => {
    const booking = aBookingRecord(asha, zoyaViewer, { startsAt: '2026-11-25T03:30:00.000Z' });
    const { backend } = renderDetail(booking);
    const ui = userEvent.setup();

    await ui.click(await screen.findByRole('button', { name: 'Reschedule' }));
    const dialog = await screen.findByRole('dialog', { name: 'Reschedule booking' });
    expect(within(dialog).getByText('You can reschedule once')).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Move booking' })).toBeDisabled();
    expect(pickerCalls.at(-1)).toEqual({ mentorSlug: 'asha-rao', durationMinutes: 60, timeZone: 'Asia/Kolkata' });

    expect(screen.queryByTestId('refund-measured-from')).not.toBeInTheDocument();

    await ui.click(within(dialog).getByRole('button', { name: '10:00' }));
    expect(within(dialog).getByTestId('reschedule-new-time')).toHaveTextContent('Thu, 26 Nov, 2026 · 10:00–11:00');
    expect(within(dialog).getByTestId('reschedule-refund-note')).toHaveTextContent(
      'If you cancel later, the refund is still measured from Wed, 25 Nov, 2026 at 09:00.',
    );
    await ui.click(within(dialog).getByRole('button', { name: 'Move booking' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(backend.sent(`POST /api/bookings/${booking.id}/reschedule`).map((request) => request.body)).toEqual([{ startsAt: FREE_TIME }]);
    expect(screen.getByTestId('booking-time')).toHaveTextContent('Thu, 26 Nov, 2026 · 10:00–11:00');
    expect(screen.getByTestId('rescheduled-from')).toHaveTextContent('Rescheduled from Wed, 25 Nov, 2026 at 09:00');
    expect(screen.getByTestId('refund-measured-from')).toHaveTextContent(
      'Refunds are measured from the original start, Wed, 25 Nov, 2026 at 09:00: moving a session never increases the refund.',
    );
    expect(screen.queryByRole('button', { name: 'Reschedule' })).not.toBeInTheDocument();
  });

  it('when a student opens a booking that was moved later, then the page says refunds are measured from the original start', async () => {
    renderDetail(
      aBookingRecord(asha, zoyaViewer, { startsAt: '2026-11-26T04:30:00.000Z', previousStartsAt: '2026-11-25T03:30:00.000Z', rescheduleCount: 1 }),
    );

    const payment = await screen.findByRole('region', { name: 'Payment' });
    expect(within(payment).getByTestId('refund-measured-from')).toHaveTextContent(
      'Refunds are measured from the original start, Wed, 25 Nov, 2026 at 09:00: moving a session never increases the refund.',
    );
  });

  it('when a student opens a booking that was never moved, then no such sentence shows', async () => {
    renderDetail(aBookingRecord(asha, zoyaViewer, { startsAt: '2026-11-25T03:30:00.000Z' }));

    expect(await screen.findByTestId('booking-amount')).toHaveTextContent('₹2,500');
    expect(screen.queryByTestId('refund-measured-from')).not.toBeInTheDocument();
    expect(screen.queryByText(/Refunds are measured from the original start/)).not.toBeInTheDocument();
  });

  it('when the mentor opens a moved booking or reschedules one, then the student’s refund rule is not shown to them', async () => {
    const ashaUser = testUser({ id: asha.id, name: asha.name, email: 'asha@example.com', role: 'mentor' });
    const moved = aBookingRecord(asha, zoyaViewer, { startsAt: '2026-11-26T04:30:00.000Z', previousStartsAt: '2026-11-25T03:30:00.000Z', rescheduleCount: 1 });
    const movable = aBookingRecord(asha, zoyaViewer, { startsAt: '2026-11-27T03:30:00.000Z' });
    const { router } = renderDetail(moved, { viewer: ashaUser, others: [movable] });
    const ui = userEvent.setup();

    expect(await screen.findByText('for Zoya Khan · 1-to-1')).toBeInTheDocument();
    expect(screen.queryByTestId('refund-measured-from')).not.toBeInTheDocument();

    await router.navigate(`/bookings/${movable.id}`);
    await ui.click(await screen.findByRole('button', { name: 'Reschedule' }));
    const dialog = await screen.findByRole('dialog', { name: 'Reschedule booking' });
    expect(within(dialog).queryByTestId('reschedule-refund-note')).not.toBeInTheDocument();
  });

  it('when a student cancels a booking moved further out, then the refund quoted is the tier of the original start', async () => {
    // First at 08:00 Kolkata tomorrow (20 hours ahead), moved to 26 November: still the 4–24 hour tier.
    const booking = aBookingRecord(asha, zoyaViewer, { startsAt: '2026-11-26T04:30:00.000Z', previousStartsAt: '2026-11-11T02:00:00.000Z', rescheduleCount: 1 });
    renderDetail(booking);
    const ui = userEvent.setup();

    expect(await screen.findByTestId('refund-measured-from')).toHaveTextContent('Refunds are measured from the original start, Wed, 11 Nov, 2026 at 07:30');
    await ui.click(screen.getByRole('button', { name: 'Cancel booking' }));

    const dialog = await screen.findByRole('dialog', { name: 'Cancel booking' });
    expect(await within(dialog).findByText('You will get ₹1,250 back (50%)')).toBeInTheDocument();
  });

  it('when the new time was taken meanwhile, then the modal says so and the booking stays put', async () => {
    const rohan = { id: '3a4b5c6d-7e8f-4091-a2b3-c4d5e6f7a8b9', name: 'Rohan Das', email: 'rohan@example.com' };
    const booking = aBookingRecord(asha, zoyaViewer, { startsAt: '2026-11-25T03:30:00.000Z' });
    renderDetail(booking, { others: [aBookingRecord(asha, rohan, { startsAt: TAKEN_TIME })] });
    const ui = userEvent.setup();

    await ui.click(await screen.findByRole('button', { name: 'Reschedule' }));
    const dialog = await screen.findByRole('dialog', { name: 'Reschedule booking' });
    await ui.click(within(dialog).getByRole('button', { name: '12:00' }));
    await ui.click(within(dialog).getByRole('button', { name: 'Move booking' }));

    expect(await within(dialog).findByText('That time was just taken — pick another.')).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Move booking' })).toBeDisabled();
    expect(screen.getByTestId('booking-time')).toHaveTextContent('Wed, 25 Nov, 2026 · 09:00–10:00');
  });

  it('when a booking waits for payment, then its hold shows and Complete payment reopens the checkout, which confirms it', async () => {
    const booking = aBookingRecord(asha, zoyaViewer, {
      startsAt: '2026-11-25T03:30:00.000Z',
      status: 'pending_payment',
      settlement: null,
      holdExpiresAt: new Date(TEST_NOW.getTime() + 9 * 60_000 + 30_000).toISOString(),
      payment: { id: 'p-pending', status: 'created', amountPaise: 2_500_00, gatewayPaymentId: null, createdAt: TEST_NOW.toISOString(), capturedAt: null },
    });
    const { backend, router } = renderDetail(booking);
    const ui = userEvent.setup();

    const hold = await screen.findByRole('region', { name: 'Waiting for payment' });
    expect(within(hold).getByTestId('hold-countdown')).toHaveTextContent('9:30');
    await ui.click(within(hold).getByRole('button', { name: 'Complete payment' }));

    const checkout = await screen.findByRole('dialog', { name: 'Mentor Connect' });
    expect(backend.sent(`POST /api/bookings/${booking.id}/checkout`)).toHaveLength(1);
    expect(within(checkout).getByText(`Order ${booking.orderId}`)).toBeInTheDocument();
    await ui.click(within(checkout).getByRole('button', { name: 'Pay ₹2,500' }));

    expect(await screen.findByRole('heading', { name: 'Your session is booked' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe(`/bookings/${booking.id}/confirmed`);
    expect(backend.sent('POST /api/payments/verify')).toHaveLength(1);
  });

  it('when Add to calendar is pressed, then the invite is fetched with the bearer token and saved as the booking’s code', async () => {
    const saved: { name: string; text: Promise<string> }[] = [];
    vi.stubGlobal('URL', Object.assign(class extends URL {}, { createObjectURL: (blob: Blob) => (saved.push({ name: '', text: blob.text() }), 'blob:invite'), revokeObjectURL: () => undefined }));
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.at(-1)!.name = this.download;
    });
    const booking = aBookingRecord(asha, zoyaViewer, { startsAt: '2026-11-25T03:30:00.000Z' });
    const { backend } = renderDetail(booking);
    const ui = userEvent.setup();

    await ui.click(await screen.findByRole('button', { name: 'Add to calendar' }));

    await waitFor(() => expect(click).toHaveBeenCalledTimes(1));
    const [request] = backend.sent(`GET /api/bookings/${booking.id}/calendar.ics`);
    expect(request?.headers.get('Authorization')).toBe('Bearer token');
    expect(saved[0]?.name).toBe(`${booking.code}.ics`);
    expect(await saved[0]?.text).toContain(`SUMMARY:${booking.code}`);
  });

  it('when a paid session is ahead, then the payment says it is held by us until the session has taken place', async () => {
    renderDetail(aBookingRecord(asha, zoyaViewer, { startsAt: '2026-11-25T03:30:00.000Z' }));

    const payment = await screen.findByRole('region', { name: 'Payment' });
    expect(within(payment).getByTestId('settlement')).toHaveTextContent('Held by Mentor Connect until the session has taken place');
    expect(screen.queryByRole('button', { name: 'Confirm the session went well' })).not.toBeInTheDocument();
  });

  it('when a completed session’s money is held, then the student sees until when, and confirming posts, refreshes the booking and shows it released', async () => {
    // This morning, 09:30–10:30 Kolkata; released automatically 24 hours after the end unless confirmed.
    const booking = aBookingRecord(asha, zoyaViewer, {
      startsAt: '2026-11-10T04:00:00.000Z',
      status: 'completed',
      settlement: { status: 'held', releaseAt: '2026-11-11T05:00:00.000Z', releasedAt: null, refundPaise: 0 },
    });
    const { backend, detailReads } = renderDetail(booking);
    const ui = userEvent.setup();

    expect(await screen.findByText('Completed')).toBeInTheDocument();
    expect(screen.getByTestId('settlement')).toHaveTextContent('Held until Wed, 11 Nov, 2026 at 10:30, then released to the mentor');
    const panel = screen.getByRole('region', { name: 'How did the session go?' });
    expect(panel).toHaveTextContent('your payment is released to Asha Rao now, instead of automatically 24 hours after the session');
    const readsBefore = detailReads();

    await ui.click(within(panel).getByRole('button', { name: 'Confirm the session went well' }));

    await waitFor(() => expect(screen.getByTestId('settlement')).toHaveTextContent('Released to the mentor on Tue, 10 Nov, 2026 at 11:30'));
    expect(backend.sent(`POST /api/bookings/${booking.id}/confirm-completion`)).toHaveLength(1);
    await waitFor(() => expect(detailReads()).toBeGreaterThan(readsBefore));
    expect(screen.queryByRole('region', { name: 'How did the session go?' })).not.toBeInTheDocument();
    expect(await screen.findByText('Your payment has been released to Asha Rao.')).toBeInTheDocument();
  });

  it('when the mentor never joined, then the status says so and the payment shows the full refund', async () => {
    renderDetail(
      aBookingRecord(asha, zoyaViewer, {
        startsAt: '2026-11-09T04:00:00.000Z',
        status: 'no_show_mentor',
        settlement: { status: 'refunded', releaseAt: null, releasedAt: null, refundPaise: 2_500_00 },
      }),
    );

    expect(await screen.findByText('Mentor did not join — fully refunded')).toBeInTheDocument();
    expect(screen.getByTestId('settlement')).toHaveTextContent('Refunded ₹2,500');
    expect(screen.queryByRole('button', { name: 'Confirm the session went well' })).not.toBeInTheDocument();
  });

  it('when the student never joined, then the mentor reads that and that the money was paid out to them', async () => {
    const ashaUser = testUser({ id: asha.id, name: asha.name, email: 'asha@example.com', role: 'mentor' });
    renderDetail(
      aBookingRecord(asha, zoyaViewer, {
        startsAt: '2026-11-09T04:00:00.000Z',
        status: 'no_show_student',
        settlement: { status: 'released', releaseAt: null, releasedAt: '2026-11-09T05:15:00.000Z', refundPaise: 0 },
      }),
      { viewer: ashaUser },
    );

    expect(await screen.findByText('Student did not join')).toBeInTheDocument();
    expect(screen.getByTestId('settlement')).toHaveTextContent('Paid out to you on Mon, 9 Nov, 2026 at 10:45');
  });

  it('when the booking is not the viewer’s, then the page says it was not found', async () => {
    const stranger = { id: 'aaaaaaaa-0000-4000-8000-000000000001', name: 'Someone Else', email: 'else@example.com' };
    renderDetail(aBookingRecord(asha, stranger, { startsAt: '2026-11-25T03:30:00.000Z' }));

    expect(await screen.findByRole('heading', { name: 'Booking not found' })).toBeInTheDocument();
  });

  it('when the app gives the booking’s chat, then the page shows it below the session, drawn for this booking', async () => {
    const booking = aBookingRecord(asha, zoyaViewer, { startsAt: '2026-11-25T03:30:00.000Z' });
    renderDetail(booking, { renderChat: stubChat });

    const chat = await screen.findByRole('region', { name: 'Chat' });
    expect(chat).toHaveTextContent(`Chat about ${booking.code} with Asha Rao`);
    // Below the session's details.
    const session = screen.getByRole('region', { name: 'Session' });
    expect(session.compareDocumentPosition(chat) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('when a booking lapsed unpaid, then it has no chat to show', async () => {
    renderDetail(aBookingRecord(asha, zoyaViewer, { startsAt: '2026-11-25T03:30:00.000Z', status: 'expired', payment: null, settlement: null }), { renderChat: stubChat });

    expect(await screen.findByRole('heading', { level: 1, name: /^MC-20261125-/ })).toBeInTheDocument();
    expect(screen.queryByTestId('stub-chat')).not.toBeInTheDocument();
  });
});
