import { AppError } from '../../lib/errors.js';
import { gatewayMovements, type GatewayMovement } from '../ledger/ledger.service.js';
import { paymentAndRefundRecords, type PaymentRecord, type RefundRecord } from '../payments/payments.service.js';
import type { FinanceContext, GatewayPayment, GatewayPayout, GatewayRefund } from './finance.context.js';
import type { ReconciliationInput } from './finance.reconciliation.js';

/**
 * Gathers the three sides of a period for `reconcile`: the gateway's payments, refunds and payouts created in it,
 * our records and the ledger's transfers of it, and — so that nothing straddling the period's edge is reported
 * missing — whatever each side knows, from outside the period, of an item another side has in it: our records and
 * transfers are looked up by the gateway's ids and by booking, and the gateway is asked, one id at a time, about
 * what we have that its lists lack.
 *
 * Statements: two (a read route runs at most two). The withdrawals (the payouts module's), then one statement for
 * the rest: our payments and refunds (payments.records.ts), the ledger's transfers read beside them through the
 * view the ledger publishes (ledger.reports.ts), and the records of any transfer of the period whose payment or
 * refund began before it.
 */

/** Withdrawals paid within this long after their request are matched to their payout across a period's edge. */
export const WITHDRAWAL_LOOKBACK_MS = 31 * 24 * 3_600_000;

/** How many single gateway look-ups run at once. */
const FETCH_CONCURRENCY = 4;

const TAKEN = new Set(['captured', 'refunded']);

/** The gateway answered that it has no such thing (as opposed to not answering at all). */
function isNotFound(error: unknown): boolean {
  const e = error as { statusCode?: unknown; outcomeUnknown?: unknown } | null;
  return typeof e === 'object' && e !== null && e.outcomeUnknown === false && (e.statusCode === 400 || e.statusCode === 404);
}

export const gatewayUnavailable = (error: unknown) =>
  new AppError('gateway_unavailable', `The gateway did not answer (${error instanceof Error ? error.message : String(error)}); try again in a minute`, 503);

async function askGateway<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw gatewayUnavailable(error);
  }
}

/** One item by id, or undefined when the gateway has none. */
async function fetchOne<T>(call: () => Promise<T>): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw gatewayUnavailable(error);
  }
}

async function inBatches<T, R>(items: T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += FETCH_CONCURRENCY) out.push(...(await Promise.all(items.slice(i, i + FETCH_CONCURRENCY).map(work))));
  return out;
}

const unique = <T>(values: Array<T | null | undefined>): T[] => [...new Set(values.filter((v): v is T => v !== null && v !== undefined))];

function mergeById<T extends { id: string }>(...lists: T[][]): T[] {
  const map = new Map<string, T>();
  for (const item of lists.flat()) if (!map.has(item.id)) map.set(item.id, item);
  return [...map.values()];
}

