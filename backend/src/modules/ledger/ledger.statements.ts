import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db } from '../../db/client.js';

/**
 * What a wallet holds and how it got there, read from the ledger alone (never from a stored balance elsewhere).
 *
 * A wallet is credited by a booking's pending `mentor_share` at capture (the money is "in escrow" until the
 * pending is posted at release, or voided by a refund) and by a `kept_mentor_share` posted when a partly refunded
 * session's kept part is paid out at once. It is debited only by withdrawals: a pending `withdrawal` (wallet →
 * payouts_in_transit) that is posted when the payout is processed or voided when it is rejected or fails; a payout
 * the bank sends back after it was processed comes in again as a posted `payout_reversal`.
 */

export interface WalletSummary {
  availablePaise: number;
  inEscrowPaise: number;
  withdrawnPaise: number;
  lifetimeEarnedPaise: number;
  inTransitPaise: number;
}

/**
 * The five figures of a wallet, in one statement over its totals row and its payout reversals:
 * available = posted credits − posted debits − debits already promised to open withdrawals; in escrow = pending
 * credits; in transit = pending debits; a reversed payout is neither withdrawn nor earned, so it comes off both.
 */
export async function walletSummary(db: Db, account: string): Promise<WalletSummary> {
  const result = await db.execute(sql`
    select coalesce(sum(b.debits_posted), 0)::bigint as dp, coalesce(sum(b.credits_posted), 0)::bigint as cp,
      coalesce(sum(b.debits_pending), 0)::bigint as dpe, coalesce(sum(b.credits_pending), 0)::bigint as cpe,
      (select coalesce(sum(t.amount), 0) from ledger_transfers t
        where t.credit_account_id = ${account} and t.code = 'payout_reversal' and t.kind = 'posted')::bigint as reversed
    from ledger_balances b where b.account_id = ${account}`);
  const row = rowsOf<Record<string, unknown>>(result)[0] ?? {};
  const [dp, cp, dpe, cpe, reversed] = [row.dp, row.cp, row.dpe, row.cpe, row.reversed].map((v) => Number(v ?? 0)) as [number, number, number, number, number];
  return {
    availablePaise: cp - dp - dpe,
    inEscrowPaise: cpe,
    withdrawnPaise: dp - reversed,
    lifetimeEarnedPaise: cp - reversed,
    inTransitPaise: dpe,
  };
}

export const WALLET_LINE_TYPES = ['earning', 'withdrawal', 'withdrawal_returned', 'payout_reversal'] as const;
export type WalletLineType = (typeof WALLET_LINE_TYPES)[number];

/**
 * Where a line stands. An earning is `in_escrow` until its session is settled, then `released`, or `refunded` when
 * the student got the money back instead; a withdrawal is `in_transit` until it is `paid`, or `returned` (a line
 * `withdrawal_returned` then puts the money back); money that came back, or a share paid out at once, is `settled`.
 */
export const WALLET_LINE_STATUSES = ['in_escrow', 'released', 'refunded', 'in_transit', 'paid', 'returned', 'settled'] as const;
export type WalletLineStatus = (typeof WALLET_LINE_STATUSES)[number];

/** One line of a wallet's statement: a movement of its money, newest first. */
export interface WalletLine {
  /** The ledger transfer's id (its idempotency key). */
  id: string;
  at: Date;
  type: WalletLineType;
  /** Positive when money came in, negative when it went out. */
  amountPaise: number;
  status: WalletLineStatus;
  /** When an escrowed earning was released or refunded, or a withdrawal paid or returned. */
  settledAt: Date | null;
  bookingId: string | null;
  withdrawalId: string | null;
  /** For an earning, how the student's payment was split (the share is `amountPaise`). */
  split: { grossPaise: number; commissionPaise: number; gatewayFeePaise: number } | null;
}

export interface WalletLineFilter {
  type?: WalletLineType | undefined;
  /** Lines at or after this instant. */
  from?: Date | undefined;
  /** Lines strictly before this instant. */
  before?: Date | undefined;
}

/** A page by offset (the web page), or the lines after a line already read (the CSV export, keyset). */
export type WalletLineWindow = { limit: number; offset: number } | { limit: number; after: WalletLineCursor | null };

/** Where a keyset read stopped: the last line's instant as the database has it (to the microsecond) and its id. */
export interface WalletLineCursor {
  at: string;
  id: string;
}

const UTC_TEXT = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;

/**
 * Every line of a wallet's statement as a `lines` relation: each pending transfer is one line whose status says how
 * it was resolved (a release or a refund is not a line of its own, so no amount counts twice); the void of a
 * withdrawal is a line, money coming back. The filter applies to the line's own instant and type.
 */
