import { eq, inArray, or, sql, type AnyColumn } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import { rowsOf, type Db } from '../../db/client.js';
import { inTransaction } from '../../db/transaction.js';
import { retryOnTransientConflict } from '../../lib/db-errors.js';
import { assertPaise } from '../../lib/money.js';
import { ledgerBalances, ledgerTransfers } from './ledger.tables.js';
import { clock } from '../../lib/clock.js';

export { ledgerProblems } from './ledger.checks.js';
export {
  countWalletLines,
  walletLines,
  walletSummary,
  WALLET_LINE_STATUSES,
  WALLET_LINE_TYPES,
  type WalletLine,
  type WalletLineCursor,
  type WalletLineFilter,
  type WalletLineStatus,
  type WalletLineType,
  type WalletSummary,
} from './ledger.statements.js';
/** The admin's finance figures and reconciliation's view of the transfers that mirror a gateway movement. */
export { gatewayMovements, weeklyLedgerReport, type GatewayMovement, type LedgerWeek } from './ledger.reports.js';
/** The read-only join target for other modules' list queries of money movements (the admin's audit trail; ADR 0006). */
export { ledgerMovements } from './ledger.tables.js';

export type SystemAccount = 'gateway_clearing' | 'escrow' | 'platform_revenue' | 'gateway_fees' | 'refunds_payable' | 'payouts_in_transit';
export const SYSTEM_ACCOUNTS: SystemAccount[] = ['gateway_clearing', 'escrow', 'platform_revenue', 'gateway_fees', 'refunds_payable', 'payouts_in_transit'];

/**
 * How many rows the totals of each platform account are spread over. Every capture moves money through the same
 * four platform accounts; with one row each, every capture in the country would queue on the same row locks.
 */
export const LEDGER_SHARDS = 32;

/** Account ids are readable: the system accounts by name, a wallet by its owner. */
export const walletAccount = (ownerId: string) => `mentor_wallet:${ownerId}`;

export interface TransferInput {
  /** Idempotency key derived from the business event, e.g. `booking:<id>:capture`. */
  id: string;
  debit: string;
  credit: string;
  amount: number;
  /** Why the money moved, e.g. `capture`, `commission`, `refund`. */
  code: string;
  pending?: boolean;
  bookingId?: string | null;
  externalRef?: string | null;
}

/** Resolves a pending transfer: `post` moves its full amount for good, `void` releases it. */
export interface Resolution {
  action: 'post' | 'void';
  pendingId: string;
  /** The resolving transfer's own id (its idempotency key). */
  id: string;
}

type TransferRow = typeof ledgerTransfers.$inferSelect;

/** A programmer error: the same idempotency key was used for a different movement. */
export class LedgerConflictError extends Error {}

const accountKind = (id: string): SystemAccount | 'mentor_wallet' => (id.startsWith('mentor_wallet:') ? 'mentor_wallet' : (id as SystemAccount));

/** FNV-1a: a transfer's shard follows its booking, so a booking's transfers and their resolutions share a row. */
export function shardOf(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % LEDGER_SHARDS;
}

const isTransaction = (db: Db): boolean => (db as unknown) instanceof PgTransaction;

function validate(inputs: TransferInput[]): void {
  for (const input of inputs) {
    assertPaise(input.amount, `transfer ${input.id} amount`);
    if (input.amount <= 0) throw new Error(`transfer ${input.id} must move a positive amount`);
    if (input.debit === input.credit) throw new Error(`transfer ${input.id} must move money between two accounts`);
    for (const account of [input.debit, input.credit]) {
      const kind = accountKind(account);
      if (kind !== 'mentor_wallet' && !SYSTEM_ACCOUNTS.includes(kind)) throw new Error(`unknown ledger account ${account}`);
    }
  }
}

/**
 * Records the money movements of one business event: new transfers (posted or pending) and resolutions of
 * pending ones, with every account total they change, in the caller's transaction. An id that exists already
 * is skipped (an idempotent replay) — but only if it describes the same movement; anything else is a
 * `LedgerConflictError`, a programmer error after which the caller's transaction must not be committed.
 * Returns the ids actually created.
 *
 * It is one statement: the transfers are inserted first (a concurrent duplicate waits on the unique index and
 * is then skipped, no error), and only the transfers that were inserted move the totals, in an upsert over
 * their (account, shard) rows taken in sorted order — so two events never deadlock each other, and the rows
 * stay locked only from this statement to the caller's commit.
 */
