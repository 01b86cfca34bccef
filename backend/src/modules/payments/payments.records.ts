import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db } from '../../db/client.js';
import type { PaymentRow, RefundRow } from './payments.context.js';

/**
 * Our side of the gateway's books, for reconciliation: the payments and refunds we created in a period, and any
 * others the caller names by a gateway id or a booking (something the gateway or the ledger has in the period may
 * have begun with us just before it), with whatever the caller reads beside them. Read-only; one statement.
 */

export interface PaymentRecord {
  id: string;
  bookingId: string;
  gatewayOrderId: string;
  gatewayPaymentId: string | null;
  amountPaise: number;
  refundedPaise: number;
  status: PaymentRow['status'];
  createdAt: Date;
}

export interface RefundRecord {
  id: string;
  paymentId: string;
  bookingId: string;
  /** The gateway id of the payment it refunds. */
  gatewayPaymentId: string | null;
  gatewayRefundId: string | null;
  amountPaise: number;
  status: RefundRow['status'];
  createdAt: Date;
}

/**
 * What the caller reads in the same statement as the records, worked out from them: reconciliation reads the
 * ledger's transfers so (ledger.reports.ts `gatewayMovements`, through the ledger's published view).
 */
export interface FoundRecords {
  /** An array expression (uuid[]): the bookings of the payments and refunds found. */
  bookingIds: SQL;
  /** An array expression (text[]): the gateway payment and refund ids asked for that no record found has. */
  unmatchedGatewayIds: SQL;
}

/**
 * The caller's part of the statement: a select whose rows each carry `id`, `at`, `mirrors` (`payment`, `refund`,
 * or anything else), `external_ref` (the gateway's id) and `booking_id`, and how to read them back (as JSON).
 */
export interface AlongsideRecords<T> {
  select: SQL;
  read: (rows: readonly unknown[]) => T;
}

export interface RecordsQuery<T = undefined> {
  /** Created in [from, to). */
  period?: { from: Date; to: Date };
  gatewayPaymentIds?: readonly string[];
  gatewayOrderIds?: readonly string[];
  bookingIds?: readonly string[];
  gatewayRefundIds?: readonly string[];
  /** Our own refund ids (the gateway has them as the refund's receipt). */
  refundIds?: readonly string[];
  /**
   * Rows read beside the records, in the same statement. A row of the period that mirrors a payment or refund no
   * record found has (one begun just before the period and completed in it) brings that record in too: a payment
   * by its gateway id or booking, a refund by its gateway id.
   */
  alongside?: (found: FoundRecords) => AlongsideRecords<T>;
}

