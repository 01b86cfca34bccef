import { createHash, randomInt } from 'node:crypto';
import { createRequire } from 'node:module';
import { and, asc, eq, inArray, isNull, lte } from 'drizzle-orm';
import { lockDue } from '../../db/claim.js';
import type { Db } from '../../db/client.js';
import { inTransaction } from '../../db/transaction.js';
import { clock } from '../../lib/clock.js';
import { PG_UNIQUE_VIOLATION, pgErrorCode } from '../../lib/db-errors.js';
import type { CreateContactInput, CreateFundAccountInput, CreatePayoutInput, PayoutListQuery } from './sandbox.schemas.js';
import {
  accountIdFor,
  badRequest,
  listCollection,
  notesOf,
  PAYOUT_OPEN_STATUSES,
  recordWebhook,
  sandboxId,
  unixSeconds,
  type Collection,
  type Notes,
  type SandboxSettings,
} from './sandbox.service.js';
import { sandboxContacts, sandboxFundAccounts, sandboxPayouts } from './sandbox.tables.js';

/**
 * RazorpayX in the sandbox: contacts, fund accounts and payouts, with the payout webhooks RazorpayX sends. A payout
 * is `processing` (or `queued` on a low balance) when created, and moves on by itself after `payoutDelayMs` — to
 * `processed` with a UTR, or to the outcome `simulate` forced (it stands in for the bank).
 */

// ---------------------------------------------------------------------------------------------------------
// Entities, as RazorpayX returns them

export type PayoutStatus = 'queued' | 'pending' | 'rejected' | 'scheduled' | 'processing' | 'processed' | 'cancelled' | 'reversed' | 'failed';
export type PayoutOutcome = 'processed' | 'failed' | 'reversed';

export interface ContactEntity {
  id: string;
  entity: 'contact';
  name: string;
  contact: string | null;
  email: string | null;
  type: string | null;
  reference_id: string | null;
  batch_id: null;
  active: true;
  notes: Notes;
  created_at: number;
}

export interface FundAccountEntity {
  id: string;
  entity: 'fund_account';
  contact_id: string;
  account_type: 'bank_account' | 'vpa';
  bank_account?: { ifsc: string; bank_name: string | null; name: string; notes: []; account_number: string };
  vpa?: { username: string; handle: string; address: string };
  batch_id: null;
  active: true;
  created_at: number;
}

export interface StatusDetails {
  description: string;
  source: string;
  reason: string;
}

export interface PayoutEntity {
  id: string;
  entity: 'payout';
  fund_account_id: string;
  amount: number;
  currency: string;
  notes: Notes;
  /** What RazorpayX charged for the payout, GST included (`tax`), in paise. */
  fees: number;
  tax: number;
  status: PayoutStatus;
  purpose: string;
  utr: string | null;
  mode: CreatePayoutInput['mode'];
  reference_id: string | null;
  narration: string | null;
  batch_id: null;
  failure_reason: string | null;
  created_at: number;
  fee_type: string;
  status_details: StatusDetails | null;
  merchant_id: string;
  status_details_id: null;
  error: { source: string | null; reason: string | null; description: string | null; code: string; step: string; metadata: Record<string, unknown> };
}

/** The sandbox account's balance: a payout above it is queued (with `queue_if_low_balance`) or refused. */
export const SANDBOX_BALANCE_PAISE = 1_000_000_000;