export async function postEntries(db: Db, entries: { transfers?: TransferInput[]; resolve?: Resolution[] }, at = clock.now()): Promise<string[]> {
  const transfers = entries.transfers ?? [];
  const resolutions = entries.resolve ?? [];
  validate(transfers);
  if (transfers.length + resolutions.length === 0) return [];
  // Outside a transaction the call gets its own, so a conflict found after the insert leaves nothing behind.
  if (!isTransaction(db)) return retryOnTransientConflict(() => inTransaction(db, (tx) => postEntries(tx, entries, at)));

  const moves = [
    ...transfers.map((t) => ({
      id: t.id,
      kind: t.pending ? 'pending' : 'posted',
      debit: t.debit,
      credit: t.credit,
      amount: t.amount,
      code: t.code,
      booking_id: t.bookingId ?? null,
      external_ref: t.externalRef ?? null,
      shard: shardOf(t.bookingId ?? t.id),
      pending_id: null,
    })),
    ...resolutions.map((r) => ({ id: r.id, kind: r.action === 'post' ? 'post_pending' : 'void_pending', pending_id: r.pendingId })),
  ];
  const accounts = [...new Set(transfers.flatMap((t) => [t.debit, t.credit]))].map((id) => {
    const kind = accountKind(id);
    return { id, kind, owner_id: kind === 'mentor_wallet' ? id.slice('mentor_wallet:'.length) : null };
  });
  const result = await db.execute(sql`
    with input as (
      select * from jsonb_to_recordset(${JSON.stringify(moves)}::jsonb) as x(
        id text, kind ledger_transfer_kind, debit text, credit text, amount bigint, code text,
        booking_id uuid, external_ref text, shard smallint, pending_id text)
    ),
    new_accounts as (
      insert into ledger_accounts (id, kind, owner_id)
      select id, kind, owner_id from jsonb_to_recordset(${JSON.stringify(accounts)}::jsonb) as a(id text, kind ledger_account_kind, owner_id uuid)
      on conflict do nothing
    ),
    -- A resolution moves exactly what its pending transfer promised, between the same accounts, in its shard.
    moves as (
      select id, kind, debit, credit, amount, code, null::text as pending_id, booking_id, external_ref, shard from input where pending_id is null
      union all
      select i.id, i.kind, p.debit_account_id, p.credit_account_id, p.amount,
        p.code || case when i.kind = 'post_pending' then '_post' else '_void' end, p.id, p.booking_id, null, p.shard
      from input i join ledger_transfers p on p.id = i.pending_id and p.kind = 'pending'
    ),
    inserted as (
      insert into ledger_transfers (id, kind, debit_account_id, credit_account_id, amount, code, pending_id, booking_id, external_ref, shard, at)
      select id, kind, debit, credit, amount, code, pending_id, booking_id, external_ref, shard, ${at.toISOString()}::timestamptz from moves
      on conflict do nothing
      returning id, kind, debit_account_id, credit_account_id, amount, shard
    ),
    sides as (
      select debit_account_id as account_id, shard,
        case when kind in ('posted', 'post_pending') then amount else 0 end as dp, 0::bigint as cp,
        case kind when 'pending' then amount when 'posted' then 0 else -amount end as dpe, 0::bigint as cpe
      from inserted
      union all
      select credit_account_id, shard,
        0, case when kind in ('posted', 'post_pending') then amount else 0 end,
        0, case kind when 'pending' then amount when 'posted' then 0 else -amount end
      from inserted
    ),
    deltas as (
      select account_id,
        (case when starts_with(account_id, 'mentor_wallet:') then 0 else shard end)::smallint as shard,
        (case when starts_with(account_id, 'mentor_wallet:') then 'mentor_wallet' else account_id end)::ledger_account_kind as kind,
        sum(dp)::bigint as dp, sum(cp)::bigint as cp, sum(dpe)::bigint as dpe, sum(cpe)::bigint as cpe
      from sides group by 1, 2, 3
    ),
    -- PostgreSQL checks the proposed row of an upsert against the CHECKs before it finds the conflict, so a row
    -- that exists is proposed as zeros and its change is added from the deltas; only a new row is proposed as is.
    totals as (
      insert into ledger_balances (account_id, shard, kind, debits_posted, credits_posted, debits_pending, credits_pending)
      select d.account_id, d.shard, d.kind,
        case when known then 0 else dp end, case when known then 0 else cp end,
        case when known then 0 else dpe end, case when known then 0 else cpe end
      from (
        select deltas.*, exists (select 1 from ledger_balances b where b.account_id = deltas.account_id and b.shard = deltas.shard) as known from deltas
      ) d
      order by d.account_id, d.shard
      on conflict (account_id, shard) do update set
        debits_posted = ledger_balances.debits_posted + (select dp from deltas where deltas.account_id = excluded.account_id and deltas.shard = excluded.shard),
        credits_posted = ledger_balances.credits_posted + (select cp from deltas where deltas.account_id = excluded.account_id and deltas.shard = excluded.shard),
        debits_pending = ledger_balances.debits_pending + (select dpe from deltas where deltas.account_id = excluded.account_id and deltas.shard = excluded.shard),
        credits_pending = ledger_balances.credits_pending + (select cpe from deltas where deltas.account_id = excluded.account_id and deltas.shard = excluded.shard)
    )
    select id from inserted`);
  const created = rowsOf<{ id: string }>(result).map((r) => r.id);
  if (created.length < moves.length) await checkReplays(db, transfers, resolutions, new Set(created));
  return created;
}

