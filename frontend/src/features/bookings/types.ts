import type { ReactNode } from 'react';
import { z } from 'zod';

/** Response shapes of the bookings API. Request schemas live next to the call that sends them. */

export const bookingStatuses = [
  'pending_payment',
  'confirmed',
  'in_progress',
  'completed',
  'cancelled',
  'no_show_mentor',
  'no_show_student',
  'expired',
] as const;
export type BookingStatus = (typeof bookingStatuses)[number];

export const refundStatuses = ['requested', 'pending', 'processed', 'failed'] as const;
export type RefundStatus = (typeof refundStatuses)[number];

export const settlementStatuses = ['held', 'released', 'refunded', 'partially_refunded', 'disputed'] as const;
export type SettlementStatus = (typeof settlementStatuses)[number];

/** Where the student's money stands: held by us (escrow), released to the mentor, or (partly) refunded. */
export const settlementSchema = z.object({
  status: z.enum(settlementStatuses),
  /** When held money goes to the mentor unless the student disputes; null until the session has been settled. */
  releaseAt: z.string().nullable(),
  releasedAt: z.string().nullable(),
  refundPaise: z.number().int(),
});

export type Settlement = z.infer<typeof settlementSchema>;

export const paymentStatuses = ['created', 'authorized', 'captured', 'failed', 'refunded', 'partially_refunded'] as const;

export const breakdownSchema = z.object({
  pricePaise: z.number().int(),
  commissionPaise: z.number().int(),
  gatewayFeePaise: z.number().int(),
  mentorSharePaise: z.number().int(),
});

export type Breakdown = z.infer<typeof breakdownSchema>;

export const bookingSchema = z.object({
  id: z.string(),
  /** MC-YYYYMMDD-XXXX */
  code: z.string(),
  kind: z.enum(['one_to_one', 'group']),
  status: z.enum(bookingStatuses),
  /** Null while the booking waits for payment. */
  settlement: settlementSchema.nullable(),
  viewerRole: z.enum(['student', 'mentor']),
  mentor: z.object({ id: z.string(), name: z.string(), slug: z.string(), avatarUrl: z.string().nullable(), timeZone: z.string() }),
  student: z.object({ id: z.string(), name: z.string() }),
  slot: z.object({ id: z.string(), title: z.string(), capacity: z.number().int() }).nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  durationMinutes: z.number().int(),
  topic: z.string(),
  agenda: z.string().nullable().transform((agenda) => agenda ?? ''),
  pricePaise: z.number().int(),
  /** Only for the mentor: students see the price alone. */
  breakdown: breakdownSchema.nullable().optional().transform((breakdown) => breakdown ?? null),
  holdExpiresAt: z.string().nullable(),
  rescheduleCount: z.number().int(),
  previousStartsAt: z.string().nullable(),
  /**
   * The earliest start the booking has ever had (ISO instant). A student's refund tier is measured from
   * it, so moving a session never increases the refund; equal to `startsAt` until a reschedule.
   */
  refundMeasuredFrom: z.string(),
  cancellation: z.object({ by: z.enum(['student', 'mentor', 'system']), reason: z.string().nullable(), at: z.string() }).nullable(),
  refund: z
    .object({ amountPaise: z.number().int(), percent: z.number(), status: z.enum(refundStatuses), processedAt: z.string().nullable() })
    .nullable(),
  payment: z.object({ id: z.string(), status: z.enum(paymentStatuses), amountPaise: z.number().int() }).nullable(),
  /** The call's join window: 10 minutes before the start to 15 minutes after the end. */
  meeting: z.object({ opensAt: z.string(), closesAt: z.string() }),
  /** What the viewer may do now; the server decides, the UI only offers it. */
  actions: z.object({
    pay: z.boolean(),
    cancel: z.boolean(),
    reschedule: z.boolean(),
    join: z.boolean(),
    /** The student may release the held payment early by confirming a completed session went well. */
    confirmCompletion: z.boolean(),
    /** The student may report a problem with a completed session while its payment is held, until `settlement.releaseAt`. */
    dispute: z.boolean(),
  }),
  createdAt: z.string(),
});

export type Booking = z.infer<typeof bookingSchema>;

export const checkoutSchema = z.object({
  provider: z.enum(['sandbox', 'razorpay']),
  keyId: z.string(),
  orderId: z.string(),
  amountPaise: z.number().int(),
  currency: z.string(),
  name: z.string(),
  description: z.string(),
  prefill: z.object({ name: z.string().optional(), email: z.string().optional() }).partial(),
});

export type Checkout = z.infer<typeof checkoutSchema>;

export const bookingWithCheckoutSchema = z.object({ booking: bookingSchema, checkout: checkoutSchema });
export type BookingWithCheckout = z.infer<typeof bookingWithCheckoutSchema>;

export const bookingListSchema = z.object({
  items: z.array(bookingSchema),
  page: z.number().int(),
  limit: z.number().int(),
  total: z.number().int(),
});

export type BookingList = z.infer<typeof bookingListSchema>;

export const cancellationQuoteSchema = z.object({
  refundPaise: z.number().int(),
  percent: z.number(),
  /** The policy applied, as a sentence for people. */
  reason: z.string(),
});

export type CancellationQuote = z.infer<typeof cancellationQuoteSchema>;

/**
 * What the checkout page is about to book, put together by the app from the mentor's public profile
 * (and, for a slot, the mentor's public availability).
 */
export interface CheckoutItem {
  mentor: { slug: string; name: string; avatarUrl: string | null; headline?: string | undefined };
  startsAt: string;
  endsAt: string;
  durationMinutes: number;
  pricePaise: number;
  /** A specific-date slot; null for a regular 1-to-1 time. */
  slot: { id: string; title: string; group: boolean; seatsLeft: number } | null;
}

/**
 * The way into a booking's call, which the sessions feature draws; the app hands it in, since features
 * don't import each other. `compact` for a list's card.
 */
export type RenderJoin = (booking: Booking, options: { compact: boolean }) => ReactNode;

/** The mentor's notes on a past session, drawn by the sessions feature. */
export type RenderSessionNotes = (booking: Booking) => ReactNode;

/**
 * A completed session's dispute, drawn by the disputes feature: the student's way to report a problem while
 * the payment is held, and the case as it stands (under review, or decided) for the student and the mentor.
 */
export type RenderDispute = (booking: Booking) => ReactNode;

/**
 * A completed session's review, drawn by the reviews feature: the student's form while they may still write one,
 * the review as both people read it, and the mentor's one reply.
 */
export type RenderReview = (booking: Booking) => ReactNode;

/**
 * The booking's conversation, drawn by the chat feature: its pair's or its group session's messages, with a way to the
 * whole conversation in Messages.
 */
export type RenderChat = (booking: Booking) => ReactNode;