export async function gatherSides(ctx: FinanceContext, period: { from: Date; to: Date }): Promise<ReconciliationInput> {
  const inPeriod = (at: Date) => at >= period.from && at < period.to;
  const [gatewayPayments, gatewayRefunds, gatewayPayouts] = await askGateway(() =>
    Promise.all([ctx.payments.provider.listPayments(period), ctx.payments.provider.listRefunds(period), ctx.payouts.provider.listPayouts(period)]),
  );
  const taken = gatewayPayments.filter((g) => TAKEN.has(g.status));

  // The payouts module's withdrawals first: the transfers named after them are looked up with our records.
  const withdrawals = await ctx.withdrawalRecords(ctx.db, { from: new Date(period.from.getTime() - WITHDRAWAL_LOOKBACK_MS), to: period.to });
  const knownPayoutIds = new Set(withdrawals.map((w) => w.payoutId));
  const listedPayouts = new Set<string | null>(gatewayPayouts.map((g) => g.id));
  const listedReferences = new Set(gatewayPayouts.map((g) => g.referenceId));

  // Our payments and refunds, the ledger's transfers of the period and of those records, and the records of any
  // transfer of the period whose payment or refund began before it: one statement.
  const records = await paymentAndRefundRecords(ctx.db, {
    period,
    gatewayPaymentIds: taken.map((g) => g.id),
    gatewayOrderIds: unique(taken.map((g) => g.orderId)),
    gatewayRefundIds: gatewayRefunds.map((g) => g.id),
    refundIds: unique(gatewayRefunds.map((g) => g.receipt)),
    alongside: (found) =>
      gatewayMovements({
        ...period,
        bookingIds: found.bookingIds,
        // A withdrawal's transfers are named after it (payouts.ledger.ts): found by key, wherever they were made.
        transferIds: withdrawals
          .filter((w) => inPeriod(w.requestedAt) || listedPayouts.has(w.payoutId) || listedReferences.has(w.withdrawalId))
          .flatMap((w) => [`withdrawal:${w.withdrawalId}:payout`, `withdrawal:${w.withdrawalId}:reversal`]),
        // The gateway's payments, refunds and payouts that none of our records has.
        externalRefs: [found.unmatchedGatewayIds, unique(gatewayPayouts.filter((g) => !knownPayoutIds.has(g.id)).map((g) => g.id))],
      }),
  });
  const { payments, refunds, alongside: ledger } = records;

  const gateway = await askAboutTheRest(ctx, {
    payments: gatewayPayments,
    refunds: gatewayRefunds,
    payouts: gatewayPayouts,
    ours: { payments, refunds, withdrawals: withdrawals.filter((w) => inPeriod(w.requestedAt)) },
    ledger,
  });
  return { period, ours: { payments, refunds, payouts: withdrawals }, ledger, gateway };
}

/** What we have that the gateway's lists of the period lack, asked for one by one. */
async function askAboutTheRest(
  ctx: FinanceContext,
  sides: {
    payments: GatewayPayment[];
    refunds: GatewayRefund[];
    payouts: GatewayPayout[];
    ours: { payments: PaymentRecord[]; refunds: RefundRecord[]; withdrawals: Awaited<ReturnType<FinanceContext['withdrawalRecords']>> };
    ledger: GatewayMovement[];
  },
): Promise<ReconciliationInput['gateway']> {
  const listed = new Set<string>([...sides.payments, ...sides.refunds, ...sides.payouts].map((g) => g.id));
  const missing = (id: string | null | undefined): id is string => Boolean(id) && !listed.has(id!);

  const paymentIds = unique([...sides.ours.payments.map((p) => p.gatewayPaymentId), ...sides.ledger.filter((m) => m.code === 'capture').map((m) => m.externalRef)]).filter(missing);
  const payments = (await inBatches(paymentIds, (id) => fetchOne(() => ctx.payments.provider.fetchPayment(id)))).filter((p): p is GatewayPayment => p !== undefined);

  // A refund is found through its payment's refunds.
  const refundsToFind = sides.ours.refunds.filter((r) => missing(r.gatewayRefundId) && r.gatewayPaymentId);
  const byPayment = unique(refundsToFind.map((r) => r.gatewayPaymentId));
  const refundLists = await inBatches(byPayment, (paymentId) => fetchOne(() => ctx.payments.provider.fetchRefunds(paymentId)));
  const wanted = new Set(refundsToFind.map((r) => r.gatewayRefundId));
  const refunds = refundLists.flatMap((list) => list ?? []).filter((g) => wanted.has(g.id));

  const payoutIds = unique([
    ...sides.ours.withdrawals.map((w) => w.payoutId),
    ...sides.ledger.filter((m) => m.code === 'payout' || m.code === 'payout_reversal').map((m) => m.externalRef),
  ]).filter(missing);
  const payouts = (await inBatches(payoutIds, (id) => fetchOne(() => ctx.payouts.provider.fetchPayout(id)))).filter((p): p is GatewayPayout => p !== undefined);

  return { payments: mergeById(sides.payments, payments), refunds: mergeById(sides.refunds, refunds), payouts: mergeById(sides.payouts, payouts) };
}