function filteredLines(account: string, filter: WalletLineFilter): SQL {
  const conditions: SQL[] = [];
  if (filter.type) conditions.push(sql`l.type = ${filter.type}`);
  if (filter.from) conditions.push(sql`l.at >= ${filter.from.toISOString()}::timestamptz`);
  if (filter.before) conditions.push(sql`l.at < ${filter.before.toISOString()}::timestamptz`);
  return sql`
    lines as (
      select t.id, t.at, t.amount, t.code, t.kind, t.booking_id,
        (t.credit_account_id = ${account} or t.kind = 'void_pending') as incoming,
        case
          when t.kind = 'void_pending' then 'withdrawal_returned'
          when t.code in ('mentor_share', 'kept_mentor_share') then 'earning'
          when t.code = 'withdrawal' then 'withdrawal'
          when t.code = 'payout_reversal' then 'payout_reversal'
          else 'other'
        end as type,
        r.kind as resolution, r.at as resolved_at
      from ledger_transfers t
      left join ledger_transfers r on t.kind = 'pending' and r.pending_id = t.id
      where (t.credit_account_id = ${account} and t.kind in ('pending', 'posted'))
        or (t.debit_account_id = ${account} and t.kind in ('pending', 'posted', 'void_pending'))
    ),
    matching as (
      select l.* from lines l ${conditions.length ? sql`where ${sql.join(conditions, sql` and `)}` : sql``}
    )`;
}

/**
 * The lines of a wallet's statement, newest first, in one statement; an earning carries its booking's split, read
 * from the same booking's commission and fee transfers. A page by offset also counts every matching line (`total`;
 * null when the page is past the last line, which leaves nothing to count on).
 */
export async function walletLines(db: Db, account: string, filter: WalletLineFilter, window: WalletLineWindow): Promise<{ lines: WalletLine[]; total: number | null; cursor: WalletLineCursor | null }> {
  const byOffset = 'offset' in window;
  const after = !byOffset && window.after ? sql`where (m.at, m.id) < (${window.after.at}::timestamptz, ${window.after.id})` : sql``;
  const result = await db.execute(sql`
    with ${filteredLines(account, filter)},
    page as (
      select m.*, ${byOffset ? sql`count(*) over ()` : sql`null::bigint`} as total from matching m ${after}
      order by m.at desc, m.id desc limit ${window.limit} ${byOffset ? sql`offset ${window.offset}` : sql``}
    )
    select p.id, to_char(p.at at time zone 'UTC', ${sql.raw(UTC_TEXT)}) as at, p.amount, p.code, p.kind, p.booking_id, p.incoming, p.type,
      p.resolution, to_char(p.resolved_at at time zone 'UTC', ${sql.raw(UTC_TEXT)}) as resolved_at, p.total,
      c.amount as commission, g.amount as fee
    from page p
    left join ledger_transfers c on p.type = 'earning' and c.booking_id = p.booking_id and c.kind in ('pending', 'posted')
      and c.code = case p.code when 'mentor_share' then 'commission' else 'kept_commission' end
    left join ledger_transfers g on p.type = 'earning' and g.booking_id = p.booking_id and g.kind in ('pending', 'posted')
      and g.code = case p.code when 'mentor_share' then 'gateway_fee' else 'kept_gateway_fee' end
    order by p.at desc, p.id desc`);
  const rows = rowsOf<Record<string, unknown>>(result);
  const last = rows.at(-1);
  return {
    lines: rows.map(toLine),
    total: byOffset && rows.length > 0 ? Number(rows[0]!.total) : null,
    cursor: last ? { at: String(last.at), id: String(last.id) } : null,
  };
}

/** How many lines match `filter` (for a page past the last one, where the page's own count is missing). */
export async function countWalletLines(db: Db, account: string, filter: WalletLineFilter): Promise<number> {
  const result = await db.execute(sql`with ${filteredLines(account, filter)} select count(*)::bigint as n from matching`);
  return Number(rowsOf<{ n: unknown }>(result)[0]?.n ?? 0);
}

const asDate = (value: unknown): Date => new Date(String(value));

function statusOf(kind: string, incoming: boolean, type: string, resolution: string | null): WalletLineStatus {
  if (kind === 'pending') {
    if (resolution === 'post_pending') return incoming ? 'released' : 'paid';
    if (resolution === 'void_pending') return incoming ? 'refunded' : 'returned';
    return incoming ? 'in_escrow' : 'in_transit';
  }
  return type === 'earning' ? 'released' : 'settled';
}

const withdrawalIdOf = (id: string): string | null => /^withdrawal:([0-9a-f-]{36})(?::|$)/.exec(id)?.[1] ?? null;

function toLine(row: Record<string, unknown>): WalletLine {
  const amount = Number(row.amount);
  const incoming = row.incoming === true || row.incoming === 't';
  const type = String(row.type);
  const kind = String(row.kind);
  const resolution = row.resolution == null ? null : String(row.resolution);
  const id = String(row.id);
  const commission = row.commission == null ? 0 : Number(row.commission);
  const fee = row.fee == null ? 0 : Number(row.fee);
  return {
    id,
    at: asDate(row.at),
    // Only the four known kinds of movement touch a wallet; anything else would be a new flow to name here.
    type: (WALLET_LINE_TYPES as readonly string[]).includes(type) ? (type as WalletLineType) : incoming ? 'earning' : 'withdrawal',
    amountPaise: incoming ? amount : -amount,
    status: statusOf(kind, incoming, type, resolution),
    settledAt: row.resolved_at == null ? null : asDate(row.resolved_at),
    bookingId: row.booking_id == null ? null : String(row.booking_id),
    withdrawalId: withdrawalIdOf(id),
    split: type === 'earning' ? { grossPaise: amount + commission + fee, commissionPaise: commission, gatewayFeePaise: fee } : null,
  };
}
