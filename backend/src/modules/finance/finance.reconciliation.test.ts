import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyRuns } from '../../test-support/properties.js';
import type { GatewayMovement } from '../ledger/ledger.service.js';
import type { PaymentRecord, RefundRecord } from '../payments/payments.service.js';
import type { GatewayPayment, GatewayPayout, GatewayRefund, WithdrawalRecord } from './finance.context.js';
import { reconcile, type MismatchKind, type ReconciledSubject, type ReconciliationInput } from './finance.reconciliation.js';

/**
 * PRODUCT.md §11 property 10, on the comparison itself: for any period's worth of payments, refunds and payouts on
 * which our records, the ledger and the gateway agree, reconciliation reports nothing; with mismatches planted on
 * any side (one missing, an amount or a state changed), it reports every one of them and nothing else; and what
 * lies wholly outside the period is never reported, whatever is wrong with it.
 */

const FROM = new Date('2026-11-09T18:30:00.000Z');
const TO = new Date('2026-11-10T18:30:00.000Z');
const PERIOD_MS = TO.getTime() - FROM.getTime();
const HOUR = 3_600_000;

type PaymentItem = { kind: 'payment'; key: string; record: PaymentRecord; gateway: GatewayPayment; ledger: GatewayMovement };
type RefundItem = { kind: 'refund'; key: string; record: RefundRecord; gateway: GatewayRefund; ledger: GatewayMovement };
type PayoutItem = { kind: 'payout'; key: string; record: WithdrawalRecord; gateway: GatewayPayout; paid?: GatewayMovement; returned?: GatewayMovement };
type Item = PaymentItem | RefundItem | PayoutItem;

/** One item's sides, all inside the period (offset in [0, 1)) or all in the day before it. */
interface Shape {
  offsets: [number, number, number];
  inPeriod: boolean;
  amountPaise: number;
}

const shapeArb = fc.record({
  offsets: fc.tuple(fc.double({ min: 0, max: 0.999, noNaN: true }), fc.double({ min: 0, max: 0.999, noNaN: true }), fc.double({ min: 0, max: 0.999, noNaN: true })),
  inPeriod: fc.boolean(),
  amountPaise: fc.integer({ min: 1, max: 10_000_000 }),
});

const timeOf = (shape: Shape, i: 0 | 1 | 2) => new Date((shape.inPeriod ? FROM.getTime() : FROM.getTime() - PERIOD_MS) + Math.floor(shape.offsets[i] * PERIOD_MS));
const secondsOf = (shape: Shape, i: 0 | 1 | 2) => Math.floor(timeOf(shape, i).getTime() / 1000);
const uuid = (n: number, tag: string) => `${tag.padEnd(8, '0').slice(0, 8)}-0000-4000-8000-${String(n).padStart(12, '0')}`;

function paymentItem(n: number, shape: Shape, status: PaymentRecord['status']): PaymentItem {
  const key = `pay_${n}`;
  const bookingId = uuid(n, 'b00king');
  return {
    kind: 'payment',
    key,
    record: { id: uuid(n, 'pa1d'), bookingId, gatewayOrderId: `order_${n}`, gatewayPaymentId: key, amountPaise: shape.amountPaise, refundedPaise: 0, status, createdAt: timeOf(shape, 0) },
    gateway: {
      id: key,
      orderId: `order_${n}`,
      status: status === 'refunded' ? 'refunded' : 'captured',
      amountPaise: shape.amountPaise,
      amountRefundedPaise: 0,
      method: 'upi',
      errorDescription: null,
      createdAt: secondsOf(shape, 1),
    },
    ledger: { id: `booking:${bookingId}:capture`, code: 'capture', amountPaise: shape.amountPaise, externalRef: key, bookingId, at: timeOf(shape, 2) },
  };
}

function refundItem(n: number, shape: Shape, status: RefundRecord['status'] & GatewayRefund['status']): RefundItem {
  const key = `rfnd_${n}`;
  const id = uuid(n, 'refd');
  const bookingId = uuid(n, 'b00kr');
  return {
    kind: 'refund',
    key,
    record: { id, paymentId: uuid(n, 'paymt'), bookingId, gatewayPaymentId: `pay_r${n}`, gatewayRefundId: key, amountPaise: shape.amountPaise, status, createdAt: timeOf(shape, 0) },
    gateway: { id: key, paymentId: `pay_r${n}`, amountPaise: shape.amountPaise, status, receipt: id, createdAt: secondsOf(shape, 1) },
    ledger: { id: `refund:${id}:gateway`, code: 'gateway_refund', amountPaise: shape.amountPaise, externalRef: key, bookingId, at: timeOf(shape, 2) },
  };
}

