import type { Db } from '../../db/client.js';
import { clock } from '../../lib/clock.js';
import { offsetOf } from '../../lib/pagination.js';
import { countWalletLines, walletAccount, walletLines, walletSummary, type WalletLine, type WalletLineCursor, type WalletLineFilter, type WalletSummary } from '../ledger/ledger.service.js';
import { csvHeaderRow, csvRow, istDate } from './wallet.csv.js';
import { periodEnd, periodStart, type Transaction, type TransactionsQuery } from './wallet.schemas.js';

/**
 * A mentor's wallet as the ledger has it: the five figures and the statement of every movement (read here, never
 * written: the ledger's postings belong to the flows that move the money, bookings' and payouts').
 */

export function getWallet(db: Db, mentorId: string): Promise<WalletSummary> {
  return walletSummary(db, walletAccount(mentorId));
}

const filterOf = (query: Pick<TransactionsQuery, 'type' | 'from' | 'to'>): WalletLineFilter => ({
  type: query.type,
  from: query.from ? periodStart(query.from) : undefined,
  before: query.to ? periodEnd(query.to) : undefined,
});

/** A page of the statement, newest first: one statement, two for a page past the last line. */
export async function listTransactions(db: Db, mentorId: string, query: TransactionsQuery): Promise<{ items: Transaction[]; page: number; limit: number; total: number }> {
  const account = walletAccount(mentorId);
  const filter = filterOf(query);
  const { lines, total } = await walletLines(db, account, filter, { limit: query.limit, offset: offsetOf(query.page, query.limit) });
  return { items: lines.map(toTransaction), page: query.page, limit: query.limit, total: total ?? (query.page > 1 ? await countWalletLines(db, account, filter) : 0) };
}

/** Rows a CSV export reads per statement: memory stays bounded whatever the wallet's history. */
export const CSV_CHUNK = 1_000;

/**
 * Every line matching the filters as CSV, written as it is read, a chunk at a time by keyset (newest first), so a
 * long history never sits in memory at once. `write` returns false when the receiver wants a pause; `drained`
 * resolves when it may go on; once the receiver has `closed` (the download was abandoned) nothing more is read.
 */
export async function writeTransactionsCsv(
  db: Db,
  mentorId: string,
  query: Pick<TransactionsQuery, 'type' | 'from' | 'to'>,
  out: { write: (text: string) => boolean; drained: () => Promise<void>; closed: () => boolean },
  chunk = CSV_CHUNK,
): Promise<number> {
  const account = walletAccount(mentorId);
  const filter = filterOf(query);
  let after: WalletLineCursor | null = null;
  let count = 0;
  // The header goes with the first chunk: a failure before it still answers as a problem, not half a file.
  let header = csvHeaderRow();
  for (;;) {
    const { lines, cursor } = await walletLines(db, account, filter, { limit: chunk, after });
    if (!out.write(header + lines.map((line) => csvRow(toTransaction(line))).join(''))) await out.drained();
    header = '';
    count += lines.length;
    if (lines.length < chunk || !cursor || out.closed()) return count;
    after = cursor;
  }
}

/** The download's name: the wallet, and the period it covers (or the day it was made). */
export function csvFileName(query: Pick<TransactionsQuery, 'from' | 'to'>, now = clock.now()): string {
  const day = (value: string) => (/^\d{4}-\d{2}-\d{2}$/.test(value) ? value : istDate(new Date(value)));
  if (query.from || query.to) return `wallet-${query.from ? day(query.from) : 'start'}-to-${query.to ? day(query.to) : istDate(now)}.csv`;
  return `wallet-${istDate(now)}.csv`;
}

export function toTransaction(line: WalletLine): Transaction {
  return {
    id: line.id,
    at: line.at.toISOString(),
    type: line.type,
    amountPaise: line.amountPaise,
    status: line.status,
    settledAt: line.settledAt?.toISOString() ?? null,
    bookingId: line.bookingId,
    withdrawalId: line.withdrawalId,
    split: line.split,
    description: describe(line),
  };
}

function describe(line: WalletLine): string {
  switch (line.type) {
    case 'earning':
      // The split is a field of its own (and columns of the CSV): the words say where the money stands.
      if (line.status === 'in_escrow') return 'Session earnings, held in escrow until the session is settled';
      if (line.status === 'refunded') return 'Session earnings, not paid: the session was refunded to the student';
      // Posted at once, never escrowed: the kept part of a partly refunded session.
      if (line.settledAt === null) return 'Your share of a partly refunded session (the part the student did not get back)';
      return 'Session earnings, released to your wallet';
    case 'withdrawal':
      if (line.status === 'paid') return 'Withdrawal, paid out to your account';
      if (line.status === 'returned') return 'Withdrawal, not paid out: the money came back to your wallet';
      return 'Withdrawal, on its way to your account';
    case 'withdrawal_returned':
      return 'Withdrawal returned to your wallet (rejected or failed)';
    case 'payout_reversal':
      return 'Payout sent back by the bank, back in your wallet';
  }
}
