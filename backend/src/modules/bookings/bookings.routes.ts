import { endpoint } from '../../lib/http.js';
import { respondIdempotently } from '../../lib/idempotency.js';
import { idParams, paginationQuery } from '../../lib/pagination.js';
import { problemSchema } from '../../lib/problem.js';
import {
  bookingPageSchema,
  bookingSchema,
  bookingWithCheckoutSchema,
  cancelSchema,
  createBookingSchema,
  invoiceSchema,
  listBookingsQuery,
  paymentPageSchema,
  quoteSchema,
  rescheduleSchema,
  verifySchema,
} from './bookings.schemas.js';
import type { BookingContext } from './bookings.context.js';
import { getInvoice, listPayments } from './bookings.invoices.js';
import { getBooking, listBookings } from './bookings.queries.js';
import { bookingIcs, cancelBooking, confirmCompletion, createBooking, getCancellationQuote, rescheduleBooking, resumeCheckout, verifyBookingPayment, type CreateBookingInput } from './bookings.service.js';

const problems = {
  404: { description: 'Not a booking of yours', schema: problemSchema },
  409: { description: 'Not possible in the booking’s state (or the Idempotency-Key is in use)', schema: problemSchema },
  422: { description: 'Invalid input, naming the field', schema: problemSchema },
};

export function bookingsEndpoints(ctx: BookingContext) {
  return [
    endpoint({
      method: 'post',
      path: '/api/bookings',
      summary: 'Book a time or a seat: holds it while paying and opens checkout (accepts Idempotency-Key)',
      tag: 'bookings',
      access: 'user',
      body: createBookingSchema,
      responses: { 201: { description: 'Booking held, with checkout details', schema: bookingWithCheckoutSchema }, ...problems, 503: { description: 'Gateway unavailable', schema: problemSchema } },
      handler: async ({ req, res, auth, body }) => {
        const input: CreateBookingInput =
          body.slotId !== undefined
            ? { slotId: body.slotId, topic: body.topic, agenda: body.agenda }
            : { mentorSlug: body.mentorSlug!, startsAt: body.startsAt!, durationMinutes: body.durationMinutes!, topic: body.topic, agenda: body.agenda };
        await respondIdempotently(ctx.db, req, res, { userId: auth.userId, scope: 'bookings.create', status: 201 }, () => createBooking(ctx, auth.userId, input));
      },
    }),
    endpoint({
      method: 'get',
      path: '/api/bookings',
      summary: 'My bookings, as student or as mentor',
      tag: 'bookings',
      access: 'user',
      query: listBookingsQuery,
      responses: { 200: { description: 'A page of bookings', schema: bookingPageSchema }, 422: problems[422] },
      handler: async ({ res, auth, query }) => {
        res.json(await listBookings(ctx, auth.userId, query));
      },
    }),
    endpoint({
      method: 'get',
      path: '/api/bookings/:id',
      summary: 'One of my bookings',
      tag: 'bookings',
      access: 'user',
      params: idParams,
      responses: { 200: { description: 'Booking', schema: bookingSchema }, 404: problems[404] },
      handler: async ({ res, auth, params }) => {
        res.json(await getBooking(ctx, auth.userId, params.id));
      },
    }),
    endpoint({
      method: 'post',
      path: '/api/bookings/:id/checkout',
      summary: 'Open checkout again for a booking waiting for payment',
      tag: 'bookings',
      access: 'user',
      params: idParams,
      responses: { 200: { description: 'Checkout details', schema: bookingWithCheckoutSchema }, 404: problems[404], 409: problems[409] },
      handler: async ({ res, auth, params }) => {
        res.json(await resumeCheckout(ctx, auth.userId, params.id));
      },
    }),
    endpoint({
      method: 'get',
      path: '/api/bookings/:id/cancellation-quote',
      summary: 'What cancelling now would refund',
      tag: 'bookings',
      access: 'user',
      params: idParams,
      responses: { 200: { description: 'Refund quote', schema: quoteSchema }, 404: problems[404], 409: problems[409] },
      handler: async ({ res, auth, params }) => {
        res.json(await getCancellationQuote(ctx, auth.userId, params.id));
      },
    }),
    endpoint({
      method: 'post',
      path: '/api/bookings/:id/cancel',
      summary: 'Cancel a booking; refunds by the policy (accepts Idempotency-Key)',
      tag: 'bookings',
      access: 'user',
      params: idParams,
      body: cancelSchema,
      responses: { 200: { description: 'The cancelled booking', schema: bookingSchema }, ...problems },
      handler: async ({ req, res, auth, params, body }) => {
        await respondIdempotently(ctx.db, req, res, { userId: auth.userId, scope: `bookings.cancel:${params.id}`, status: 200 }, () => cancelBooking(ctx, auth.userId, params.id, body.reason ?? null));
      },
    }),
    endpoint({
      method: 'post',
      path: '/api/bookings/:id/confirm-completion',
      summary: 'The student confirms the session went well: the mentor is paid now instead of after the dispute window',
      tag: 'bookings',
      access: 'user',
      params: idParams,
      responses: { 200: { description: 'The booking, released', schema: bookingSchema }, ...problems },
      handler: async ({ res, auth, params }) => {
        await confirmCompletion(ctx, auth.userId, params.id);
        res.json(await getBooking(ctx, auth.userId, params.id));
      },
    }),
    endpoint({
      method: 'post',
      path: '/api/bookings/:id/reschedule',
      summary: 'Move a confirmed 1-to-1 booking once to another free time',
      tag: 'bookings',
      access: 'user',
      params: idParams,
      body: rescheduleSchema,
      responses: { 200: { description: 'The moved booking', schema: bookingSchema }, ...problems },
      handler: async ({ res, auth, params, body }) => {
        res.json(await rescheduleBooking(ctx, auth.userId, params.id, body.startsAt));
      },
    }),
    endpoint({
      method: 'get',
      path: '/api/bookings/:id/calendar.ics',
      summary: 'The booking as an iCalendar invite',
      tag: 'bookings',
      access: 'user',
      params: idParams,
      responses: { 200: { description: 'iCalendar file', contentType: 'text/calendar' }, 404: problems[404], 409: problems[409] },
      handler: async ({ res, auth, params }) => {
        const ics = await bookingIcs(ctx, auth.userId, params.id);
        res.type('text/calendar; charset=utf-8').attachment(ics.filename).send(ics.content);
      },
    }),
  ];
}

