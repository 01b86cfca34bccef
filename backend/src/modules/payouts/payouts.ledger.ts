import type { Db } from '../../db/client.js';
import { postEntries, walletAccount } from '../ledger/ledger.service.js';

/**
 * A withdrawal's money (DESIGN.md §3), each transfer id derived from the withdrawal, so no event can move it twice:
 *
 * - requested: a *pending* transfer wallet → payouts_in_transit. The wallet's CHECK counts pending debits, so the
 *   money leaves "available" at once and a request above the balance fails in the database, whatever races it.
 * - processed: the pending transfer is posted, and the money leaves us: payouts_in_transit → gateway_clearing,
 *   against the gateway's payout id.
 * - rejected, failed (or reversed before we saw it processed): the pending transfer is voided — the money is back.
 *   A pending transfer resolves at most once (a unique index), so it can never be both paid and returned.
 * - reversed after it was processed: the bank sent it back; gateway_clearing → wallet, once (its id).
 */
export const withdrawalTransferId = (withdrawalId: string) => `withdrawal:${withdrawalId}`;

export async function holdWithdrawal(tx: Db, w: { id: string; mentorId: string; amountPaise: number }, at: Date): Promise<void> {
  await postEntries(tx, { transfers: [{ id: withdrawalTransferId(w.id), debit: walletAccount(w.mentorId), credit: 'payouts_in_transit', amount: w.amountPaise, code: 'withdrawal', pending: true }] }, at);
}

export async function postWithdrawalPaid(tx: Db, w: { id: string; amountPaise: number }, payoutId: string, at: Date): Promise<void> {
  await postEntries(
    tx,
    {
      resolve: [{ action: 'post', pendingId: withdrawalTransferId(w.id), id: `${withdrawalTransferId(w.id)}:paid` }],
      transfers: [{ id: `${withdrawalTransferId(w.id)}:payout`, debit: 'payouts_in_transit', credit: 'gateway_clearing', amount: w.amountPaise, code: 'payout', externalRef: payoutId }],
    },
    at,
  );
}

export async function returnWithdrawal(tx: Db, w: { id: string }, at: Date): Promise<void> {
  await postEntries(tx, { resolve: [{ action: 'void', pendingId: withdrawalTransferId(w.id), id: `${withdrawalTransferId(w.id)}:returned` }] }, at);
}

export async function postPayoutReversal(tx: Db, w: { id: string; mentorId: string; amountPaise: number }, payoutId: string, at: Date): Promise<void> {
  await postEntries(
    tx,
    { transfers: [{ id: `${withdrawalTransferId(w.id)}:reversal`, debit: 'gateway_clearing', credit: walletAccount(w.mentorId), amount: w.amountPaise, code: 'payout_reversal', externalRef: payoutId }] },
    at,
  );
}