function sameMovement(row: TransferRow, input: TransferInput): boolean {
  return row.debitAccountId === input.debit && row.creditAccountId === input.credit && row.amount === input.amount && row.kind === (input.pending ? 'pending' : 'posted');
}

/** What was not inserted must already exist as the very same movement; anything else is refused. */
async function checkReplays(db: Db, transfers: TransferInput[], resolutions: Resolution[], created: Set<string>): Promise<void> {
  const skippedTransfers = transfers.filter((t) => !created.has(t.id));
  const skippedResolutions = resolutions.filter((r) => !created.has(r.id));
  const ids = [...skippedTransfers.map((t) => t.id), ...skippedResolutions.flatMap((r) => [r.id, r.pendingId])];
  const pendingIds = skippedResolutions.map((r) => r.pendingId);
  const rows = await db
    .select()
    .from(ledgerTransfers)
    .where(pendingIds.length ? or(inArray(ledgerTransfers.id, ids), inArray(ledgerTransfers.pendingId, pendingIds)) : inArray(ledgerTransfers.id, ids));
  for (const input of skippedTransfers) {
    const row = rows.find((r) => r.id === input.id);
    if (!row || !sameMovement(row, input)) throw new LedgerConflictError(`transfer ${input.id} exists with different content`);
  }
  for (const r of skippedResolutions) {
    const pending = rows.find((row) => row.id === r.pendingId && row.kind === 'pending');
    if (!pending) throw new Error(`no pending transfer ${r.pendingId}`);
    const resolution = rows.find((row) => row.pendingId === r.pendingId);
    if (resolution?.id !== r.id || resolution.kind !== `${r.action}_pending`) {
      throw new LedgerConflictError(`pending transfer ${r.pendingId} was already resolved by ${resolution?.id ?? 'another transfer'}`);
    }
  }
}

/** Inserts transfers (posted or pending) with their account totals; returns the ids actually created. */
export function createTransfers(db: Db, inputs: TransferInput[], at = clock.now()): Promise<string[]> {
  return postEntries(db, { transfers: inputs }, at);
}

/**
 * Resolves a pending transfer. It resolves at most once (a unique index); resolving it again with the same id
 * is a no-op (false), with another id a `LedgerConflictError`.
 */
export async function resolvePending(db: Db, action: 'post' | 'void', pendingId: string, id: string, at = clock.now()): Promise<boolean> {
  return (await postEntries(db, { resolve: [{ action, pendingId, id }] }, at)).length === 1;
}

export interface AccountBalance {
  id: string;
  debitsPosted: number;
  creditsPosted: number;
  debitsPending: number;
  creditsPending: number;
}

const total = (column: AnyColumn) => sql<number>`coalesce(sum(${column}), 0)::bigint`.mapWith(Number);

/** An account's totals: the sum of its shard rows. */
export async function getAccount(db: Db, id: string): Promise<AccountBalance> {
  const [row] = await db
    .select({
      debitsPosted: total(ledgerBalances.debitsPosted),
      creditsPosted: total(ledgerBalances.creditsPosted),
      debitsPending: total(ledgerBalances.debitsPending),
      creditsPending: total(ledgerBalances.creditsPending),
    })
    .from(ledgerBalances)
    .where(eq(ledgerBalances.accountId, id));
  return { id, debitsPosted: row?.debitsPosted ?? 0, creditsPosted: row?.creditsPosted ?? 0, debitsPending: row?.debitsPending ?? 0, creditsPending: row?.creditsPending ?? 0 };
}

/** A wallet (credit-normal): available = posted credits − posted debits − debits already promised; in escrow = pending credits. */
export async function walletBalance(db: Db, ownerId: string) {
  const a = await getAccount(db, walletAccount(ownerId));
  return { availablePaise: a.creditsPosted - a.debitsPosted - a.debitsPending, inEscrowPaise: a.creditsPending, lifetimeEarnedPaise: a.creditsPosted };
}
