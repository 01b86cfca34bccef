import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db } from '../../db/client.js';
import { ledgerMovements } from './ledger.tables.js';

/**
 * The admin's views of the platform's money, read from the transfers alone (the ledger is the one record of what
 * moved; DESIGN.md §3), each over the transfers of a period, found through the index on `at`: the weekly report is a
 * statement of its own; the transfers reconciliation compares are a part of the statement that reads the payments
 * and refunds beside them (through the `ledger_movements` view).
 *
 * Which codes say what (bookings.ledger.ts, payments.refunds.ts, payouts.ledger.ts):
 * - `capture`: a student's payment reached escrow — one per booking paid, for its full price;
 * - `commission_post` / `kept_commission`: commission earned for good (the pending split posted at release, or the
 *   kept part of a partly refunded booking); a voided `commission` was never earned;
 * - `gateway_fee_post` / `kept_gateway_fee`: the gateway's fee, borne by the mentor's share, likewise;
 * - `gateway_refund`: a refund left us through the gateway;
 * - `payout`: a withdrawal was paid out to the mentor's bank; `payout_reversal`: the bank sent one back.
 */

export interface LedgerWeek {
  /** The Monday the week starts on, in `timeZone` (`2026-11-09`). */
  weekStart: string;
  bookings: number;
  grossPaise: number;
  platformRevenuePaise: number;
  gatewayFeesPaise: number;
  refundsPaise: number;
  payoutsPaise: number;
  payoutReversalsPaise: number;
}

const iso = (d: Date) => sql`${d.toISOString()}::timestamptz`;

/**
 * The money of every week (Monday to Monday in `timeZone`) that [from, to) touches, weeks without any movement
 * included, grouped in SQL. A week cut by the period counts only what moved inside the period.
 */
export async function weeklyLedgerReport(db: Db, period: { from: Date; to: Date; timeZone: string }): Promise<LedgerWeek[]> {
  const zone = period.timeZone;
  const result = await db.execute(sql`
    with weeks as (
      select generate_series(
        date_trunc('week', ${iso(period.from)} at time zone ${zone}),
        date_trunc('week', (${iso(period.to)} - interval '1 microsecond') at time zone ${zone}),
        interval '1 week') as week_start
    ),
    sums as (
      select date_trunc('week', t.at at time zone ${zone}) as week_start,
        count(*) filter (where t.code = 'capture') as bookings,
        sum(t.amount) filter (where t.code = 'capture') as gross,
        sum(t.amount) filter (where t.code in ('commission_post', 'kept_commission')) as revenue,
        sum(t.amount) filter (where t.code in ('gateway_fee_post', 'kept_gateway_fee')) as fees,
        sum(t.amount) filter (where t.code = 'gateway_refund') as refunds,
        sum(t.amount) filter (where t.code = 'payout') as payouts,
        sum(t.amount) filter (where t.code = 'payout_reversal') as reversals
      from ledger_transfers t
      where t.at >= ${iso(period.from)} and t.at < ${iso(period.to)} and t.code in ('capture', 'commission_post', 'kept_commission', 'gateway_fee_post', 'kept_gateway_fee', 'gateway_refund', 'payout', 'payout_reversal')
      group by 1
    )
    select to_char(w.week_start, 'YYYY-MM-DD') as week_start,
      coalesce(s.bookings, 0)::bigint as bookings, coalesce(s.gross, 0)::bigint as gross,
      coalesce(s.revenue, 0)::bigint as revenue, coalesce(s.fees, 0)::bigint as fees,
      coalesce(s.refunds, 0)::bigint as refunds, coalesce(s.payouts, 0)::bigint as payouts,
      coalesce(s.reversals, 0)::bigint as reversals
    from weeks w left join sums s on s.week_start = w.week_start
    order by w.week_start`);
  return rowsOf<Record<string, unknown>>(result).map((r) => ({
    weekStart: String(r.week_start),
    bookings: Number(r.bookings),
    grossPaise: Number(r.gross),
    platformRevenuePaise: Number(r.revenue),
    gatewayFeesPaise: Number(r.fees),
    refundsPaise: Number(r.refunds),
    payoutsPaise: Number(r.payouts),
    payoutReversalsPaise: Number(r.reversals),
  }));
}

