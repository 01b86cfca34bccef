import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, jsonb, pgEnum, pgTable, pgView, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { bookings } from '../bookings/bookings.tables.js';
import { users } from '../users/users.tables.js';

export const paymentStatus = pgEnum('payment_status', ['created', 'authorized', 'captured', 'failed', 'refunded', 'partially_refunded']);

// The foreign keys to bookings and users are the database's integrity check only: payments' code knows a booking
// by its id, never its table.

/**
 * One gateway order per booking and what became of it. The order id is the one *we* stored when creating the
 * order — checkout signatures are verified against it, never against the id the browser sends back.
 */
export const payments = pgTable(
  'payments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    bookingId: uuid('booking_id')
      .notNull()
      .references(() => bookings.id),
    studentId: uuid('student_id')
      .notNull()
      .references(() => users.id),
    provider: text('provider').notNull(),
    gatewayOrderId: text('gateway_order_id').notNull().unique(),
    // The order was created with automatic capture: a verified checkout signature means the money is captured.
    // Orders from before automatic capture (false) are still captured by hand.
    autoCapture: boolean('auto_capture').notNull().default(false),
    gatewayPaymentId: text('gateway_payment_id').unique(),
    amountPaise: bigint('amount_paise', { mode: 'number' }).notNull(),
    refundedPaise: bigint('refunded_paise', { mode: 'number' }).notNull().default(0),
    status: paymentStatus('status').notNull().default('created'),
    method: text('method'),
    failureReason: text('failure_reason'),
    capturedAt: timestamp('captured_at', { withTimezone: true }),
    // When the reconciliation job next asks the gateway about this order, while it is unpaid.
    nextCheckAt: timestamp('next_check_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('payments_booking_key').on(t.bookingId),
    index('payments_student_created_idx').on(t.studentId, t.createdAt.desc()),
    // Reconciliation reads a period's payments.
    index('payments_created_idx').on(t.createdAt),
    index('payments_open_idx').on(t.nextCheckAt).where(sql`${t.status} in ('created', 'authorized', 'failed')`),
    check('payments_amount_positive', sql`${t.amountPaise} > 0`),
    check('payments_refund_within_amount', sql`${t.refundedPaise} between 0 and ${t.amountPaise}`),
  ],
);

export const refundStatus = pgEnum('refund_status', ['requested', 'pending', 'processed', 'failed']);

/**
 * A refund we decided on. `requested` until the gateway refund exists (created with this row's id as receipt
 * and idempotency key), then the gateway's `pending → processed | failed`. At most one refund per booking.
 */
export const refunds = pgTable(
  'refunds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    paymentId: uuid('payment_id')
      .notNull()
      .references(() => payments.id),
    bookingId: uuid('booking_id')
      .notNull()
      .references(() => bookings.id),
    amountPaise: bigint('amount_paise', { mode: 'number' }).notNull(),
    percent: smallint('percent').notNull(),
    reason: text('reason').notNull(),
    status: refundStatus('status').notNull().default('requested'),
    gatewayRefundId: text('gateway_refund_id').unique(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp('processed_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('refunds_booking_key').on(t.bookingId),
    index('refunds_due_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'requested'`),
    index('refunds_created_idx').on(t.createdAt),
    check('refunds_amount_positive', sql`${t.amountPaise} > 0`),
    check('refunds_percent_range', sql`${t.percent} between 1 and 100`),
  ],
);

export const webhookEventStatus = pgEnum('webhook_event_status', ['received', 'processed', 'ignored', 'failed']);

/** Every verified gateway webhook, keyed by `x-razorpay-event-id`: a repeat is recognised and ignored. */
export const webhookEvents = pgTable(
  'webhook_events',
  {
    eventId: text('event_id').primaryKey(),
    event: text('event').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    status: webhookEventStatus('status').notNull().default('received'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp('processed_at', { withTimezone: true }),
  },
  (t) => [index('webhook_events_due_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'received'`)],
);

/**
 * What the module that sold something may read of its payments and refunds in list queries (a booking page, a
 * student's payment history and invoices), joined in the same statement; never written but by payments (ADR 0006).
 */
export const paymentRecords = pgView('payment_records').as((qb) =>
  qb
    .select({
      id: payments.id,
      bookingId: payments.bookingId,
      studentId: payments.studentId,
      status: payments.status,
      amountPaise: payments.amountPaise,
      refundedPaise: payments.refundedPaise,
      gatewayPaymentId: payments.gatewayPaymentId,
      createdAt: payments.createdAt,
      capturedAt: payments.capturedAt,
    })
    .from(payments),
);

export const refundRecords = pgView('refund_records').as((qb) =>
  qb
    .select({
      id: refunds.id,
      paymentId: refunds.paymentId,
      bookingId: refunds.bookingId,
      amountPaise: refunds.amountPaise,
      percent: refunds.percent,
      status: refunds.status,
      processedAt: refunds.processedAt,
    })
    .from(refunds),
);