const GATEWAY_STATUS_OF: Record<'processing' | 'processed' | 'failed' | 'reversed', GatewayPayout['status'][]> = {
  processing: ['queued', 'pending', 'processing'],
  processed: ['processed'],
  failed: ['failed', 'rejected', 'cancelled'],
  reversed: ['reversed'],
};

function payoutItem(n: number, shape: Shape, status: keyof typeof GATEWAY_STATUS_OF, pick: number, reversedAfterPaid: boolean): PayoutItem {
  const key = `pout_${n}`;
  const withdrawalId = uuid(n, 'w1thd');
  const choices = GATEWAY_STATUS_OF[status];
  const transfer = (suffix: string, code: GatewayMovement['code']): GatewayMovement => ({
    id: `withdrawal:${withdrawalId}:${suffix}`,
    code,
    amountPaise: shape.amountPaise,
    externalRef: key,
    bookingId: null,
    at: timeOf(shape, 2),
  });
  const paid = status === 'processed' || (status === 'reversed' && reversedAfterPaid);
  return {
    kind: 'payout',
    key,
    record: { withdrawalId, mentorId: uuid(n, 'ment0r'), payoutId: key, amountPaise: shape.amountPaise, status, requestedAt: timeOf(shape, 0) },
    gateway: {
      id: key,
      fundAccountId: `fa_${n}`,
      amountPaise: shape.amountPaise,
      status: choices[pick % choices.length]!,
      mode: 'IMPS',
      referenceId: withdrawalId,
      utr: null,
      failureReason: null,
      createdAt: secondsOf(shape, 1),
    },
    ...(paid ? { paid: transfer('payout', 'payout') } : {}),
    ...(status === 'reversed' && reversedAfterPaid ? { returned: transfer('reversal', 'payout_reversal') } : {}),
  };
}

const worldArb = fc.record({
  payments: fc.array(fc.tuple(shapeArb, fc.constantFrom<PaymentRecord['status']>('captured', 'refunded', 'partially_refunded')), { maxLength: 6 }),
  refunds: fc.array(fc.tuple(shapeArb, fc.constantFrom<'pending' | 'processed' | 'failed'>('pending', 'processed', 'failed')), { maxLength: 5 }),
  payouts: fc.array(fc.tuple(shapeArb, fc.constantFrom<keyof typeof GATEWAY_STATUS_OF>('processing', 'processed', 'failed', 'reversed'), fc.nat(2), fc.boolean()), { maxLength: 6 }),
  /** Attempts that never took money, and an order we opened but was never paid: nothing to reconcile. */
  failedAttempts: fc.integer({ min: 0, max: 3 }),
});

type World = typeof worldArb extends fc.Arbitrary<infer W> ? W : never;

function itemsOf(world: World): Item[] {
  return [
    ...world.payments.map(([shape, status], n) => paymentItem(n, shape, status)),
    ...world.refunds.map(([shape, status], n) => refundItem(n, shape, status)),
    ...world.payouts.map(([shape, status, pick, afterPaid], n) => payoutItem(n, shape, status, pick, afterPaid)),
  ];
}

const inPeriodOf = (item: Item) => item.record && ('createdAt' in item.record ? item.record.createdAt : item.record.requestedAt) >= FROM;

function inputOf(items: Item[], failedAttempts: number): ReconciliationInput {
  const noise: GatewayPayment[] = Array.from({ length: failedAttempts }, (_, i) => ({
    id: `pay_failed_${i}`,
    orderId: `order_unpaid_${i}`,
    status: 'failed',
    amountPaise: 100_00,
    amountRefundedPaise: 0,
    method: 'card',
    errorDescription: 'declined',
    createdAt: Math.floor(FROM.getTime() / 1000) + 60 * i,
  }));
  const unpaid: PaymentRecord[] = Array.from({ length: failedAttempts }, (_, i) => ({
    id: uuid(i, 'unpa1d'),
    bookingId: uuid(i, 'b0unpd'),
    gatewayOrderId: `order_unpaid_${i}`,
    gatewayPaymentId: null,
    amountPaise: 100_00,
    refundedPaise: 0,
    status: 'failed',
    createdAt: new Date(FROM.getTime() + 60_000 * i),
  }));
  const of = <K extends Item['kind']>(kind: K) => items.filter((i): i is Extract<Item, { kind: K }> => i.kind === kind);
  return {
    period: { from: FROM, to: TO },
    ours: {
      payments: [...of('payment').map((i) => i.record), ...unpaid].filter(Boolean),
      refunds: of('refund')
        .map((i) => i.record)
        .filter(Boolean),
      payouts: of('payout')
        .map((i) => i.record)
        .filter(Boolean),
    },
    ledger: [...of('payment').map((i) => i.ledger), ...of('refund').map((i) => i.ledger), ...of('payout').flatMap((i) => [i.paid, i.returned])].filter((m): m is GatewayMovement => Boolean(m)),
    gateway: {
      payments: [...of('payment').map((i) => i.gateway), ...noise].filter(Boolean),
      refunds: of('refund')
        .map((i) => i.gateway)
        .filter(Boolean),
      payouts: of('payout')
        .map((i) => i.gateway)
        .filter(Boolean),
    },
  };
}

