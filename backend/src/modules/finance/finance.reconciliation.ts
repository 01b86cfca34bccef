import type { GatewayMovement } from '../ledger/ledger.service.js';
import type { PaymentRecord, RefundRecord } from '../payments/payments.service.js';
import type { GatewayPayment, GatewayPayout, GatewayRefund, WithdrawalRecord } from './finance.context.js';

/**
 * Reconciliation as a pure function (PRODUCT.md §11, properties 9 and 10): for one period, our records (payments,
 * refunds, withdrawals), our ledger's transfers that mirror a gateway movement, and the gateway's own payments,
 * refunds and payouts, compared item by item. Every external movement must exist on all three sides, for the same
 * amount, in agreeing states; each difference is one mismatch, with both sides.
 *
 * An item belongs to the period when any side has it in the period (our record created, the gateway's entity
 * created, or the transfer made in it); the caller also hands in whatever the other sides know of such an item
 * from outside the period (a payment created at 23:59 and captured at 00:01), so an item that merely straddles
 * the boundary is whole here and is not reported.
 */

export const MISMATCH_KINDS = ['missing_at_gateway', 'missing_in_records', 'missing_in_ledger', 'amount_differs', 'status_differs'] as const;
export type MismatchKind = (typeof MISMATCH_KINDS)[number];

export const RECONCILED_SUBJECTS = ['payment', 'refund', 'payout'] as const;
export type ReconciledSubject = (typeof RECONCILED_SUBJECTS)[number];

/** Our side of an item: the record we keep of it and what the ledger moved for it. */
export interface OurSide {
  /** Our payment, refund or withdrawal id. */
  recordId: string | null;
  status: string | null;
  amountPaise: number | null;
  /** The transfer that mirrors the movement (capture, gateway refund, payout). */
  ledgerPaise: number | null;
  /** A payout the bank sent back: the transfer that returned it to the wallet. */
  ledgerReturnedPaise: number | null;
}

export interface GatewaySide {
  id: string;
  status: string;
  amountPaise: number;
}

export interface Mismatch {
  subject: ReconciledSubject;
  kind: MismatchKind;
  /** The gateway's id of the item (`pay_…`, `rfnd_…`, `pout_…`), or ours when the gateway's is not known. */
  id: string;
  ours: OurSide | null;
  gateway: GatewaySide | null;
}

export interface ReconciliationInput {
  period: { from: Date; to: Date };
  ours: { payments: PaymentRecord[]; refunds: RefundRecord[]; payouts: WithdrawalRecord[] };
  ledger: GatewayMovement[];
  gateway: { payments: GatewayPayment[]; refunds: GatewayRefund[]; payouts: GatewayPayout[] };
}

export interface ReconciliationResult {
  /** How many payments, refunds and payouts of the period were compared. */
  checked: Record<`${ReconciledSubject}s`, number>;
  mismatches: Mismatch[];
}

/** Statuses in which the money of a payment reached us (and may have gone back since). */
const OUR_PAID = new Set(['captured', 'refunded', 'partially_refunded']);
const GATEWAY_TAKEN = new Set(['captured', 'refunded']);

/** Where a payout stands, in words both sides share. */
type PayoutState = 'unsent' | 'in_flight' | 'processed' | 'reversed' | 'failed';
const RECORD_PAYOUT_STATE: Record<WithdrawalRecord['status'], PayoutState> = {
  requested: 'unsent',
  approved: 'unsent',
  processing: 'in_flight',
  processed: 'processed',
  reversed: 'reversed',
  failed: 'failed',
  rejected: 'failed',
};
const GATEWAY_PAYOUT_STATE: Record<GatewayPayout['status'], PayoutState> = {
  queued: 'in_flight',
  pending: 'in_flight',
  processing: 'in_flight',
  processed: 'processed',
  reversed: 'reversed',
  failed: 'failed',
  rejected: 'failed',
  cancelled: 'failed',
};

