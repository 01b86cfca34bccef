import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../users/users.tables.js';

export const payoutMethodType = pgEnum('payout_method_type', ['bank', 'upi']);

/**
 * Where a mentor's withdrawals go: one current method per mentor. The details are sealed (lib/secret-box, bound to
 * the mentor's id, `keyId` beside them so keys can rotate); only the masked form is kept in the clear. The RazorpayX
 * contact is made once per mentor; a fund account once per set of details (changing them clears it).
 */
export const payoutMethods = pgTable('payout_methods', {
  mentorId: uuid('mentor_id')
    .primaryKey()
    .references(() => users.id),
  type: payoutMethodType('type').notNull(),
  sealed: text('sealed').notNull(),
  keyId: text('key_id').notNull(),
  masked: text('masked').notNull(),
  ifsc: text('ifsc'),
  bankName: text('bank_name'),
  contactId: text('contact_id'),
  fundAccountId: text('fund_account_id'),
  // Weekly automatic payout (Monday 06:00 IST), opted into by the mentor.
  autoPayout: boolean('auto_payout').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const withdrawalStatus = pgEnum('withdrawal_status', ['requested', 'approved', 'processing', 'processed', 'rejected', 'failed', 'reversed']);
export const withdrawalSource = pgEnum('withdrawal_source', ['mentor', 'weekly']);

/** The statuses in which a withdrawal is still open: a mentor has at most one. */
export const OPEN_WITHDRAWAL_STATUSES = ['requested', 'approved', 'processing'] as const;

/**
 * A mentor's withdrawal: requested (the money already left "available" in the same transaction) → approved by an
 * admin → processing at RazorpayX → processed with the bank's UTR; or rejected, failed or reversed, with the money
 * back in the wallet exactly once (the ledger's resolution of the withdrawal's pending transfer). The payout is
 * created by the `process-payouts` job with this row's id as `X-Payout-Idempotency`, to the fund account
 * snapshotted here before the first attempt, so every retry sends the identical body.
 */
export const withdrawals = pgTable(
  'withdrawals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    mentorId: uuid('mentor_id')
      .notNull()
      .references(() => users.id),
    amountPaise: bigint('amount_paise', { mode: 'number' }).notNull(),
    status: withdrawalStatus('status').notNull().default('requested'),
    source: withdrawalSource('source').notNull().default('mentor'),
    // The IST week (`2026-W49`) of a weekly automatic payout: at most one per mentor and week.
    week: text('week'),
    methodType: payoutMethodType('method_type').notNull(),
    methodMasked: text('method_masked').notNull(),
    fundAccountId: text('fund_account_id'),
    payoutId: text('payout_id').unique(),
    utr: text('utr'),
    failureReason: text('failure_reason'),
    rejectReason: text('reject_reason'),
    decidedBy: uuid('decided_by').references(() => users.id),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    processingAt: timestamp('processing_at', { withTimezone: true }),
    processedAt: timestamp('processed_at', { withTimezone: true }),
    rejectedAt: timestamp('rejected_at', { withTimezone: true }),
    failedAt: timestamp('failed_at', { withTimezone: true }),
    reversedAt: timestamp('reversed_at', { withTimezone: true }),
    attempts: integer('attempts').notNull().default(0),
    // When `process-payouts` next sends (approved) or asks about (processing) this withdrawal.
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
    lastError: text('last_error'),
  },
  (t) => [
    uniqueIndex('withdrawals_one_open_per_mentor').on(t.mentorId).where(sql`${t.status} in ('requested', 'approved', 'processing')`),
    uniqueIndex('withdrawals_one_weekly_per_week').on(t.mentorId, t.week).where(sql`${t.week} is not null`),
    index('withdrawals_mentor_requested_idx').on(t.mentorId, t.requestedAt.desc()),
    index('withdrawals_status_requested_idx').on(t.status, t.requestedAt),
    index('withdrawals_due_idx').on(t.nextAttemptAt).where(sql`${t.status} in ('approved', 'processing')`),
    index('withdrawals_processed_at_idx').on(t.processedAt),
    // Reconciliation reads a period's withdrawals.
    index('withdrawals_requested_at_idx').on(t.requestedAt),
    check('withdrawals_amount_positive', sql`${t.amountPaise} > 0`),
  ],
);

/** Payout webhooks, de-duplicated on (payout id, status) as RazorpayX advises; applied in the request's transaction. */
export const payoutWebhookEvents = pgTable(
  'payout_webhook_events',
  {
    payoutId: text('payout_id').notNull(),
    status: text('status').notNull(),
    event: text('event').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.payoutId, t.status] })],
);