type Plant = 'drop_record' | 'drop_gateway' | 'drop_ledger' | 'amount_record' | 'amount_gateway' | 'amount_ledger' | 'status';

const EXPECTED: Record<Plant, MismatchKind> = {
  drop_record: 'missing_in_records',
  drop_gateway: 'missing_at_gateway',
  drop_ledger: 'missing_in_ledger',
  amount_record: 'amount_differs',
  amount_gateway: 'amount_differs',
  amount_ledger: 'amount_differs',
  status: 'status_differs',
};

/** Whether an item has a ledger transfer that dropping would leave missing. */
const hasLedger = (item: Item) => item.kind !== 'payout' || Boolean(item.paid);

/** Plants one mismatch on an item (mutating it); returns the kind reconciliation must report. */
function plant(item: Item, what: Plant, delta: number): MismatchKind {
  const it = item as { record?: unknown; gateway?: unknown; ledger?: unknown; paid?: unknown; returned?: unknown };
  switch (what) {
    case 'drop_record':
      it.record = undefined;
      break;
    case 'drop_gateway':
      it.gateway = undefined;
      break;
    case 'drop_ledger':
      if (item.kind === 'payout') {
        // Processed: its payout transfer; reversed after it was paid: the transfer that returned it.
        if (item.returned) item.returned = undefined;
        else item.paid = undefined;
      } else it.ledger = undefined;
      break;
    case 'amount_record':
      item.record = { ...item.record, amountPaise: item.record.amountPaise + delta } as never;
      break;
    case 'amount_gateway':
      item.gateway = { ...item.gateway, amountPaise: item.gateway.amountPaise + delta } as never;
      break;
    case 'amount_ledger':
      if (item.kind === 'payout') item.paid = item.paid && { ...item.paid, amountPaise: item.paid.amountPaise + delta };
      else item.ledger = { ...item.ledger, amountPaise: item.ledger.amountPaise + delta };
      break;
    case 'status':
      if (item.kind === 'payment') {
        // The gateway says the attempt failed, or our record says the order was never paid.
        if (delta % 2) item.gateway = { ...item.gateway, status: 'failed' };
        else item.record = { ...item.record, status: 'created' };
      } else if (item.kind === 'refund') {
        const others = (['pending', 'processed', 'failed'] as const).filter((s) => s !== item.record.status);
        item.record = { ...item.record, status: others[delta % others.length]! };
      } else {
        // Our withdrawal's state changed (the ledger follows the gateway's, which stays as it was).
        const current = item.record.status;
        const others = (['processing', 'processed', 'failed', 'reversed'] as const).filter((s) => s !== current);
        item.record = { ...item.record, status: others[delta % others.length]! };
      }
      break;
  }
  return EXPECTED[what];
}

const plantArb = fc.constantFrom<Plant>('drop_record', 'drop_gateway', 'drop_ledger', 'amount_record', 'amount_gateway', 'amount_ledger', 'status');
const key = (m: { subject: ReconciledSubject; id: string; kind: MismatchKind }) => `${m.subject} ${m.id} ${m.kind}`;

describe('reconciliation (property 10)', () => {
  it('for any period in which our records, the ledger and the gateway agree, then nothing is reported and every item of the period is counted', () => {
    fc.assert(
      fc.property(worldArb, (world) => {
        const items = itemsOf(world);
        const result = reconcile(inputOf(items, world.failedAttempts));
        expect(result.mismatches).toEqual([]);
        const counted = (kind: Item['kind']) => items.filter((i) => i.kind === kind && inPeriodOf(i)).length;
        expect(result.checked).toEqual({ payments: counted('payment'), refunds: counted('refund'), payouts: counted('payout') });
      }),
      { numRuns: propertyRuns() },
    );
  });

  it('for any mismatches planted on either side, then every one inside the period is reported, with its kind, and nothing else', () => {
    const plantsArb = fc.array(fc.tuple(fc.nat(), plantArb, fc.integer({ min: 1, max: 5_000 })), { maxLength: 8 });
    fc.assert(
      fc.property(worldArb, plantsArb, (world, plants) => {
        const items = itemsOf(world);
        const expected = new Set<string>();
        const planted = new Set<number>();
        for (const [at, what, delta] of plants) {
          if (items.length === 0) break;
          const index = at % items.length;
          const item = items[index]!;
          // One mismatch per item, and only where there is something to plant it on.
          if (planted.has(index) || ((what === 'drop_ledger' || what === 'amount_ledger') && !hasLedger(item))) continue;
          planted.add(index);
          const inPeriod = inPeriodOf(item);
          const kind = plant(item, what, delta);
          if (inPeriod) expected.add(key({ subject: item.kind, id: item.key, kind }));
        }
        const found = reconcile(inputOf(items, world.failedAttempts)).mismatches;
        expect(new Set(found.map(key))).toEqual(expected);
        // Each is reported once, with the sides as they stand.
        expect(found).toHaveLength(expected.size);
        for (const m of found) {
          if (m.kind === 'missing_at_gateway') expect(m.gateway).toBeNull();
          if (m.kind === 'missing_in_records') expect(m.ours?.recordId ?? null).toBeNull();
          if (m.kind === 'amount_differs') expect(m.ours).not.toBeNull();
        }
      }),
      { numRuns: propertyRuns() },
    );
  });
});