class Findings {
  private readonly seen = new Set<string>();
  readonly list: Mismatch[] = [];
  add(subject: ReconciledSubject, kind: MismatchKind, id: string, ours: OurSide | null, gateway: GatewaySide | null): void {
    const key = `${subject}|${id}|${kind}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.list.push({ subject, kind, id, ours, gateway });
  }
}

const gatewaySide = (g: { id: string; status: string; amountPaise: number } | undefined): GatewaySide | null => (g ? { id: g.id, status: g.status, amountPaise: g.amountPaise } : null);

function ourSide(record: { id: string; status: string; amountPaise: number } | undefined, ledger?: GatewayMovement, returned?: GatewayMovement): OurSide | null {
  if (!record && !ledger && !returned) return null;
  return {
    recordId: record?.id ?? null,
    status: record?.status ?? null,
    amountPaise: record?.amountPaise ?? null,
    ledgerPaise: ledger?.amountPaise ?? null,
    ledgerReturnedPaise: returned?.amountPaise ?? null,
  };
}

/** Present amounts that are not all the same. */
const amountsDiffer = (...amounts: Array<number | undefined>) => new Set(amounts.filter((a): a is number => a !== undefined)).size > 1;

function byKey<T>(items: T[], key: (item: T) => string | null | undefined): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) {
    const k = key(item);
    if (k != null && !map.has(k)) map.set(k, item);
  }
  return map;
}

export function reconcile(input: ReconciliationInput): ReconciliationResult {
  const { from, to } = input.period;
  const inPeriod = (at: Date) => at >= from && at < to;
  const inPeriodSeconds = (seconds: number) => seconds * 1000 >= from.getTime() && seconds * 1000 < to.getTime();
  const findings = new Findings();
  const movements = (code: GatewayMovement['code']) => input.ledger.filter((m) => m.code === code);

  // ---- payments: our payment ↔ the gateway's captured payment ↔ the capture transfer -------------------------
  const payments = input.ours.payments;
  const paymentById = byKey(payments, (p) => p.gatewayPaymentId);
  const paymentByBooking = byKey(payments, (p) => p.bookingId);
  const paymentsByOrder = new Map<string, PaymentRecord[]>();
  for (const p of payments) paymentsByOrder.set(p.gatewayOrderId, [...(paymentsByOrder.get(p.gatewayOrderId) ?? []), p]);
  const gatewayPayment = byKey(input.gateway.payments, (g) => g.id);
  // A capture transfer names the gateway payment; one without (none are made so) is found through its booking.
  const captureKey = (m: GatewayMovement) => m.externalRef ?? (m.bookingId ? (paymentByBooking.get(m.bookingId)?.gatewayPaymentId ?? `booking:${m.bookingId}`) : `transfer:${m.id}`);
  const captures = byKey(movements('capture'), captureKey);
  const paymentKeys = new Set<string>();
  for (const p of payments) {
    const key = p.gatewayPaymentId ?? (OUR_PAID.has(p.status) ? `payment:${p.id}` : null);
    if (key && inPeriod(p.createdAt)) paymentKeys.add(key);
  }
  for (const g of input.gateway.payments) if (GATEWAY_TAKEN.has(g.status) && inPeriodSeconds(g.createdAt)) paymentKeys.add(g.id);
  for (const [key, m] of captures) if (inPeriod(m.at)) paymentKeys.add(key);

  for (const key of paymentKeys) {
    const gw = gatewayPayment.get(key);
    let record = paymentById.get(key) ?? (key.startsWith('payment:') ? payments.find((p) => `payment:${p.id}` === key) : undefined);
    // An order we hold but never saw paid: the gateway took money we don't know about yet.
    if (!record && gw) record = paymentsByOrder.get(gw.orderId)?.find((p) => p.gatewayPaymentId === null);
    const ledger = captures.get(key);
    const ours = ourSide(record, ledger);
    const theirs = gatewaySide(gw);
    const recordPaid = Boolean(record && OUR_PAID.has(record.status));
    const gatewayTook = Boolean(gw && GATEWAY_TAKEN.has(gw.status));
    if (!gw) findings.add('payment', 'missing_at_gateway', key, ours, theirs);
    if (!record) findings.add('payment', 'missing_in_records', key, ours, theirs);
    if (!ledger && (recordPaid || gatewayTook)) findings.add('payment', 'missing_in_ledger', key, ours, theirs);
    if (record && gw && recordPaid !== gatewayTook) findings.add('payment', 'status_differs', key, ours, theirs);
    if (ledger && (record || gw) && !recordPaid && !gatewayTook) findings.add('payment', 'status_differs', key, ours, theirs);
    if (amountsDiffer(record?.amountPaise, gw?.amountPaise, ledger?.amountPaise)) findings.add('payment', 'amount_differs', key, ours, theirs);
  }

  // ---- refunds: our refund ↔ the gateway's refund ↔ the gateway refund transfer ----------------------------
  const refunds = input.ours.refunds;
  const refundByGatewayId = byKey(refunds, (r) => r.gatewayRefundId);
  const refundById = byKey(refunds, (r) => r.id);
  const gatewayRefund = byKey(input.gateway.refunds, (g) => g.id);
  const refundTransfers = byKey(movements('gateway_refund'), (m) => m.externalRef ?? `transfer:${m.id}`);
  const refundKeys = new Set<string>();
  for (const r of refunds) if (r.gatewayRefundId && inPeriod(r.createdAt)) refundKeys.add(r.gatewayRefundId);
  for (const g of input.gateway.refunds) if (inPeriodSeconds(g.createdAt)) refundKeys.add(g.id);
  for (const [key, m] of refundTransfers) if (inPeriod(m.at)) refundKeys.add(key);

  for (const key of refundKeys) {
    const gw = gatewayRefund.get(key);
    let record = refundByGatewayId.get(key);
    // Our refund id travels as the receipt: a refund we made but never heard back about is still ours.
    if (!record && gw?.receipt) {
      const byReceipt = refundById.get(gw.receipt);
      if (byReceipt && byReceipt.gatewayRefundId === null) record = byReceipt;
    }
    const ledger = refundTransfers.get(key);
    const ours = ourSide(record, ledger);
    const theirs = gatewaySide(gw);
    if (!gw) findings.add('refund', 'missing_at_gateway', key, ours, theirs);
    if (!record) findings.add('refund', 'missing_in_records', key, ours, theirs);
    if (!ledger) findings.add('refund', 'missing_in_ledger', key, ours, theirs);
    if (record && gw && record.status !== gw.status) findings.add('refund', 'status_differs', key, ours, theirs);
    if (amountsDiffer(record?.amountPaise, gw?.amountPaise, ledger?.amountPaise)) findings.add('refund', 'amount_differs', key, ours, theirs);
  }

  // ---- payouts: our withdrawal ↔ the gateway's payout ↔ the payout transfer (and its reversal) ----------------
  const withdrawals = input.ours.payouts;
  const withdrawalByPayout = byKey(withdrawals, (w) => w.payoutId);
  const withdrawalById = byKey(withdrawals, (w) => w.withdrawalId);
  const gatewayPayout = byKey(input.gateway.payouts, (g) => g.id);
  const payoutTransfers = byKey(movements('payout'), (m) => m.externalRef ?? `transfer:${m.id}`);
  const reversalTransfers = byKey(movements('payout_reversal'), (m) => m.externalRef ?? `transfer:${m.id}`);
  const payoutKeys = new Set<string>();
  for (const w of withdrawals) {
    // Processed without a payout id can't be: it is missing at the gateway under our id.
    const key = w.payoutId ?? (w.status === 'processed' ? `withdrawal:${w.withdrawalId}` : null);
    if (key && inPeriod(w.requestedAt)) payoutKeys.add(key);
  }
  for (const g of input.gateway.payouts) if (inPeriodSeconds(g.createdAt)) payoutKeys.add(g.id);
  for (const [key, m] of [...payoutTransfers, ...reversalTransfers]) if (inPeriod(m.at)) payoutKeys.add(key);

  for (const key of payoutKeys) {
    const gw = gatewayPayout.get(key);
    let record = withdrawalByPayout.get(key) ?? (key.startsWith('withdrawal:') ? withdrawalById.get(key.slice('withdrawal:'.length)) : undefined);
    // The withdrawal id travels as the payout's reference: a payout whose answer we never got is still ours.
    if (!record && gw) {
      const byReference = withdrawalById.get(gw.referenceId);
      if (byReference && byReference.payoutId === null) record = byReference;
    }
    const paid = payoutTransfers.get(key);
    const returned = reversalTransfers.get(key);
    const ours = record ? ourSide({ id: record.withdrawalId, status: record.status, amountPaise: record.amountPaise }, paid, returned) : ourSide(undefined, paid, returned);
    const theirs = gatewaySide(gw);
    if (!gw) findings.add('payout', 'missing_at_gateway', key, ours, theirs);
    if (!record) findings.add('payout', 'missing_in_records', key, ours, theirs);
    const recordState = record ? RECORD_PAYOUT_STATE[record.status] : undefined;
    const gatewayState = gw ? GATEWAY_PAYOUT_STATE[gw.status] : undefined;
    if (recordState && gatewayState && recordState !== gatewayState) findings.add('payout', 'status_differs', key, ours, theirs);
    // What the ledger must hold follows the gateway's word (else ours): paid once processed; paid and returned,
    // or never paid, once reversed; nothing otherwise.
    const state = gatewayState ?? recordState;
    if (state === 'processed') {
      if (!paid) findings.add('payout', 'missing_in_ledger', key, ours, theirs);
      if (returned) findings.add('payout', 'status_differs', key, ours, theirs);
    } else if (state === 'reversed') {
      if (paid && !returned) findings.add('payout', 'missing_in_ledger', key, ours, theirs);
      if (!paid && returned) findings.add('payout', 'status_differs', key, ours, theirs);
    } else if (state && (paid || returned)) {
      findings.add('payout', 'status_differs', key, ours, theirs);
    }
    if (amountsDiffer(record?.amountPaise, gw?.amountPaise, paid?.amountPaise, returned?.amountPaise)) findings.add('payout', 'amount_differs', key, ours, theirs);
  }

  const subjectOrder = (m: Mismatch) => RECONCILED_SUBJECTS.indexOf(m.subject);
  const mismatches = findings.list.sort(
    (a, b) => subjectOrder(a) - subjectOrder(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) || MISMATCH_KINDS.indexOf(a.kind) - MISMATCH_KINDS.indexOf(b.kind),
  );
  return { checked: { payments: paymentKeys.size, refunds: refundKeys.size, payouts: payoutKeys.size }, mismatches };
}
