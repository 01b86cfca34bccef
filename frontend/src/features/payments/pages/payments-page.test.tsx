import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useParams } from 'react-router-dom';
import { describe, expect, it, vi } from 'vitest';
import { startEachTestAt } from '@/testing/clock';
import { problem, testUser, type Routes } from '@/testing/fake-backend';
import { aBookingRecord, fakeBookingsBackend, testMentor, type FakeBookingRecord } from '@/testing/fake-bookings';
import { renderWithBookings, viewerOf } from '@/testing/render-with-bookings';
import { InvoicePage } from './invoice-page';
import { PaymentsPage } from './payments-page';

// Now is Tuesday 10 November 2026, 11:30 in Kolkata.
const zoya = testUser();
const zoyaViewer = viewerOf(zoya);
const asha = testMentor();

function history(): FakeBookingRecord[] {
  return [
    // Paid on 4 November (evening in Kolkata) for the 25 November session.
    aBookingRecord(asha, zoyaViewer, {
      startsAt: '2026-11-25T03:30:00.000Z',
      topic: 'System design mock',
      createdAt: '2026-11-04T14:00:00.000Z',
      payment: { id: 'pay-rec-1', status: 'captured', amountPaise: 2_500_00, gatewayPaymentId: 'pay_Nx81', createdAt: '2026-11-04T14:00:00.000Z', capturedAt: '2026-11-04T14:00:05.000Z' },
    }),
    // Paid on 1 November, cancelled 20 hours ahead: half refunded.
    aBookingRecord(asha, zoyaViewer, {
      startsAt: '2026-11-11T02:00:00.000Z',
      status: 'cancelled',
      settlement: { status: 'partially_refunded', releaseAt: null, releasedAt: '2026-11-10T06:00:00.000Z', refundPaise: 1_250_00 },
      cancellation: { by: 'student', reason: null, at: '2026-11-10T06:00:00.000Z' },
      refund: { amountPaise: 1_250_00, percent: 50, status: 'processed', processedAt: '2026-11-10T07:00:00.000Z' },
      payment: { id: 'pay-rec-2', status: 'partially_refunded', amountPaise: 2_500_00, gatewayPaymentId: 'pay_Mk02', createdAt: '2026-11-01T10:00:00.000Z', capturedAt: '2026-11-01T10:00:03.000Z' },
    }),
  ];
}

function InvoiceRoute() {
  const { id = '' } = useParams();
  return <InvoicePage paymentId={id} timeZone="Asia/Kolkata" />;
}

function renderPayments({ bookings = history(), override = {}, initialPath = '/payments' }: { bookings?: FakeBookingRecord[]; override?: Routes; initialPath?: string } = {}) {
  return renderWithBookings(
    [
      { path: '/payments', element: <PaymentsPage timeZone="Asia/Kolkata" /> },
      { path: '/payments/:id/invoice', element: <InvoiceRoute /> },
      { path: '/bookings/:id', element: <p>Booking page</p> },
    ],
    { user: zoya, mentors: [asha], bookings, routes: override, initialPath },
  );
}

