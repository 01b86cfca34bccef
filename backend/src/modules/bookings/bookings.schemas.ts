import { z } from 'zod';
import { pageSchema, paginationQuery } from '../../lib/pagination.js';

const topic = z.string().trim().min(3, 'Say in a few words what the session is about (3–120 characters)').max(120, 'At most 120 characters');
const agenda = z.string().trim().max(2000, 'At most 2,000 characters').default('');
const instant = z.iso.datetime({ offset: true, message: 'Use an ISO-8601 date-time, e.g. 2026-12-01T09:30:00Z' }).transform((s) => new Date(s));

/** A time of a mentor (`mentorSlug`, `startsAt`, `durationMinutes`) or a seat in a published slot (`slotId`). */
export const createBookingSchema = z
  .strictObject({
    mentorSlug: z.string().min(1).max(120).optional(),
    startsAt: instant.optional(),
    durationMinutes: z.number('Must be a number of minutes').int().positive().optional(),
    slotId: z.uuid('Not a valid slot id').optional(),
    topic,
    agenda,
  })
  .superRefine((value, ctx) => {
    const timeFields = ['mentorSlug', 'startsAt', 'durationMinutes'] as const;
    for (const field of timeFields) {
      if (value.slotId === undefined && value[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: 'Required (or book a slot with slotId)' });
      if (value.slotId !== undefined && value[field] !== undefined) ctx.addIssue({ code: 'custom', path: [field], message: 'Not allowed together with slotId' });
    }
  })
  .meta({ id: 'CreateBooking' });

export const listBookingsQuery = paginationQuery().extend({
  role: z.enum(['student', 'mentor']).default('student'),
  status: z.enum(['upcoming', 'past', 'cancelled', 'all']).default('upcoming'),
});

export const cancelSchema = z.strictObject({ reason: z.string().trim().max(500, 'At most 500 characters').optional() });
export const rescheduleSchema = z.strictObject({ startsAt: instant });

const money = z.number().int();
export const bookingSchema = z
  .object({
    id: z.uuid(),
    code: z.string(),
    kind: z.enum(['one_to_one', 'group']),
    status: z.enum(['pending_payment', 'confirmed', 'in_progress', 'completed', 'cancelled', 'no_show_mentor', 'no_show_student', 'expired']),
    settlement: z
      .object({
        status: z.enum(['held', 'released', 'refunded', 'partially_refunded', 'disputed']),
        releaseAt: z.string().nullable().meta({ description: 'When held money of a completed session goes to the mentor unless the student disputes' }),
        releasedAt: z.string().nullable(),
        refundPaise: money,
      })
      .nullable()
      .meta({ description: 'Where the paid money is; null while waiting for payment' }),
    viewerRole: z.enum(['student', 'mentor']),
    mentor: z.object({ id: z.uuid(), name: z.string(), slug: z.string(), avatarUrl: z.string().nullable(), timeZone: z.string() }),
    student: z.object({ id: z.uuid(), name: z.string() }),
    slot: z.object({ id: z.uuid(), title: z.string(), capacity: z.number().int() }).nullable(),
    startsAt: z.string(),
    endsAt: z.string(),
    durationMinutes: z.number().int(),
    topic: z.string(),
    agenda: z.string(),
    pricePaise: money,
    breakdown: z.object({ pricePaise: money, commissionPaise: money, gatewayFeePaise: money, mentorSharePaise: money }).nullable(),
    holdExpiresAt: z.string().nullable(),
    rescheduleCount: z.number().int(),
    previousStartsAt: z.string().nullable(),
    refundMeasuredFrom: z.string().meta({ description: 'The earliest start the booking has had; a student’s refund tier is measured from it' }),
    meeting: z.object({ opensAt: z.string(), closesAt: z.string() }).meta({ description: 'The join window of the call' }),
    cancellation: z.object({ by: z.enum(['student', 'mentor', 'system']).nullable(), reason: z.string().nullable(), at: z.string() }).nullable(),
    refund: z.object({ amountPaise: money, percent: z.number().int(), status: z.enum(['requested', 'pending', 'processed', 'failed']), processedAt: z.string().nullable() }).nullable(),
    payment: z.object({ id: z.uuid(), status: z.string(), amountPaise: money }).nullable(),
    actions: z.object({ pay: z.boolean(), cancel: z.boolean(), reschedule: z.boolean(), join: z.boolean(), confirmCompletion: z.boolean(), dispute: z.boolean() }),
    createdAt: z.string(),
  })
  .meta({ id: 'Booking' });

export const checkoutSchema = z
  .object({
    provider: z.enum(['razorpay', 'sandbox']),
    keyId: z.string(),
    orderId: z.string(),
    amountPaise: money,
    currency: z.literal('INR'),
    name: z.string(),
    description: z.string(),
    prefill: z.object({ name: z.string(), email: z.string() }),
  })
  .meta({ id: 'Checkout' });

export const bookingWithCheckoutSchema = z.object({ booking: bookingSchema, checkout: checkoutSchema });
export const bookingPageSchema = pageSchema(bookingSchema);
export const quoteSchema = z.object({ refundPaise: money, percent: z.number().int(), reason: z.string() }).meta({ id: 'CancellationQuote' });

export const verifySchema = z.strictObject({
  razorpay_order_id: z.string().regex(/^order_\w{6,40}$/, 'Not a valid order id'),
  razorpay_payment_id: z.string().regex(/^pay_\w{6,40}$/, 'Not a valid payment id'),
  razorpay_signature: z.string().regex(/^[0-9a-f]{64}$/i, 'Not a valid signature'),
});

const refundLine = z.object({ amountPaise: money, status: z.enum(['requested', 'pending', 'processed', 'failed']), processedAt: z.string().nullable() });
export const paymentSchema = z
  .object({
    id: z.uuid(),
    bookingId: z.uuid(),
    bookingCode: z.string(),
    mentorName: z.string(),
    startsAt: z.string(),
    amountPaise: money,
    status: z.string(),
    refundedPaise: money,
    netPaise: money.meta({ description: 'What the student paid and kept paid: amount − refunded' }),
    refunds: z.array(refundLine),
    createdAt: z.string(),
    capturedAt: z.string().nullable(),
  })
  .meta({ id: 'Payment' });
export const paymentPageSchema = pageSchema(paymentSchema);
export const invoiceSchema = z
  .object({
    number: z.string(),
    issuedAt: z.string(),
    paymentId: z.uuid(),
    gatewayPaymentId: z.string().nullable(),
    status: z.string(),
    billedTo: z.object({ name: z.string(), email: z.string() }),
    mentor: z.object({ name: z.string(), slug: z.string() }),
    booking: z.object({ code: z.string(), startsAt: z.string(), endsAt: z.string(), durationMinutes: z.number().int(), topic: z.string(), kind: z.string() }),
    lines: z.array(z.object({ label: z.string(), amountPaise: money })),
    totalPaise: money,
    refundedPaise: money,
    netPaise: money.meta({ description: 'What the student paid and kept paid: total − refunded' }),
    refunds: z.array(refundLine),
    seller: z.object({ name: z.string(), address: z.string(), gstin: z.string().nullable() }),
  })
  .meta({ id: 'Invoice' });