/** A transfer that has (or should have) a counterpart at the gateway. */
export interface GatewayMovement {
  id: string;
  code: 'capture' | 'gateway_refund' | 'payout' | 'payout_reversal';
  amountPaise: number;
  /** The gateway's id: payment (capture), refund, or payout (payout and its reversal). */
  externalRef: string | null;
  bookingId: string | null;
  at: Date;
}

/**
 * Ids to look transfers up by: a list, or an SQL expression of an array the caller's statement works out itself
 * (`array(select …)`), so the lookup can follow from what that statement found.
 */
export type IdList = readonly string[] | SQL;

export interface MovementsQuery {
  from: Date;
  to: Date;
  bookingIds?: IdList;
  transferIds?: IdList;
  externalRefs?: readonly IdList[];
}

/** The part a caller's statement embeds, and how to read back the rows it selected (as JSON or as rows). */
export interface MovementsPart {
  /**
   * A select of the transfers through the published `ledger_movements` view, one row each with `id`, `code`,
   * `amount`, `external_ref`, `booking_id`, `at`, and `mirrors`: the gateway's entity it mirrors (`payment` for a
   * capture, `refund` for a gateway refund, `payout` for a payout or its reversal).
   */
  select: SQL;
  read: (rows: readonly unknown[]) => GatewayMovement[];
}

/** One array parameter (the statement's text is the same whatever the list's length), or the caller's array. */
const arrayOf = (ids: IdList, type: 'text' | 'uuid'): SQL => (Array.isArray(ids) ? sql`${sql.param([...ids])}::${sql.raw(type)}[]` : sql`(${ids as SQL})::${sql.raw(type)}[]`);

/**
 * The transfers that mirror a gateway movement (property 9): those made in [from, to), and, wherever they were
 * made, those of the given bookings (captures and gateway refunds carry their booking), the given transfer ids and
 * the given gateway ids — so reconciliation finds the transfer of something that began in the period but reached
 * the ledger after it. A part of the caller's statement, not a statement of its own: reconciliation reads it in the
 * same statement as the payments and refunds (payments.records.ts). Each list is compared with `= any(array)`, so
 * every branch is an index scan (`at`, booking, primary key, gateway id), or'ed together.
 */
export function gatewayMovements(query: MovementsQuery): MovementsPart {
  const also: SQL[] = [];
  if (query.bookingIds) also.push(sql`m.booking_id = any(${arrayOf(query.bookingIds, 'uuid')})`);
  if (query.transferIds) also.push(sql`m.id = any(${arrayOf(query.transferIds, 'text')})`);
  for (const refs of query.externalRefs ?? []) also.push(sql`m.external_ref = any(${arrayOf(refs, 'text')})`);
  const select = sql`
    select m.id, m.code, m.amount, m.external_ref, m.booking_id, m.at,
      case m.code when 'capture' then 'payment' when 'gateway_refund' then 'refund' else 'payout' end as mirrors
    from ${ledgerMovements} m
    where m.kind = 'posted' and m.code in ('capture', 'gateway_refund', 'payout', 'payout_reversal')
      and ((m.at >= ${iso(query.from)} and m.at < ${iso(query.to)})${sql.join(
        also.map((condition) => sql` or ${condition}`),
        sql``,
      )})`;
  return { select, read: readMovements };
}

function readMovements(rows: readonly unknown[]): GatewayMovement[] {
  return (rows as Array<Record<string, unknown>>).map((r) => ({
    id: String(r.id),
    code: r.code as GatewayMovement['code'],
    amountPaise: Number(r.amount),
    externalRef: r.external_ref === null || r.external_ref === undefined ? null : String(r.external_ref),
    bookingId: r.booking_id === null || r.booking_id === undefined ? null : String(r.booking_id),
    at: new Date(r.at as string | Date),
  }));
}
