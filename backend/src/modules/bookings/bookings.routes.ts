import express, { type Request, type Response } from 'express';
import { AppError } from '../../lib/errors.js';
import { endpoint } from '../../lib/http.js';
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
import { bookingIcs, cancelBooking, createBooking, getBooking, getCancellationQuote, listBookings, rescheduleBooking, resumeCheckout, type CreateBookingInput } from './bookings.service.js';
import type { BookingContext } from './context.js';
import { withIdempotency, type StoredResponse } from './idempotency.js';
import { getInvoice, listPayments, recordWebhookEvent, verifyPayment } from './payments.service.js';

const idempotencyKey = (req: Request) => req.header('Idempotency-Key') ?? undefined;

function send(res: Response, stored: StoredResponse): void {
  if (stored.status >= 400) res.status(stored.status).type('application/problem+json').send(JSON.stringify(stored.body));
  else res.status(stored.status).json(stored.body);
}

/** Runs a mutation under the request's Idempotency-Key (if any) and sends its stored or fresh answer. */
async function idempotent(ctx: BookingContext, req: Request, res: Response, input: { userId: string; scope: string; status: number }, run: () => Promise<unknown>) {
  const stored = await withIdempotency(ctx.db, { userId: input.userId, scope: input.scope, key: idempotencyKey(req), body: req.body }, async () => ({
    status: input.status,
    body: await run(),
  }));
  send(res, stored);
}

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
        await idempotent(ctx, req, res, { userId: auth.userId, scope: 'bookings.create', status: 201 }, () => createBooking(ctx, auth.userId, input));
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
        await idempotent(ctx, req, res, { userId: auth.userId, scope: `bookings.cancel:${params.id}`, status: 200 }, () => cancelBooking(ctx, auth.userId, params.id, body.reason ?? null));
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

export function paymentsEndpoints(ctx: BookingContext) {
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
        await idempotent(ctx, req, res, { userId: auth.userId, scope: 'payments.verify', status: 200 }, () => verifyPayment(ctx, auth.userId, body));
      },
    }),
    endpoint({
      method: 'post',
      path: '/api/payments/webhook',
      summary: 'Gateway webhooks (signed with X-Razorpay-Signature over the raw body)',
      tag: 'payments',
      access: 'public',
      // The signature covers the exact bytes received, so this route reads the raw body, never re-serialised JSON.
      before: [express.raw({ type: () => true, limit: '1mb' })],
      responses: { 200: { description: 'Accepted (or a repeat)' }, 400: { description: 'Bad signature or body', schema: problemSchema } },
      handler: async ({ req, res }) => {
        const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        const signature = req.header('X-Razorpay-Signature') ?? '';
        if (!ctx.gateway.verifyWebhookSignature(raw, signature)) throw new AppError('signature_invalid', 'The webhook signature does not match', 400);
        let payload: Record<string, unknown>;
        try {
          payload = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
        } catch {
          throw new AppError('malformed_json', 'The webhook body is not JSON', 400);
        }
        const eventId = req.header('x-razorpay-event-id') ?? '';
        if (!/^[\w.-]{1,100}$/.test(eventId)) throw new AppError('missing_event_id', 'The x-razorpay-event-id header is missing', 400);
        const fresh = await recordWebhookEvent(ctx.db, eventId, payload);
        res.status(200).json({ received: true, duplicate: !fresh });
        if (fresh) ctx.onWork?.();
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

