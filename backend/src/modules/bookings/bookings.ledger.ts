import type { Db } from '../../db/client.js';
import { splitPayment, type SplitRates } from '../../lib/money.js';
import { createTransfers, postEntries, walletAccount, type Resolution, type TransferInput } from '../ledger/ledger.service.js';

/**
 * The money movements of a booking (DESIGN.md §3), each transfer id derived from the business event so that
 * replaying an event can never move money twice. (A refund leaving through the gateway is payments' to record.)
 */
export interface BookingMoney {
  id: string;
  mentorId: string;
  pricePaise: number;
  commissionPaise: number;
  gatewayFeePaise: number;
  mentorSharePaise: number;
}

/** The money fields of a booking row, as the postings want them. */
export const moneyOf = (b: BookingMoney): BookingMoney => ({
  id: b.id,
  mentorId: b.mentorId,
  pricePaise: b.pricePaise,
  commissionPaise: b.commissionPaise,
  gatewayFeePaise: b.gatewayFeePaise,
  mentorSharePaise: b.mentorSharePaise,
});

const parts = (b: BookingMoney) =>
  [
    { key: 'share', credit: walletAccount(b.mentorId), amount: b.mentorSharePaise, code: 'mentor_share' },
    { key: 'commission', credit: 'platform_revenue', amount: b.commissionPaise, code: 'commission' },
    { key: 'fee', credit: 'gateway_fees', amount: b.gatewayFeePaise, code: 'gateway_fee' },
  ].filter((p) => p.amount > 0);

export const captureTransferId = (bookingId: string) => `booking:${bookingId}:capture`;

/** Capture: the full amount into escrow, and the split promised out of it as pending transfers. */
export async function postCapture(tx: Db, b: BookingMoney, gatewayPaymentId: string, at: Date): Promise<void> {
  const transfers: TransferInput[] = [
    { id: captureTransferId(b.id), debit: 'gateway_clearing', credit: 'escrow', amount: b.pricePaise, code: 'capture', bookingId: b.id, externalRef: gatewayPaymentId },
    ...parts(b).map((p) => ({ id: `booking:${b.id}:${p.key}`, debit: 'escrow', credit: p.credit, amount: p.amount, code: p.code, pending: true, bookingId: b.id })),
  ];
  await createTransfers(tx, transfers, at);
}

/** Release after the session: the pending split of each booking is posted, all in one statement. Idempotent. */
export async function postRelease(tx: Db, bs: BookingMoney[], at: Date): Promise<void> {
  await postEntries(tx, { resolve: bs.flatMap((b) => resolveSplit(b, 'post')) }, at);
}

const resolveSplit = (b: BookingMoney, action: Resolution['action']): Resolution[] =>
  parts(b).map((p) => ({ action, pendingId: `booking:${b.id}:${p.key}`, id: `booking:${b.id}:${p.key}:${action}` }));

/**
 * A refund of `refundPaise` out of escrow: the pending split is voided, the refund waits in `refunds_payable`
 * for the gateway, and what is kept (a partial refund) is split again and paid out at once — the booking is
 * over, so nothing is left to wait for.
 */
export async function postRefundFromEscrow(tx: Db, b: BookingMoney, refundPaise: number, rates: SplitRates, at: Date): Promise<void> {
  const transfers: TransferInput[] = [];
  if (refundPaise > 0) transfers.push({ id: `booking:${b.id}:refund`, debit: 'escrow', credit: 'refunds_payable', amount: refundPaise, code: 'refund', bookingId: b.id });
  const kept = b.pricePaise - refundPaise;
  if (kept > 0) {
    const split = splitPayment(kept, rates);
    const keptParts = parts({ ...b, pricePaise: kept, commissionPaise: split.commissionPaise, gatewayFeePaise: split.gatewayFeePaise, mentorSharePaise: split.mentorSharePaise });
    for (const p of keptParts) transfers.push({ id: `booking:${b.id}:kept:${p.key}`, debit: 'escrow', credit: p.credit, amount: p.amount, code: `kept_${p.code}`, bookingId: b.id });
  }
  await postEntries(tx, { resolve: resolveSplit(b, 'void'), transfers }, at);
}