const DETAILS: Record<'queued' | 'processing' | 'processed' | 'failed' | 'reversed' | 'cancelled', StatusDetails> = {
  queued: { reason: 'low_balance', description: 'Payout is queued as there is insufficient balance in your account to process it.', source: 'business' },
  processing: { reason: 'payout_bank_processing', description: 'Payout is being processed by our partner bank. Please check the final status after some time.', source: 'gateway' },
  processed: { reason: 'payout_processed', description: 'Payout is processed and the money has been credited into the beneficiary account.', source: 'beneficiary_bank' },
  failed: { reason: 'bank_account_invalid', description: 'Payout failed as the beneficiary bank account details are invalid.', source: 'beneficiary_bank' },
  reversed: { reason: 'beneficiary_bank_rejected', description: 'Payout was reversed by the beneficiary bank and the money is back in your account.', source: 'beneficiary_bank' },
  cancelled: { reason: 'payout_cancelled', description: 'Payout was cancelled before it was processed.', source: 'business' },
};

const NO_ERROR: PayoutEntity['error'] = { source: null, reason: null, description: null, code: 'NA', step: 'NA', metadata: {} };

// ---------------------------------------------------------------------------------------------------------
// Helpers

const require = createRequire(import.meta.url);
const bankNames = require('ifsc/src/banknames.json') as Record<string, string>;

const digest = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

/** JSON with object keys sorted, so the same body sent with its fields in another order is the same request. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

const digits = (n: number) => Array.from({ length: n }, () => String(randomInt(10))).join('');

/** A bank reference: 12 digits for IMPS and UPI, 16 characters for NEFT and 22 for RTGS, as Indian banks issue them. */
export function sandboxUtr(mode: PayoutEntity['mode']): string {
  if (mode === 'NEFT') return `SBXN${digits(12)}`;
  if (mode === 'RTGS') return `SBXR${digits(18)}`;
  return `${1 + randomInt(9)}${digits(11)}`;
}

/** About RazorpayX's slabs: ₹5 up to ₹1,000, ₹10 up to ₹25,000, ₹15 above; plus 18% GST (included in `fees`). */
function feesFor(amount: number): { fees: number; tax: number } {
  const fee = amount <= 100_000 ? 500 : amount <= 2_500_000 ? 1_000 : 1_500;
  const tax = Math.round(fee * 0.18);
  return { fees: fee + tax, tax };
}

const unknownId = (field?: string) => badRequest('The id provided does not exist', field ? { field } : {});

// ---------------------------------------------------------------------------------------------------------
// Contacts

const sameContact = (entity: ContactEntity, input: CreateContactInput) =>
  entity.name === input.name &&
  entity.email === (input.email ?? null) &&
  entity.contact === (input.contact ?? null) &&
  entity.type === (input.type ?? null) &&
  JSON.stringify(entity.notes) === JSON.stringify(notesOf(input.notes));

/** A contact; the same details again return the contact they made, as RazorpayX does. */
export async function createContact(db: Db, input: CreateContactInput, now = clock.now()): Promise<ContactEntity> {
  const referenceId = input.reference_id ?? null;
  const candidates = await db
    .select({ entity: sandboxContacts.entity })
    .from(sandboxContacts)
    .where(referenceId === null ? isNull(sandboxContacts.referenceId) : eq(sandboxContacts.referenceId, referenceId))
    .orderBy(asc(sandboxContacts.createdAt))
    .limit(50);
  const same = candidates.map((row) => row.entity as unknown as ContactEntity).find((entity) => sameContact(entity, input));
  if (same) return same;
  const contact: ContactEntity = {
    id: sandboxId('cont'),
    entity: 'contact',
    name: input.name,
    contact: input.contact ?? null,
    email: input.email ?? null,
    type: input.type ?? null,
    reference_id: referenceId,
    batch_id: null,
    active: true,
    notes: notesOf(input.notes),
    created_at: unixSeconds(now),
  };
  await db.insert(sandboxContacts).values({ id: contact.id, referenceId, entity: { ...contact }, createdAt: now });
  return contact;
}

// ---------------------------------------------------------------------------------------------------------
// Fund accounts

/**
 * A fund account for a contact. Fund accounts can't be edited: identical details for the same contact return the
 * existing one (the unique `detailsKey` makes that hold for concurrent requests too).
 */