/** Checkout's answer and a student's payment history: what bookings show of their payments (the webhook is payments'). */
export function bookingPaymentsEndpoints(ctx: BookingContext) {
  return [
    endpoint({
      method: 'post',
      path: '/api/payments/verify',
      summary: 'Confirm a checkout: verifies the signature against the stored order (accepts Idempotency-Key)',
      tag: 'payments',
      access: 'user',
      body: verifySchema,
      responses: { 200: { description: 'The confirmed booking', schema: bookingSchema }, 400: { description: 'Signature does not match', schema: problemSchema }, 404: problems[404], 422: problems[422] },
      handler: async ({ req, res, auth, body }) => {
        await respondIdempotently(ctx.db, req, res, { userId: auth.userId, scope: 'payments.verify', status: 200 }, () => verifyBookingPayment(ctx, auth.userId, body));
      },
    }),
    endpoint({
      method: 'get',
      path: '/api/payments',
      summary: 'My payments (students)',
      tag: 'payments',
      access: 'user',
      query: paginationQuery(),
      responses: { 200: { description: 'A page of payments', schema: paymentPageSchema } },
      handler: async ({ res, auth, query }) => {
        res.json(await listPayments(ctx.db, auth.userId, query));
      },
    }),
    endpoint({
      method: 'get',
      path: '/api/payments/:id/invoice',
      summary: 'The invoice of one of my payments',
      tag: 'payments',
      access: 'user',
      params: idParams,
      responses: { 200: { description: 'Invoice', schema: invoiceSchema }, 404: problems[404] },
      handler: async ({ res, auth, params }) => {
        res.json(await getInvoice(ctx.db, auth.userId, params.id));
      },
    }),
  ];
}
