import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useParams } from 'react-router-dom';
import { afterEach, describe, expect, it } from 'vitest';
import { startEachTestAt } from '@/testing/clock';
import { problem, testUser, type Routes } from '@/testing/fake-backend';
import { aBookingRecord, fakeBookingsBackend, sandboxSignature, testMentor, type FakeBookingRecord } from '@/testing/fake-bookings';
import { renderWithBookings, viewerOf } from '@/testing/render-with-bookings';
import type { CheckoutItem } from '../types';
import type { RazorpayOptions } from '../utils/razorpay';
import { BookingConfirmedPage } from './booking-confirmed-page';
import { CheckoutPage } from './checkout-page';

// Now is Tuesday 10 November 2026, 11:30 in Kolkata. Zoya books Asha for Wednesday 25 November,
// 09:00–10:00 Kolkata (03:30Z), 60 minutes for ₹2,500.
const student = testUser();
const viewer = viewerOf(student);
const asha = testMentor();
const STARTS_AT = '2026-11-25T03:30:00.000Z';

const oneToOne: CheckoutItem = {
  mentor: { slug: asha.slug, name: asha.name, avatarUrl: null, headline: 'Staff engineer · system design' },
  startsAt: STARTS_AT,
  endsAt: '2026-11-25T04:30:00.000Z',
  durationMinutes: 60,
  pricePaise: 2_500_00,
  slot: null,
};

function ConfirmedRoute() {
  const { id = '' } = useParams();
  return <BookingConfirmedPage id={id} timeZone="Asia/Kolkata" />;
}

function renderCheckout({
  item = oneToOne,
  bookings = [],
  provider = 'sandbox',
  override = {},
}: { item?: CheckoutItem; bookings?: FakeBookingRecord[]; provider?: 'sandbox' | 'razorpay'; override?: Routes } = {}) {
  return renderWithBookings(
    [
      { path: '/book/:slug', element: <CheckoutPage state={{ status: 'ready', item }} timeZone="Asia/Kolkata" mentorHref="/mentors/asha-rao" /> },
      { path: '/bookings/:id/confirmed', element: <ConfirmedRoute /> },
      { path: '/mentors/:slug', element: <p>Asha’s page</p> },
    ],
    {
      user: student,
      mentors: [asha],
      bookings,
      provider,
      slots: [
        { id: 'slot-ama', mentorSlug: asha.slug, kind: 'group', title: 'System design AMA', startsAt: '2026-11-27T10:30:00.000Z', durationMinutes: 60, capacity: 8, seatsTaken: 3, pricePaise: 499_00 },
      ],
      routes: override,
      initialPath: `/book/asha-rao?start=${STARTS_AT}&duration=60`,
    },
  );
}