export interface Records<T = undefined> {
  payments: PaymentRecord[];
  refunds: RefundRecord[];
  /** What the caller's part read (undefined without one). */
  alongside: T;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// A list is one array parameter, compared with `= any(…)`: the statement's text is the same whatever the list's
// length, each branch of an `or` stays an index scan, and the planner sees how long the list is.
const texts = (values: readonly string[]) => sql`${sql.param([...values])}::text[]`;
// Only well-formed ids can be ours; anything else (a receipt someone else wrote) would fail the cast.
const uuids = (values: readonly string[]) => sql`${sql.param(values.filter((v) => UUID.test(v)))}::uuid[]`;

/** `a or b or …` of the conditions asked for; `false` when none was. */
function anyOf(conditions: Array<SQL | false | undefined>): SQL {
  const given = conditions.filter((c): c is SQL => Boolean(c));
  return given.length ? sql`(${sql.join(given, sql` or `)})` : sql`false`;
}

const inPeriod = (column: SQL, period: RecordsQuery['period']) =>
  period && sql`(${column} >= ${period.from.toISOString()}::timestamptz and ${column} < ${period.to.toISOString()}::timestamptz)`;

const PAYMENT_COLUMNS = sql`p.id, p.booking_id, p.gateway_order_id, p.gateway_payment_id, p.amount_paise, p.refunded_paise, p.status, p.created_at`;
const REFUND_COLUMNS = sql`r.id, r.payment_id, r.booking_id, p.gateway_payment_id, r.gateway_refund_id, r.amount_paise, r.status, r.created_at`;

/** The ids asked for that none of `rows` has (`column` of a CTE), as an array worked out once. */
const leftOf = (ids: SQL, rows: string, column: string) => sql`array(select unnest(${ids}) except select ${sql.raw(column)} from ${sql.raw(rows)})`;

/**
 * Our payments and refunds asked for (and, with `alongside`, the caller's rows and the records they bring in), in
 * one statement: a CTE per part, each aggregated as JSON. Those of the period are read through the index on
 * `created_at`; the others asked for by id only for the ids the period's rows lack (each id is unique, so the rest
 * are those very rows), through the index on that id.
 */
export async function paymentAndRefundRecords<T = undefined>(db: Db, query: RecordsQuery<T>): Promise<Records<T>> {
  const otherPayments = anyOf([
    Boolean(query.gatewayPaymentIds?.length) && sql`p.gateway_payment_id = any(${leftOf(texts(query.gatewayPaymentIds!), 'period_payments', 'gateway_payment_id')})`,
    Boolean(query.gatewayOrderIds?.length) && sql`p.gateway_order_id = any(${leftOf(texts(query.gatewayOrderIds!), 'period_payments', 'gateway_order_id')})`,
    Boolean(query.bookingIds?.length) && sql`p.booking_id = any(${leftOf(uuids(query.bookingIds!), 'period_payments', 'booking_id')})`,
  ]);
  const otherRefunds = anyOf([
    Boolean(query.gatewayRefundIds?.length) && sql`r.gateway_refund_id = any(${leftOf(texts(query.gatewayRefundIds!), 'period_refunds', 'gateway_refund_id')})`,
    Boolean(query.refundIds?.length) && sql`r.id = any(${leftOf(uuids(query.refundIds!), 'period_refunds', 'id')})`,
  ]);
  const part = query.alongside?.({
    bookingIds: sql`array(select booking_id from found_payments union select booking_id from found_refunds)`,
    unmatchedGatewayIds: sql`array(
      select x from unnest(${texts(query.gatewayPaymentIds ?? [])}) x where not exists (select 1 from found_payments f where f.gateway_payment_id = x)
      union all
      select x from unnest(${texts(query.gatewayRefundIds ?? [])}) x where not exists (select 1 from found_refunds f where f.gateway_refund_id = x))`,
  });
  // A row of the period mirroring a payment or refund none found has (`is not distinct from`: a record without the
  // gateway's id yet matches a row without one).
  const strays = sql`
    select a.mirrors, a.external_ref, a.booking_id from alongside a
    where ${inPeriod(sql`a.at`, query.period) ?? sql`false`}
      and ((a.mirrors = 'payment' and not exists (select 1 from found_payments f where f.gateway_payment_id is not distinct from a.external_ref))
        or (a.mirrors = 'refund' and not exists (select 1 from found_refunds f where f.gateway_refund_id is not distinct from a.external_ref)))`;
  const extraParts = part
    ? sql`,
      alongside as (${part.select}),
      strays as (${strays}),
      more_payments as (
        select ${PAYMENT_COLUMNS} from payments p
        where (p.gateway_payment_id = any(array(select external_ref from strays where mirrors = 'payment'))
            or p.booking_id = any(array(select booking_id from strays where mirrors = 'payment')))
          and not exists (select 1 from found_payments f where f.id = p.id)),
      more_refunds as (
        select ${REFUND_COLUMNS} from refunds r join payments p on p.id = r.payment_id
        where r.gateway_refund_id = any(array(select external_ref from strays where mirrors = 'refund'))
          and not exists (select 1 from found_refunds f where f.id = r.id))`
    : sql``;
  const result = await db.execute(sql`
    with period_payments as (select ${PAYMENT_COLUMNS} from payments p where ${inPeriod(sql`p.created_at`, query.period) ?? sql`false`}),
      found_payments as (select * from period_payments union all select ${PAYMENT_COLUMNS} from payments p where ${otherPayments}),
      period_refunds as (select ${REFUND_COLUMNS} from refunds r join payments p on p.id = r.payment_id where ${inPeriod(sql`r.created_at`, query.period) ?? sql`false`}),
      found_refunds as (select * from period_refunds union all select ${REFUND_COLUMNS} from refunds r join payments p on p.id = r.payment_id where ${otherRefunds})${extraParts}
    select
      (select coalesce(jsonb_agg(jsonb_build_object(
          'id', p.id, 'bookingId', p.booking_id, 'gatewayOrderId', p.gateway_order_id, 'gatewayPaymentId', p.gateway_payment_id,
          'amountPaise', p.amount_paise, 'refundedPaise', p.refunded_paise, 'status', p.status, 'createdAt', p.created_at)
          order by p.brought, p.created_at, p.id), '[]'::jsonb)
        from (select false as brought, * from found_payments${part ? sql` union all select true, * from more_payments` : sql``}) p) as payments,
      (select coalesce(jsonb_agg(jsonb_build_object(
          'id', r.id, 'paymentId', r.payment_id, 'bookingId', r.booking_id, 'gatewayPaymentId', r.gateway_payment_id,
          'gatewayRefundId', r.gateway_refund_id, 'amountPaise', r.amount_paise, 'status', r.status, 'createdAt', r.created_at)
          order by r.brought, r.created_at, r.id), '[]'::jsonb)
        from (select false as brought, * from found_refunds${part ? sql` union all select true, * from more_refunds` : sql``}) r) as refunds,
      ${part ? sql`(select coalesce(jsonb_agg(to_jsonb(a) order by a.at, a.id), '[]'::jsonb) from alongside a)` : sql`null::jsonb`} as alongside`);
  const row = rowsOf<{ payments: unknown; refunds: unknown; alongside: unknown }>(result)[0];
  const parse = <R>(value: unknown): R[] => (typeof value === 'string' ? JSON.parse(value) : (value ?? [])) as R[];
  type Json<R> = Omit<R, 'createdAt' | 'amountPaise'> & { createdAt: string; amountPaise: number | string };
  return {
    payments: parse<Json<PaymentRecord> & { refundedPaise: number | string }>(row?.payments).map((p) => ({
      ...p,
      amountPaise: Number(p.amountPaise),
      refundedPaise: Number(p.refundedPaise),
      createdAt: new Date(p.createdAt),
    })),
    refunds: parse<Json<RefundRecord>>(row?.refunds).map((r) => ({ ...r, amountPaise: Number(r.amountPaise), createdAt: new Date(r.createdAt) })),
    alongside: (part ? part.read(parse(row?.alongside)) : undefined) as T,
  };
}
