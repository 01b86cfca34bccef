import { sql } from 'drizzle-orm';
import { bigint, check, index, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const accountKind = pgEnum('ledger_account_kind', [
  'gateway_clearing',
  'escrow',
  'platform_revenue',
  'gateway_fees',
  'refunds_payable',
  'payouts_in_transit',
  'mentor_wallet',
]);

/**
 * Accounts with running totals (TigerBeetle's model). Totals change only in the transaction that inserts the
 * transfer moving them. A mentor wallet is credit-normal and can never go negative — counting money already
 * promised to pending debits — enforced by a CHECK, not only by code.
 */
export const ledgerAccounts = pgTable(
  'ledger_accounts',
  {
    id: text('id').primaryKey(),
    kind: accountKind('kind').notNull(),
    // Opaque owner reference (a mentor's user id for wallets); the ledger knows nothing of users.
    ownerId: uuid('owner_id'),
    debitsPosted: bigint('debits_posted', { mode: 'number' }).notNull().default(0),
    creditsPosted: bigint('credits_posted', { mode: 'number' }).notNull().default(0),
    debitsPending: bigint('debits_pending', { mode: 'number' }).notNull().default(0),
    creditsPending: bigint('credits_pending', { mode: 'number' }).notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('ledger_accounts_wallet_owner_key').on(t.ownerId).where(sql`${t.kind} = 'mentor_wallet'`),
    check('ledger_accounts_totals_nonnegative', sql`${t.debitsPosted} >= 0 and ${t.creditsPosted} >= 0 and ${t.debitsPending} >= 0 and ${t.creditsPending} >= 0`),
    check('ledger_accounts_wallet_not_negative', sql`${t.kind} <> 'mentor_wallet' or ${t.creditsPosted} - ${t.debitsPosted} - ${t.debitsPending} >= 0`),
  ],
);

export const transferKind = pgEnum('ledger_transfer_kind', ['posted', 'pending', 'post_pending', 'void_pending']);

/**
 * Immutable transfers. The id is the idempotency key, derived from the business event
 * (`booking:<id>:capture`), so the same event can never move money twice. A pending transfer is resolved by
 * at most one `post_pending` or `void_pending` transfer naming it (a unique index).
 */
export const ledgerTransfers = pgTable(
  'ledger_transfers',
  {
    id: text('id').primaryKey(),
    kind: transferKind('kind').notNull(),
    debitAccountId: text('debit_account_id')
      .notNull()
      .references(() => ledgerAccounts.id),
    creditAccountId: text('credit_account_id')
      .notNull()
      .references(() => ledgerAccounts.id),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    code: text('code').notNull(),
    pendingId: text('pending_id'),
    bookingId: uuid('booking_id'),
    externalRef: text('external_ref'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('ledger_transfers_amount_positive', sql`${t.amount} > 0`),
    check('ledger_transfers_distinct_accounts', sql`${t.debitAccountId} <> ${t.creditAccountId}`),
    check('ledger_transfers_pending_reference', sql`(${t.kind} in ('post_pending', 'void_pending')) = (${t.pendingId} is not null)`),
    uniqueIndex('ledger_transfers_resolves_once').on(t.pendingId).where(sql`${t.pendingId} is not null`),
    index('ledger_transfers_booking_idx').on(t.bookingId),
    index('ledger_transfers_debit_idx').on(t.debitAccountId, t.at),
    index('ledger_transfers_credit_idx').on(t.creditAccountId, t.at),
  ],
);
