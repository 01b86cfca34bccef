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
    // Which of the merchant's endpoints it goes to: payment events or RazorpayX payout events.
    target: text('target').notNull().default('payments'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sandbox_webhooks_due_idx').on(t.nextAttemptAt).where(sql`${t.deliveredAt} is null`)],
);

// ---------------------------------------------------------------------------------------------------------
// RazorpayX: contacts, fund accounts and payouts (RAZORPAY.md "RazorpayX payouts")

export const sandboxContacts = pgTable('sandbox_contacts', {
  id: text('id').primaryKey(),
  referenceId: text('reference_id'),
  entity: jsonb('entity').$type<Record<string, unknown>>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Fund accounts can't be edited: identical details (`detailsKey`, a digest of contact and details) return the existing one. */
export const sandboxFundAccounts = pgTable(
  'sandbox_fund_accounts',
  {
    id: text('id').primaryKey(),
    contactId: text('contact_id').notNull(),
    detailsKey: text('details_key').notNull().unique(),
    entity: jsonb('entity').$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sandbox_fund_accounts_contact_idx').on(t.contactId)],
);

/**
 * Payouts, keyed also by their mandatory `X-Payout-Idempotency` (with a digest of the body it came with: the same
 * key with another body is refused). A payout moves on by itself after `processAfter`, to `forcedOutcome` if a
 * test or demo chose one, else to `processed`.
 */
export const sandboxPayouts = pgTable(
  'sandbox_payouts',
  {
    id: text('id').primaryKey(),
    fundAccountId: text('fund_account_id').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    status: text('status').notNull(),
    idempotencyKey: text('idempotency_key').notNull().unique(),
    requestHash: text('request_hash').notNull(),
    referenceId: text('reference_id'),
    forcedOutcome: text('forced_outcome'),
    entity: jsonb('entity').$type<Record<string, unknown>>().notNull(),
    processAfter: timestamp('process_after', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('sandbox_payouts_due_idx').on(t.processAfter).where(sql`${t.status} in ('queued', 'pending', 'processing')`),
    index('sandbox_payouts_created_idx').on(t.createdAt),
  ],
);
