import { z } from 'zod';

/** Response shapes of the payments API. */

export const paymentStatuses = ['created', 'authorized', 'captured', 'failed', 'refunded', 'partially_refunded'] as const;
export type PaymentStatus = (typeof paymentStatuses)[number];

export const refundSchema = z.object({
  amountPaise: z.number().int(),
  status: z.enum(['requested', 'pending', 'processed', 'failed']),
  processedAt: z.string().nullable(),
});

export type Refund = z.infer<typeof refundSchema>;

export const paymentSchema = z.object({
  id: z.string(),
  bookingId: z.string(),
  bookingCode: z.string(),
  mentorName: z.string(),
  startsAt: z.string(),
  amountPaise: z.number().int(),
  status: z.enum(paymentStatuses),
  refundedPaise: z.number().int(),
  /** What the student is out of pocket: paid − refunded, worked out by the server. */
  netPaise: z.number().int(),
  refunds: z.array(refundSchema),
  createdAt: z.string(),
  capturedAt: z.string().nullable(),
});

export type Payment = z.infer<typeof paymentSchema>;

export const paymentListSchema = z.object({
  items: z.array(paymentSchema),
  page: z.number().int(),
  limit: z.number().int(),
  total: z.number().int(),
});

export type PaymentList = z.infer<typeof paymentListSchema>;

export const invoiceSchema = z.object({
  number: z.string(),
  issuedAt: z.string(),
  paymentId: z.string(),
  gatewayPaymentId: z.string().nullable(),
  status: z.enum(paymentStatuses),
  billedTo: z.object({ name: z.string(), email: z.string() }),
  mentor: z.object({ name: z.string() }),
  booking: z.object({
    code: z.string(),
    startsAt: z.string(),
    endsAt: z.string(),
    durationMinutes: z.number().int(),
    topic: z.string(),
    kind: z.enum(['one_to_one', 'group']),
  }),
  lines: z.array(z.object({ label: z.string(), amountPaise: z.number().int() })),
  totalPaise: z.number().int(),
  refundedPaise: z.number().int(),
  /** Total paid − refunded, worked out by the server: the page shows it, never its own arithmetic. */
  netPaise: z.number().int(),
  refunds: z.array(refundSchema),
  seller: z.object({ name: z.string(), address: z.string(), gstin: z.string().nullable() }),
});

export type Invoice = z.infer<typeof invoiceSchema>;

/** Paid (in full or in part refunded): these have an invoice. */
export const invoicedStatuses: ReadonlySet<PaymentStatus> = new Set(['captured', 'refunded', 'partially_refunded']);

export const paymentStatusLabels: Record<PaymentStatus, string> = {
  created: 'Not paid',
  authorized: 'Authorised',
  captured: 'Paid',
  failed: 'Failed',
  refunded: 'Refunded',
  partially_refunded: 'Partly refunded',
};

export const paymentStatusColors: Record<PaymentStatus, string> = {
  created: 'gray',
  authorized: 'blue',
  captured: 'teal',
  failed: 'red',
  refunded: 'grape',
  partially_refunded: 'grape',
};

/** A refund still on its way through the gateway ("requested" is ours, not yet the gateway's) reads as pending. */
export const refundStatusLabels: Record<Refund['status'], string> = {
  requested: 'Pending',
  pending: 'Pending',
  processed: 'Processed',
  failed: 'Failed',
};