describe('reconciliation at the edges of a period', () => {
  const shape = (offset: number, amountPaise = 2_500_00): Shape => ({ offsets: [offset, offset, offset], inPeriod: true, amountPaise });

  it('when a payment was ordered just before the period and captured in it, then it is compared whole and agrees', () => {
    const item = paymentItem(1, shape(0.01), 'captured');
    item.record = { ...item.record, createdAt: new Date(FROM.getTime() - 60_000) };
    const result = reconcile(inputOf([item], 0));
    expect(result).toEqual({ checked: { payments: 1, refunds: 0, payouts: 0 }, mismatches: [] });
  });

  it('when only one side is in the period, then the item is still compared; when none is, it is not', () => {
    const straddling = payoutItem(2, shape(0.5), 'processed', 0, false);
    straddling.record = { ...straddling.record, requestedAt: new Date(FROM.getTime() - 2 * 24 * HOUR) };
    straddling.gateway = { ...straddling.gateway, createdAt: Math.floor((FROM.getTime() - HOUR) / 1000) };
    const outside = paymentItem(3, { ...shape(0.5), inPeriod: false }, 'captured');
    outside.gateway = { ...outside.gateway, amountPaise: 1 };
    const result = reconcile(inputOf([straddling, outside], 0));
    expect(result).toEqual({ checked: { payments: 0, refunds: 0, payouts: 1 }, mismatches: [] });
  });

  it('when the gateway took a payment for an order we hold as unpaid, then it says the states differ and the ledger lacks it', () => {
    const item = paymentItem(4, shape(0.2), 'captured');
    item.record = { ...item.record, gatewayPaymentId: null, status: 'created' };
    item.ledger = undefined as never;
    const { mismatches } = reconcile(inputOf([item], 0));
    expect(mismatches.map((m) => [m.kind, m.id, m.ours?.recordId, m.gateway?.status])).toEqual([
      ['missing_in_ledger', 'pay_4', item.record.id, 'captured'],
      ['status_differs', 'pay_4', item.record.id, 'captured'],
    ]);
  });

  it('when a refund and a payout reached the gateway but their answers never reached us, then they are found by receipt and reference', () => {
    const refund = refundItem(5, shape(0.3), 'processed');
    refund.record = { ...refund.record, gatewayRefundId: null, status: 'requested' };
    refund.ledger = undefined as never;
    const payout = payoutItem(6, shape(0.4), 'processing', 2, false);
    payout.record = { ...payout.record, payoutId: null, status: 'approved' };
    const { mismatches } = reconcile(inputOf([refund, payout], 0));
    expect(mismatches.map((m) => [m.subject, m.kind, m.ours?.recordId])).toEqual([
      ['refund', 'missing_in_ledger', refund.record.id],
      ['refund', 'status_differs', refund.record.id],
      ['payout', 'status_differs', payout.record.withdrawalId],
    ]);
  });

  it('when the ledger has a payout no one else knows, or a payout the gateway says failed, then both are reported', () => {
    const stray: GatewayMovement = { id: 'withdrawal:x:payout', code: 'payout', amountPaise: 500_00, externalRef: 'pout_ghost', bookingId: null, at: new Date(FROM.getTime() + HOUR) };
    const failed = payoutItem(7, shape(0.6), 'failed', 0, false);
    failed.paid = { id: 'withdrawal:y:payout', code: 'payout', amountPaise: failed.record.amountPaise, externalRef: failed.key, bookingId: null, at: new Date(FROM.getTime() + 2 * HOUR) };
    const input = inputOf([failed], 0);
    input.ledger.push(stray);
    const { mismatches } = reconcile(input);
    expect(mismatches.map((m) => [m.id, m.kind])).toEqual([
      ['pout_7', 'status_differs'],
      ['pout_ghost', 'missing_at_gateway'],
      ['pout_ghost', 'missing_in_records'],
    ]);
    expect(mismatches[1]!.ours).toEqual({ recordId: null, status: null, amountPaise: null, ledgerPaise: 500_00, ledgerReturnedPaise: null });
  });
});