async function fillAndSubmit(ui: ReturnType<typeof userEvent.setup>, topic = 'Mock system design interview', agenda = 'Design a URL shortener') {
  await ui.type(await screen.findByRole('textbox', { name: /Topic/ }), topic);
  if (agenda) await ui.type(screen.getByRole('textbox', { name: /Agenda/ }), agenda);
  await ui.click(screen.getByRole('button', { name: 'Pay ₹2,500' }));
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('checkout', { timeout: 30_000 }, () => {
  startEachTestAt();

  afterEach(() => {
    delete window.Razorpay;
  });

  it('when the page opens, then it shows the mentor, the time on the viewer’s clock, the length and the price with fees included', async () => {
    renderCheckout();

    const summary = await screen.findByRole('region', { name: 'Your session' });
    expect(within(summary).getByTestId('checkout-mentor')).toHaveTextContent('Asha Rao');
    expect(within(summary).getByTestId('checkout-date')).toHaveTextContent('Wednesday, 25 November 2026');
    expect(within(summary).getByTestId('checkout-time')).toHaveTextContent('09:00–10:00');
    expect(within(summary).getByText(/Your time, Asia\/Kolkata · 60 minutes/)).toBeInTheDocument();
    expect(within(summary).getByTestId('checkout-price')).toHaveTextContent('₹2,500');
    expect(within(summary).getByText('Includes all fees')).toBeInTheDocument();
    // Students see the price alone.
    expect(screen.queryByText(/Commission/)).not.toBeInTheDocument();
  });

  it('when the topic is too short or the agenda too long, then the fields say so and nothing is booked', async () => {
    const { backend } = renderCheckout();
    const ui = userEvent.setup();
    await screen.findByRole('textbox', { name: /Topic/ });

    await ui.type(screen.getByRole('textbox', { name: /Topic/ }), 'DS');
    // Typing 2001 characters one by one is slow; paste does the same through the input's events.
    await ui.click(screen.getByRole('textbox', { name: /Agenda/ }));
    await ui.paste('x'.repeat(2001));
    await ui.click(screen.getByRole('button', { name: 'Pay ₹2,500' }));

    expect(await screen.findByText('Say what the session is about (at least 3 characters)')).toBeInTheDocument();
    expect(screen.getByText('Keep the agenda under 2000 characters')).toBeInTheDocument();
    expect(backend.sent('POST /api/bookings')).toHaveLength(0);
  });

  it('when the student pays in the sandbox checkout, then the booking is created with a key, paid, verified with the gateway’s three fields, and the confirmation shows', async () => {
    const { backend, router } = renderCheckout();
    const ui = userEvent.setup();

    await fillAndSubmit(ui);

    const [create] = backend.sent('POST /api/bookings');
    expect(create?.body).toEqual({ mentorSlug: 'asha-rao', startsAt: STARTS_AT, durationMinutes: 60, topic: 'Mock system design interview', agenda: 'Design a URL shortener' });
    expect(create?.headers.get('Idempotency-Key')).toMatch(uuid);

    const checkout = await screen.findByRole('dialog', { name: 'Mentor Connect' });
    expect(within(checkout).getByTestId('checkout-amount')).toHaveTextContent('₹2,500');
    expect(within(checkout).getByText(/^Order order_/)).toBeInTheDocument();
    await ui.click(within(checkout).getByRole('radio', { name: 'UPI' }));
    await ui.click(within(checkout).getByRole('button', { name: 'Pay ₹2,500' }));

    expect(await screen.findByRole('heading', { name: 'Your session is booked' })).toBeInTheDocument();
    const [pay] = backend.sent('POST /sandbox/razorpay/v1/checkout/pay');
    expect(pay?.body).toMatchObject({ key_id: 'rzp_test_sandbox', outcome: 'success', method: 'upi' });
    expect(pay?.headers.get('Authorization')).toBeNull();
    const orderId = (pay?.body as { order_id: string }).order_id;
    const [verify] = backend.sent('POST /api/payments/verify');
    const fields = verify?.body as Record<string, string>;
    expect(Object.keys(fields).sort()).toEqual(['razorpay_order_id', 'razorpay_payment_id', 'razorpay_signature']);
    expect(fields.razorpay_order_id).toBe(orderId);
    expect(fields.razorpay_signature).toBe(sandboxSignature(orderId, fields.razorpay_payment_id!));

    expect(router.state.location.pathname).toMatch(/^\/bookings\/[^/]+\/confirmed$/);
    const summary = screen.getByRole('region', { name: 'Booking summary' });
    expect(within(summary).getByTestId('booking-code')).toHaveTextContent(/^MC-20261125-[0-9A-Z]{4}$/);
    expect(within(summary).getByTestId('booking-time')).toHaveTextContent('Wed, 25 Nov, 2026 · 09:00–10:00');
    expect(within(summary).getByTestId('booking-amount')).toHaveTextContent('₹2,500');
    expect(within(summary).getByText('Confirmed')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'My bookings' })).toHaveAttribute('href', '/bookings');
  });

  it('when the payment fails and the student cancels the booking, then the held time is released and nothing is charged', async () => {
    const { backend, fake } = renderCheckout();
    const ui = userEvent.setup();
    await fillAndSubmit(ui);

    const checkout = await screen.findByRole('dialog', { name: 'Mentor Connect' });
    await ui.click(within(checkout).getByRole('button', { name: 'Simulate failure' }));

    expect(await within(checkout).findByRole('heading', { name: 'Payment failed' })).toBeInTheDocument();
    expect(within(checkout).getByRole('button', { name: 'Retry' })).toBeEnabled();
    await ui.click(within(checkout).getByRole('button', { name: 'Cancel booking' }));

    expect(await screen.findByRole('heading', { name: 'The time was released' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Pick another time' })).toHaveAttribute('href', '/mentors/asha-rao');
    const [cancel] = backend.sent(`POST /api/bookings/${fake.records[0]!.id}/cancel`);
    expect(cancel?.headers.get('Idempotency-Key')).toMatch(uuid);
    expect(fake.records[0]).toMatchObject({ status: 'cancelled', refund: null });
    expect(backend.sent('POST /api/payments/verify')).toHaveLength(0);
  });

  it('when the payment fails and the student retries, then the method list is back and a second payment goes through', async () => {
    const { backend } = renderCheckout();
    const ui = userEvent.setup();
    await fillAndSubmit(ui);
    const checkout = await screen.findByRole('dialog', { name: 'Mentor Connect' });
    await ui.click(within(checkout).getByRole('button', { name: 'Simulate failure' }));
    await ui.click(await within(checkout).findByRole('button', { name: 'Retry' }));

    await ui.click(await within(checkout).findByRole('button', { name: 'Pay ₹2,500' }));

    expect(await screen.findByRole('heading', { name: 'Your session is booked' })).toBeInTheDocument();
    expect(backend.sent('POST /sandbox/razorpay/v1/checkout/pay').map((request) => (request.body as { outcome: string }).outcome)).toEqual(['failure', 'success']);
    expect(backend.sent('POST /api/bookings')).toHaveLength(1);
  });

  it('when the checkout is closed and the hold kept, then the page shows the hold with its countdown and Pay reopens the checkout', async () => {
    const { backend } = renderCheckout();
    const ui = userEvent.setup();
    await fillAndSubmit(ui);
    const checkout = await screen.findByRole('dialog', { name: 'Mentor Connect' });

    await ui.click(within(checkout).getByRole('button', { name: 'Close checkout' }));

    expect(await within(checkout).findByRole('heading', { name: 'Leave without paying?' })).toBeInTheDocument();
    // The hold is 15 minutes from booking (the clock is frozen): 15:00 left, until 11:45 Kolkata.
    expect(within(checkout).getByTestId('hold-countdown')).toHaveTextContent('15:00');
    expect(within(checkout).getByText(/until 11:45/)).toBeInTheDocument();
    await ui.click(within(checkout).getByRole('button', { name: 'Keep the hold' }));

    const hold = await screen.findByRole('region', { name: 'Waiting for payment' });
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(within(hold).getByTestId('hold-countdown')).toHaveTextContent('15:00');
    expect(backend.requests.filter((request) => request.path.endsWith('/cancel'))).toHaveLength(0);

    await ui.click(within(hold).getByRole('button', { name: 'Pay ₹2,500' }));
    expect(await screen.findByRole('dialog', { name: 'Mentor Connect' })).toBeInTheDocument();
    expect(backend.sent('POST /api/bookings')).toHaveLength(1);
  });

  it('when the checkout is closed and the time released, then the booking is cancelled', async () => {
    const { fake } = renderCheckout();
    const ui = userEvent.setup();
    await fillAndSubmit(ui);
    const checkout = await screen.findByRole('dialog', { name: 'Mentor Connect' });

    await ui.click(within(checkout).getByRole('button', { name: 'Close checkout' }));
    await ui.click(await within(checkout).findByRole('button', { name: 'Release the time' }));

    expect(await screen.findByRole('heading', { name: 'The time was released' })).toBeInTheDocument();
    expect(fake.records[0]?.status).toBe('cancelled');
  });

  it('when someone else took the time meanwhile, then the student is told to pick another, with the way back', async () => {
    const other = { id: 'f3c2a1b0-0000-4000-8000-000000000099', name: 'Kabir Singh', email: 'kabir@example.com' };
    renderCheckout({ bookings: [aBookingRecord(asha, other, { startsAt: STARTS_AT })] });
    const ui = userEvent.setup();

    await fillAndSubmit(ui);

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('This time was just taken — pick another')).toBeInTheDocument();
    expect(within(alert).getByRole('link', { name: 'Back to Asha Rao’s times' })).toHaveAttribute('href', '/mentors/asha-rao');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('when the server rejects a field, then its message shows on that field', async () => {
    renderCheckout({
      override: {
        'POST /api/bookings': () => ({
          status: 422,
          body: problem(422, 'validation_failed', 'The request is invalid', [{ path: 'topic', message: 'Topic must not contain contact details' }]),
        }),
      },
    });
    const ui = userEvent.setup();

    await fillAndSubmit(ui, 'Call me on 98765 43210');

    expect(await screen.findByText('Topic must not contain contact details')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: /Topic/ })).toHaveAttribute('aria-invalid', 'true');
  });

  it('when an attempt gets no answer, then the retry sends the same Idempotency-Key, and changed details get a new one', async () => {
    let dropped = 2;
    const fake = fakeBookingsBackend({ viewer, mentors: [asha] });
    const { backend } = renderCheckout({
      override: {
        'POST /api/bookings': (request, params) => {
          if (dropped > 0) {
            dropped -= 1;
            throw new TypeError('Failed to fetch');
          }
          return fake.routes['POST /api/bookings']!(request, params);
        },
      },
    });
    const ui = userEvent.setup();

    await fillAndSubmit(ui);
    expect(await screen.findByText('Could not reach the server. Check your connection and try again.')).toBeInTheDocument();
    await ui.click(screen.getByRole('button', { name: 'Pay ₹2,500' }));
    await waitFor(() => expect(backend.sent('POST /api/bookings')).toHaveLength(2));

    await ui.type(screen.getByRole('textbox', { name: /Topic/ }), ' (round 2)');
    await ui.click(screen.getByRole('button', { name: 'Pay ₹2,500' }));

    expect(await screen.findByRole('dialog', { name: 'Mentor Connect' })).toBeInTheDocument();
    const keys = backend.sent('POST /api/bookings').map((request) => request.headers.get('Idempotency-Key'));
    expect(keys).toHaveLength(3);
    expect(keys[0]).toMatch(uuid);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).toMatch(uuid);
    expect(keys[2]).not.toBe(keys[0]);
  });

  it('when the booked thing is a group slot, then the request names the slot and the summary its title', async () => {
    const { backend } = renderCheckout({
      item: {
        ...oneToOne,
        startsAt: '2026-11-27T10:30:00.000Z',
        endsAt: '2026-11-27T11:30:00.000Z',
        pricePaise: 499_00,
        slot: { id: 'slot-ama', title: 'System design AMA', group: true, seatsLeft: 5 },
      },
    });
    const ui = userEvent.setup();

    expect(await screen.findByText('System design AMA')).toBeInTheDocument();
    expect(screen.getByText(/5 seats left/)).toBeInTheDocument();
    await ui.type(screen.getByRole('textbox', { name: /Topic/ }), 'Scaling reads');
    await ui.click(screen.getByRole('button', { name: 'Pay ₹499' }));

    expect(await screen.findByRole('dialog', { name: 'Mentor Connect' })).toBeInTheDocument();
    expect(backend.sent('POST /api/bookings')[0]?.body).toEqual({ slotId: 'slot-ama', topic: 'Scaling reads', agenda: '' });
  });

  it('when the gateway is Razorpay, then its checkout opens with the order, a successful payment is verified, and dismissing asks about the hold', async () => {
    const opened: RazorpayOptions[] = [];
    window.Razorpay = class {
      constructor(readonly options: RazorpayOptions) {
        opened.push(options);
      }
      open() {}
      close() {}
      on() {}
    };
    const { backend } = renderCheckout({ provider: 'razorpay' });
    const ui = userEvent.setup();
    await fillAndSubmit(ui);

    await waitFor(() => expect(opened).toHaveLength(1));
    const options = opened[0]!;
    expect(options).toMatchObject({ key: 'rzp_test_real', amount: 2_500_00, currency: 'INR', name: 'Mentor Connect', prefill: { name: 'Zoya Khan', email: 'zoya@example.com' } });
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();

    options.modal?.ondismiss?.();
    expect(await screen.findByRole('heading', { name: 'Leave without paying?' })).toBeInTheDocument();
    await ui.click(screen.getByRole('button', { name: 'Back to payment' }));
    await waitFor(() => expect(opened).toHaveLength(2));

    const again = opened[1]!;
    again.handler({ razorpay_order_id: again.order_id, razorpay_payment_id: 'pay_real1', razorpay_signature: sandboxSignature(again.order_id, 'pay_real1') });

    expect(await screen.findByRole('heading', { name: 'Your session is booked' })).toBeInTheDocument();
    expect(backend.sent('POST /api/payments/verify')[0]?.body).toEqual({
      razorpay_order_id: again.order_id,
      razorpay_payment_id: 'pay_real1',
      razorpay_signature: sandboxSignature(again.order_id, 'pay_real1'),
    });
    expect(backend.sent('POST /sandbox/razorpay/v1/checkout/pay')).toHaveLength(0);
  });

  it('when the verification is refused, then the payment is shown as not confirmed', async () => {
    renderCheckout({ override: { 'POST /api/payments/verify': () => ({ status: 400, body: problem(400, 'signature_invalid', 'Bad signature') }) } });
    const ui = userEvent.setup();
    await fillAndSubmit(ui);
    const checkout = await screen.findByRole('dialog', { name: 'Mentor Connect' });

    await ui.click(within(checkout).getByRole('button', { name: 'Pay ₹2,500' }));

    expect(await within(checkout).findByRole('heading', { name: 'Payment not confirmed' })).toBeInTheDocument();
    expect(within(checkout).getByText(/could not be verified/)).toBeInTheDocument();
  });
});