export async function createFundAccount(db: Db, input: CreateFundAccountInput, now = clock.now()): Promise<FundAccountEntity> {
  const [contact] = await db.select({ id: sandboxContacts.id }).from(sandboxContacts).where(eq(sandboxContacts.id, input.contact_id));
  if (!contact) throw unknownId('contact_id');
  const details =
    input.account_type === 'bank_account'
      ? { bank_account: { ifsc: input.bank_account.ifsc, bank_name: bankNames[input.bank_account.ifsc.slice(0, 4)] ?? null, name: input.bank_account.name, notes: [] as [], account_number: input.bank_account.account_number } }
      : { vpa: { username: input.vpa.address.split('@')[0]!, handle: input.vpa.address.split('@')[1]!, address: input.vpa.address } };
  const detailsKey = digest(['fund_account', input.contact_id, input.account_type, canonical(input.account_type === 'bank_account' ? input.bank_account : input.vpa)]);
  const fundAccount: FundAccountEntity = {
    id: sandboxId('fa'),
    entity: 'fund_account',
    contact_id: input.contact_id,
    account_type: input.account_type,
    ...details,
    batch_id: null,
    active: true,
    created_at: unixSeconds(now),
  };
  await db
    .insert(sandboxFundAccounts)
    .values({ id: fundAccount.id, contactId: input.contact_id, detailsKey, entity: { ...fundAccount }, createdAt: now })
    .onConflictDoNothing({ target: sandboxFundAccounts.detailsKey });
  const [row] = await db.select({ entity: sandboxFundAccounts.entity }).from(sandboxFundAccounts).where(eq(sandboxFundAccounts.detailsKey, detailsKey));
  return row!.entity as unknown as FundAccountEntity;
}

// ---------------------------------------------------------------------------------------------------------
// Payouts

type PayoutRow = typeof sandboxPayouts.$inferSelect;

async function findPayoutRow(db: Db, payoutId: string, lock = false): Promise<PayoutRow> {
  const query = db.select().from(sandboxPayouts).where(eq(sandboxPayouts.id, payoutId));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw unknownId();
  return row;
}

const idempotencyConflict = () => badRequest('Different request body sent for the same idempotency key', { field: 'X-Payout-Idempotency', reason: 'idempotency_key_conflict' });

/** A retry under a key already used: the same body gets the payout it made, another body is refused. */
function repeatOf(row: Pick<PayoutRow, 'requestHash' | 'entity'>, requestHash: string): PayoutEntity {
  if (row.requestHash !== requestHash) throw idempotencyConflict();
  return row.entity as unknown as PayoutEntity;
}

async function findByKey(db: Db, idempotencyKey: string) {
  const [row] = await db.select({ requestHash: sandboxPayouts.requestHash, entity: sandboxPayouts.entity }).from(sandboxPayouts).where(eq(sandboxPayouts.idempotencyKey, idempotencyKey));
  return row;
}

const payoutEvent = (settings: SandboxSettings, tx: Db, event: string, payout: PayoutEntity, now: Date) => recordWebhook(tx, settings, event, [['payout', payout]], 'payouts', now);

/**
 * `POST /v1/payouts` with its mandatory `X-Payout-Idempotency`. The key is unique in the table, so of concurrent
 * requests with one key exactly one creates the payout; the others (and any later retry) get that payout if they
 * sent the same body, and 400 if not.
 */
