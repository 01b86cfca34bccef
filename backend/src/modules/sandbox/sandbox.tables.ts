import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The built-in Razorpay-compatible sandbox keeps its own state, apart from the product's tables — exactly as
 * a remote gateway would. Entities are stored as Razorpay would return them (`entity` JSON), with the few
 * columns needed to find and update them.
 */
export const sandboxOrders = pgTable('sandbox_orders', {
  id: text('id').primaryKey(),
  keyId: text('key_id').notNull(),
  amount: bigint('amount', { mode: 'number' }).notNull(),
  status: text('status').notNull(),
  // The order's `payment_capture`: its payments are captured as soon as they are authorized (Razorpay's default).
  autoCapture: boolean('auto_capture').notNull().default(true),
  entity: jsonb('entity').$type<Record<string, unknown>>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const sandboxPayments = pgTable(
  'sandbox_payments',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id').notNull(),
    status: text('status').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    amountRefunded: bigint('amount_refunded', { mode: 'number' }).notNull().default(0),
    entity: jsonb('entity').$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sandbox_payments_order_idx').on(t.orderId)],
);

export const sandboxRefunds = pgTable(
  'sandbox_refunds',
  {
    id: text('id').primaryKey(),
    paymentId: text('payment_id').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    status: text('status').notNull(),
    idempotencyKey: text('idempotency_key').unique(),
    entity: jsonb('entity').$type<Record<string, unknown>>().notNull(),
    processAfter: timestamp('process_after', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sandbox_refunds_payment_idx').on(t.paymentId), index('sandbox_refunds_due_idx').on(t.processAfter).where(sql`${t.status} = 'pending'`)],
);

/** Signed webhook deliveries waiting to be POSTed to the merchant's webhook URL, retried with backoff. */
export const sandboxWebhooks = pgTable(
  'sandbox_webhooks',
  {
    id: text('id').primaryKey(),
    eventId: text('event_id').notNull(),
    event: text('event').notNull(),
    body: text('body').notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sandbox_webhooks_due_idx').on(t.nextAttemptAt).where(sql`${t.deliveredAt} is null`)],
);
