import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { inTransaction } from '../../db/transaction.js';
import { PG_UNIQUE_VIOLATION, pgErrorCode, retryOnTransientConflict } from '../../lib/db-errors.js';
import { assertPaise } from '../../lib/money.js';
import { ledgerAccounts, ledgerTransfers } from './ledger.tables.js';

export type SystemAccount = 'gateway_clearing' | 'escrow' | 'platform_revenue' | 'gateway_fees' | 'refunds_payable' | 'payouts_in_transit';
export const SYSTEM_ACCOUNTS: SystemAccount[] = ['gateway_clearing', 'escrow', 'platform_revenue', 'gateway_fees', 'refunds_payable', 'payouts_in_transit'];

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

type TransferRow = typeof ledgerTransfers.$inferSelect;

/** A programmer error: the same idempotency key was used for a different movement. */
export class LedgerConflictError extends Error {}

const accountKind = (id: string): SystemAccount | 'mentor_wallet' => (id.startsWith('mentor_wallet:') ? 'mentor_wallet' : (id as SystemAccount));

async function ensureAccounts(tx: Db, ids: string[]): Promise<void> {
  const values = [...new Set(ids)].map((id) => {
    const kind = accountKind(id);
    if (kind !== 'mentor_wallet' && !SYSTEM_ACCOUNTS.includes(kind)) throw new Error(`unknown ledger account ${id}`);
    return { id, kind, ownerId: kind === 'mentor_wallet' ? id.slice('mentor_wallet:'.length) : null };
  });
  await tx.insert(ledgerAccounts).values(values).onConflictDoNothing();
}

/** Locks the accounts in a fixed (sorted) order, so two transactions moving money between the same accounts can't deadlock. */
async function lockAccounts(tx: Db, ids: string[]): Promise<void> {
  await tx
    .select({ id: ledgerAccounts.id })
    .from(ledgerAccounts)
    .where(inArray(ledgerAccounts.id, [...new Set(ids)].sort()))
    .orderBy(ledgerAccounts.id)
    .for('update');
}

async function bump(tx: Db, id: string, delta: { debitsPosted?: number; creditsPosted?: number; debitsPending?: number; creditsPending?: number }) {
  await tx
    .update(ledgerAccounts)
    .set({
      debitsPosted: sql`${ledgerAccounts.debitsPosted} + ${delta.debitsPosted ?? 0}`,
      creditsPosted: sql`${ledgerAccounts.creditsPosted} + ${delta.creditsPosted ?? 0}`,
      debitsPending: sql`${ledgerAccounts.debitsPending} + ${delta.debitsPending ?? 0}`,
      creditsPending: sql`${ledgerAccounts.creditsPending} + ${delta.creditsPending ?? 0}`,
    })
    .where(eq(ledgerAccounts.id, id));
}

function sameMovement(row: TransferRow, input: TransferInput): boolean {
  return row.debitAccountId === input.debit && row.creditAccountId === input.credit && row.amount === input.amount && row.kind === (input.pending ? 'pending' : 'posted');
}

/**
 * Inserts transfers (posted or pending) and updates the account totals in the caller's transaction. A transfer
 * whose id exists already is skipped (idempotent replay) — but only if it describes the same movement.
 * Returns the ids actually created.
 */
export async function createTransfers(db: Db, inputs: TransferInput[], at = new Date()): Promise<string[]> {
  return afterConcurrentDuplicate(() => insertTransfers(db, inputs, at));
}

/**
 * Two callers recording the same business event at once (a payment verify racing its webhook) both see no
 * row, and the primary key (or the resolves-once index) lets only one insert win. The loser's transaction
 * is rolled back; running it again finds the winner's row and becomes the idempotent no-op it should be.
 */
async function afterConcurrentDuplicate<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await retryOnTransientConflict(work);
  } catch (error) {
    if (pgErrorCode(error) !== PG_UNIQUE_VIOLATION) throw error;
    return retryOnTransientConflict(work);
  }
}