export async function createPayout(db: Db, settings: SandboxSettings, input: CreatePayoutInput, idempotencyKey: string, now = clock.now()): Promise<PayoutEntity> {
  const requestHash = digest(canonical(input));
  const previous = await findByKey(db, idempotencyKey);
  if (previous) return repeatOf(previous, requestHash);

  if (input.account_number !== settings.accountNumber) throw badRequest('The account number is invalid.', { field: 'account_number' });
  const [fundAccountRow] = await db.select({ entity: sandboxFundAccounts.entity }).from(sandboxFundAccounts).where(eq(sandboxFundAccounts.id, input.fund_account_id));
  if (!fundAccountRow) throw unknownId('fund_account_id');
  const fundAccount = fundAccountRow.entity as unknown as FundAccountEntity;
  if ((input.mode === 'UPI') !== (fundAccount.account_type === 'vpa')) {
    throw badRequest(`The mode ${input.mode} is not supported for fund account type ${fundAccount.account_type}.`, { field: 'mode' });
  }
  const lowBalance = input.amount > SANDBOX_BALANCE_PAISE;
  if (lowBalance && !input.queue_if_low_balance) {
    throw badRequest('Your account does not have enough balance to carry out the payout operation.', { field: 'amount', reason: 'insufficient_balance' });
  }

  const status = lowBalance ? 'queued' : 'processing';
  const payout: PayoutEntity = {
    id: sandboxId('pout'),
    entity: 'payout',
    fund_account_id: fundAccount.id,
    amount: input.amount,
    currency: input.currency,
    notes: notesOf(input.notes),
    ...feesFor(input.amount),
    status,
    purpose: input.purpose,
    utr: null,
    mode: input.mode,
    reference_id: input.reference_id ?? null,
    narration: input.narration ?? null,
    batch_id: null,
    failure_reason: null,
    created_at: unixSeconds(now),
    fee_type: '',
    status_details: DETAILS[status],
    merchant_id: accountIdFor(settings.keyId).slice('acc_'.length),
    status_details_id: null,
    error: NO_ERROR,
  };
  try {
    return await inTransaction(db, async (tx) => {
      await tx.insert(sandboxPayouts).values({
        id: payout.id,
        fundAccountId: payout.fund_account_id,
        amount: payout.amount,
        status: payout.status,
        idempotencyKey,
        requestHash,
        referenceId: payout.reference_id,
        entity: { ...payout },
        processAfter: new Date(now.getTime() + settings.payoutDelayMs),
        createdAt: now,
      });
      await payoutEvent(settings, tx, status === 'queued' ? 'payout.queued' : 'payout.initiated', payout, now);
      return payout;
    });
  } catch (error) {
    // Another request with this key committed first (the loser's insert waited for it, then hit the index).
    if (pgErrorCode(error) === PG_UNIQUE_VIOLATION) {
      const winner = await findByKey(db, idempotencyKey);
      if (winner) return repeatOf(winner, requestHash);
    }
    throw error;
  }
}

export async function getPayout(db: Db, payoutId: string): Promise<PayoutEntity> {
  return (await findPayoutRow(db, payoutId)).entity as unknown as PayoutEntity;
}

/** `GET /v1/payouts`: the account's payouts, newest first, filtered and paged as RazorpayX does. */
export async function listPayouts(db: Db, settings: SandboxSettings, query: PayoutListQuery): Promise<Collection<PayoutEntity>> {
  if (query.account_number !== settings.accountNumber) throw badRequest('The account number is invalid.', { field: 'account_number' });
  return listCollection<PayoutEntity>(
    db,
    sandboxPayouts,
    query,
    and(
      query.reference_id === undefined ? undefined : eq(sandboxPayouts.referenceId, query.reference_id),
      query.fund_account_id === undefined ? undefined : eq(sandboxPayouts.fundAccountId, query.fund_account_id),
    ),
  );
}

const isOpen = (status: string) => (PAYOUT_OPEN_STATUSES as readonly string[]).includes(status);

/**
 * Takes a payout (row locked by the caller) to `outcome`, recording each step's webhook as RazorpayX sends them:
 * a queued payout is first initiated; `reversed` means processed with a UTR, then reversed.
 */
