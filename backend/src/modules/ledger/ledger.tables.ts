import { sql } from 'drizzle-orm';
import { bigint, check, index, pgEnum, pgTable, pgView, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const accountKind = pgEnum('ledger_account_kind', [
  'gateway_clearing',
  'escrow',
  'platform_revenue',
  'gateway_fees',
  'refunds_payable',
  'payouts_in_transit',
  'mentor_wallet',
]);

/** The accounts money can sit in. A mentor wallet is one per mentor; the ledger knows nothing of users. */
export const ledgerAccounts = pgTable(
  'ledger_accounts',
  {
    id: text('id').primaryKey(),
    kind: accountKind('kind').notNull(),
    // Opaque owner reference (a mentor's user id for wallets).
    ownerId: uuid('owner_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('ledger_accounts_wallet_owner_key').on(t.ownerId).where(sql`${t.kind} = 'mentor_wallet'`)],
);

/**
 * Running totals of each account (TigerBeetle's model), changed only by the statement that inserts the transfers
 * moving them, in the same transaction. Every booking's money passes through the same few platform accounts, so
 * their totals are split over shards (a transfer's shard follows its booking) and an account's total is the sum
 * of its shard rows: concurrent captures then lock different rows instead of queueing on one. A mentor wallet
 * has a single row, so the CHECK that it never goes negative — counting money already promised to pending
 * debits — is enforced by the database on the whole balance.
 */
export const ledgerBalances = pgTable(
  'ledger_balances',
  {
    accountId: text('account_id')
      .notNull()
      .references(() => ledgerAccounts.id),
    shard: smallint('shard').notNull(),
    kind: accountKind('kind').notNull(),
    debitsPosted: bigint('debits_posted', { mode: 'number' }).notNull().default(0),
    creditsPosted: bigint('credits_posted', { mode: 'number' }).notNull().default(0),
    debitsPending: bigint('debits_pending', { mode: 'number' }).notNull().default(0),
    creditsPending: bigint('credits_pending', { mode: 'number' }).notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.shard] }),
    check('ledger_balances_totals_nonnegative', sql`${t.debitsPosted} >= 0 and ${t.creditsPosted} >= 0 and ${t.debitsPending} >= 0 and ${t.creditsPending} >= 0`),
    check('ledger_balances_wallet_one_row', sql`${t.kind} <> 'mentor_wallet' or ${t.shard} = 0`),
    check('ledger_balances_wallet_not_negative', sql`${t.kind} <> 'mentor_wallet' or ${t.creditsPosted} - ${t.debitsPosted} - ${t.debitsPending} >= 0`),
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
    // The shard of the platform accounts' totals this transfer counts in (a wallet always uses its one row).
    shard: smallint('shard').notNull().default(0),
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
    // The admin's finance views and audit trail read the ledger by period.
    index('ledger_transfers_at_idx').on(t.at),
    // Reconciliation finds a gateway payment, refund or payout's transfer by the gateway's id.
    index('ledger_transfers_external_ref_idx').on(t.externalRef).where(sql`${t.externalRef} is not null`),
  ],
);

/**
 * What other modules may read of the ledger's transfers in their own list queries (the admin's audit trail shows
 * every money movement beside every admin action); never written but by the ledger service (ADR 0006).
 */
export const ledgerMovements = pgView('ledger_movements').as((qb) =>
  qb
    .select({
      id: ledgerTransfers.id,
      kind: ledgerTransfers.kind,
      debitAccountId: ledgerTransfers.debitAccountId,
      creditAccountId: ledgerTransfers.creditAccountId,
      amount: ledgerTransfers.amount,
      code: ledgerTransfers.code,
      bookingId: ledgerTransfers.bookingId,
      externalRef: ledgerTransfers.externalRef,
      at: ledgerTransfers.at,
    })
    .from(ledgerTransfers),
);