async function insertTransfers(db: Db, inputs: TransferInput[], at: Date): Promise<string[]> {
  for (const input of inputs) {
    assertPaise(input.amount, `transfer ${input.id} amount`);
    if (input.amount <= 0) throw new Error(`transfer ${input.id} must move a positive amount`);
    if (input.debit === input.credit) throw new Error(`transfer ${input.id} must move money between two accounts`);
  }
  return inTransaction(db, async (tx) => {
    const existing = inputs.length
      ? await tx.select().from(ledgerTransfers).where(inArray(ledgerTransfers.id, inputs.map((i) => i.id)))
      : [];
    const fresh = inputs.filter((input) => {
      const row = existing.find((e) => e.id === input.id);
      if (row && !sameMovement(row, input)) throw new LedgerConflictError(`transfer ${input.id} exists with different content`);
      return !row;
    });
    if (fresh.length === 0) return [];
    const accounts = fresh.flatMap((i) => [i.debit, i.credit]);
    await ensureAccounts(tx, accounts);
    await lockAccounts(tx, accounts);
    await tx.insert(ledgerTransfers).values(
      fresh.map((i) => ({
        id: i.id,
        kind: i.pending ? ('pending' as const) : ('posted' as const),
        debitAccountId: i.debit,
        creditAccountId: i.credit,
        amount: i.amount,
        code: i.code,
        bookingId: i.bookingId ?? null,
        externalRef: i.externalRef ?? null,
        at,
      })),
    );
    for (const i of fresh) {
      if (i.pending) {
        await bump(tx, i.debit, { debitsPending: i.amount });
        await bump(tx, i.credit, { creditsPending: i.amount });
      } else {
        await bump(tx, i.debit, { debitsPosted: i.amount });
        await bump(tx, i.credit, { creditsPosted: i.amount });
      }
    }
    return fresh.map((i) => i.id);
  });
}

/**
 * Resolves a pending transfer: `post` moves its full amount for good, `void` releases it. A pending transfer
 * resolves at most once (unique index); resolving it again with the same id is a no-op, with another id an error.
 */
export async function resolvePending(db: Db, action: 'post' | 'void', pendingId: string, id: string, at = new Date()): Promise<boolean> {
  return afterConcurrentDuplicate(() => resolveOnce(db, action, pendingId, id, at));
}

async function resolveOnce(db: Db, action: 'post' | 'void', pendingId: string, id: string, at: Date): Promise<boolean> {
  return inTransaction(db, async (tx) => {
    const [pending] = await tx.select().from(ledgerTransfers).where(and(eq(ledgerTransfers.id, pendingId), eq(ledgerTransfers.kind, 'pending')));
    if (!pending) throw new Error(`no pending transfer ${pendingId}`);
    await lockAccounts(tx, [pending.debitAccountId, pending.creditAccountId]);
    const [resolution] = await tx.select().from(ledgerTransfers).where(eq(ledgerTransfers.pendingId, pendingId));
    if (resolution) {
      if (resolution.id === id && resolution.kind === `${action}_pending`) return false;
      throw new LedgerConflictError(`pending transfer ${pendingId} was already resolved by ${resolution.id}`);
    }
    await tx.insert(ledgerTransfers).values({
      id,
      kind: action === 'post' ? 'post_pending' : 'void_pending',
      debitAccountId: pending.debitAccountId,
      creditAccountId: pending.creditAccountId,
      amount: pending.amount,
      code: `${pending.code}_${action}`,
      pendingId,
      bookingId: pending.bookingId,
      at,
    });
    const posted = action === 'post' ? pending.amount : 0;
    await bump(tx, pending.debitAccountId, { debitsPending: -pending.amount, debitsPosted: posted });
    await bump(tx, pending.creditAccountId, { creditsPending: -pending.amount, creditsPosted: posted });
    return true;
  });
}

export interface AccountBalance {
  id: string;
  debitsPosted: number;
  creditsPosted: number;
  debitsPending: number;
  creditsPending: number;
}

export async function getAccount(db: Db, id: string): Promise<AccountBalance> {
  const [row] = await db.select().from(ledgerAccounts).where(eq(ledgerAccounts.id, id));
  return row ?? { id, debitsPosted: 0, creditsPosted: 0, debitsPending: 0, creditsPending: 0 };
}

/** A wallet (credit-normal): available = posted credits − posted debits − debits already promised; in escrow = pending credits. */
export async function walletBalance(db: Db, ownerId: string) {
  const a = await getAccount(db, walletAccount(ownerId));
  return { availablePaise: a.creditsPosted - a.debitsPosted - a.debitsPending, inEscrowPaise: a.creditsPending, lifetimeEarnedPaise: a.creditsPosted };
}