async function settlePayout(tx: Db, settings: SandboxSettings, row: PayoutRow, outcome: PayoutOutcome, now: Date): Promise<PayoutEntity> {
  let payout = row.entity as unknown as PayoutEntity;
  if (payout.status === 'queued') {
    payout = { ...payout, status: 'processing', status_details: DETAILS.processing };
    await payoutEvent(settings, tx, 'payout.initiated', payout, now);
  }
  if (outcome === 'failed') {
    payout = { ...payout, status: 'failed', failure_reason: DETAILS.failed.description, status_details: DETAILS.failed };
    await payoutEvent(settings, tx, 'payout.failed', payout, now);
  } else {
    if (payout.status !== 'processed') {
      payout = { ...payout, status: 'processed', utr: sandboxUtr(payout.mode), status_details: DETAILS.processed };
      await payoutEvent(settings, tx, 'payout.processed', payout, now);
    }
    if (outcome === 'reversed') {
      payout = { ...payout, status: 'reversed', failure_reason: DETAILS.reversed.description, status_details: DETAILS.reversed };
      await payoutEvent(settings, tx, 'payout.reversed', payout, now);
    }
  }
  await tx.update(sandboxPayouts).set({ status: payout.status, forcedOutcome: outcome, entity: { ...payout } }).where(eq(sandboxPayouts.id, row.id));
  return payout;
}

/**
 * The bank's answer, now (`POST /sandbox/razorpay/v1/payouts/:id/simulate`): an open payout goes to `outcome`, a
 * processed one can still be reversed. Asking again for the outcome a payout already has returns it unchanged.
 */
export async function simulatePayout(db: Db, settings: SandboxSettings, payoutId: string, outcome: PayoutOutcome, now = clock.now()): Promise<PayoutEntity> {
  return inTransaction(db, async (tx) => {
    const row = await findPayoutRow(tx, payoutId, true);
    const current = row.entity as unknown as PayoutEntity;
    if (current.status === outcome) return current;
    if (isOpen(current.status) || (current.status === 'processed' && outcome === 'reversed')) return settlePayout(tx, settings, row, outcome, now);
    throw badRequest(`A ${current.status} payout cannot be ${outcome}.`, { field: 'outcome', reason: 'invalid_status' });
  });
}

/** `POST /v1/payouts/:id/cancel`: only a queued payout can be cancelled. */
export async function cancelPayout(db: Db, payoutId: string): Promise<PayoutEntity> {
  return inTransaction(db, async (tx) => {
    const row = await findPayoutRow(tx, payoutId, true);
    const current = row.entity as unknown as PayoutEntity;
    if (current.status !== 'queued') throw badRequest('Only queued payouts can be cancelled.', { reason: 'invalid_status' });
    const cancelled: PayoutEntity = { ...current, status: 'cancelled', status_details: DETAILS.cancelled };
    await tx.update(sandboxPayouts).set({ status: cancelled.status, entity: { ...cancelled } }).where(eq(sandboxPayouts.id, row.id));
    return cancelled;
  });
}

const PAYOUT_BATCH = 50;

/**
 * Moves payouts whose delay has passed to their outcome (forced, else `processed` with a UTR) and records the
 * webhooks. Claimed with SKIP LOCKED, so instances running this at once split the work and settle each payout once.
 */
export async function processDuePayouts(db: Db, settings: SandboxSettings, now = clock.now()): Promise<number> {
  let processed = 0;
  for (;;) {
    const claimed = await inTransaction(db, async (tx) => {
      const due = await lockDue(tx, sandboxPayouts, {
        due: and(inArray(sandboxPayouts.status, [...PAYOUT_OPEN_STATUSES]), lte(sandboxPayouts.processAfter, now)),
        orderBy: asc(sandboxPayouts.processAfter),
        batchSize: PAYOUT_BATCH,
      });
      for (const row of due) await settlePayout(tx, settings, row, (row.forcedOutcome as PayoutOutcome | null) ?? 'processed', now);
      return due.length;
    });
    processed += claimed;
    if (claimed < PAYOUT_BATCH) return processed;
  }
}