describe('payments', { timeout: 30_000 }, () => {
  startEachTestAt();

  it('when a student opens their payments, then each shows its date, booking, mentor, amount, status and refund, with an invoice link', async () => {
    const { fake } = renderPayments();

    const list = await screen.findByRole('list', { name: 'Payments' });
    const [latest, older] = within(list).getAllByRole('listitem');
    expect(within(latest!).getByTestId('payment-date')).toHaveTextContent('Wed, 4 Nov, 2026');
    expect(within(latest!).getByRole('link', { name: fake.records[0]!.code })).toHaveAttribute('href', `/bookings/${fake.records[0]!.id}`);
    expect(within(latest!).getByText('with Asha Rao')).toBeInTheDocument();
    expect(within(latest!).getByTestId('payment-amount')).toHaveTextContent('₹2,500');
    expect(within(latest!).getByText('Paid')).toBeInTheDocument();
    expect(within(latest!).queryByTestId('payment-refunded')).not.toBeInTheDocument();
    expect(within(latest!).getByRole('link', { name: `Invoice for ${fake.records[0]!.code}` })).toHaveAttribute('href', '/payments/pay-rec-1/invoice');

    expect(within(older!).getByText('Partly refunded')).toBeInTheDocument();
    expect(within(older!).getByTestId('payment-refunded')).toHaveTextContent('Refunded ₹1,250 · Processed');
  });

  it('when the invoice is opened, then it shows number, date, who was billed, the session, the lines, the total and the refund, and Print prints', async () => {
    const print = vi.fn();
    vi.stubGlobal('print', print);
    const { fake } = renderPayments();
    const ui = userEvent.setup();

    const list = await screen.findByRole('list', { name: 'Payments' });
    await ui.click(within(list).getByRole('link', { name: `Invoice for ${fake.records[1]!.code}` }));

    const invoice = await screen.findByRole('article', { name: /^Invoice INV-2026-\d{6}$/ });
    expect(within(invoice).getByTestId('invoice-number')).toHaveTextContent(/^INV-2026-\d{6}$/);
    expect(within(invoice).getByTestId('invoice-date')).toHaveTextContent('Issued Sunday, 1 November 2026');
    expect(within(invoice).getByTestId('invoice-billed-to')).toHaveTextContent('Zoya Khan');
    expect(within(invoice).getByText('zoya@example.com')).toBeInTheDocument();
    expect(within(invoice).getByText(/1-to-1 session with Asha Rao/)).toBeInTheDocument();
    expect(within(invoice).getByTestId('invoice-session-time')).toHaveTextContent('Wed, 11 Nov, 2026 · 07:30–08:30 (Asia/Kolkata)');
    const lines = within(invoice).getByRole('table', { name: 'Invoice lines' });
    expect(within(lines).getByRole('row', { name: '60-minute mentoring session ₹2,500' })).toBeInTheDocument();
    expect(within(invoice).getByTestId('invoice-total')).toHaveTextContent('₹2,500');
    const refunds = within(invoice).getByRole('region', { name: 'Refunds' });
    expect(within(refunds).getByText('− ₹1,250')).toBeInTheDocument();
    expect(within(invoice).getByTestId('invoice-net')).toHaveTextContent('₹1,250');

    const printButton = screen.getByRole('button', { name: 'Print' });
    // Print CSS hides the app's header and this bar; the invoice is all that goes on paper.
    expect(printButton.closest('[data-print="hidden"]')).not.toBeNull();
    expect(invoice.closest('[data-print="hidden"]')).toBeNull();
    await ui.click(printButton);
    expect(print).toHaveBeenCalledTimes(1);
  });

  it('when the invoice is opened, then the net after refunds is the server’s figure, not one worked out on the page', async () => {
    const fake = fakeBookingsBackend({ viewer: zoyaViewer, mentors: [asha], bookings: history() });
    // A net the page could not get by subtracting what it shows: only the server's number can be on screen.
    const serverNetPaise = 1_249_99;
    renderPayments({
      initialPath: '/payments/pay-rec-2/invoice',
      override: {
        'GET /api/payments/:id/invoice': async (request, params) => {
          const reply = await fake.routes['GET /api/payments/:id/invoice']!(request, params);
          return { ...reply, body: { ...(reply.body as object), netPaise: serverNetPaise } };
        },
      },
    });

    const invoice = await screen.findByRole('article', { name: /^Invoice INV-2026-\d{6}$/ });
    expect(within(invoice).getByTestId('invoice-total')).toHaveTextContent('₹2,500');
    expect(within(within(invoice).getByRole('region', { name: 'Refunds' })).getByText('− ₹1,250')).toBeInTheDocument();
    expect(within(invoice).getByTestId('invoice-net')).toHaveTextContent('₹1,249.99');
  });

  it('when the student has paid for nothing yet, then an empty state points to the mentors', async () => {
    renderPayments({ bookings: [] });

    expect(await screen.findByRole('heading', { name: 'No payments yet' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Find a mentor' })).toHaveAttribute('href', '/mentors');
  });

  it('when the list fails to load, then an error with a retry shows, and the retry loads it', async () => {
    let failing = true;
    const fake = fakeBookingsBackend({ viewer: zoyaViewer, mentors: [asha], bookings: history() });
    renderPayments({
      override: {
        'GET /api/payments': (request, params) => (failing ? { status: 403, body: problem(403, 'forbidden', 'Not allowed right now') } : fake.routes['GET /api/payments']!(request, params)),
      },
    });
    const ui = userEvent.setup();

    expect(await screen.findByRole('heading', { name: "Couldn't load your payments" })).toBeInTheDocument();
    failing = false;
    await ui.click(screen.getByRole('button', { name: 'Try again' }));

    await waitFor(() => expect(screen.getByRole('list', { name: 'Payments' })).toBeInTheDocument());
  });

  it('when an invoice does not exist, then the page says so', async () => {
    renderPayments({ initialPath: '/payments/nope/invoice' });

    expect(await screen.findByRole('heading', { name: 'Invoice not found' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Print' })).toBeDisabled();
  });
});
