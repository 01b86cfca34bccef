import { formatPaise } from '@/lib/money';
import type { PayoutMethod, TransactionStatus, TransactionType, Withdrawal, WithdrawalStatus } from '../types';

export const transactionTypeLabels: Record<TransactionType, string> = {
  earning: 'Earning',
  withdrawal: 'Withdrawal',
  withdrawal_returned: 'Withdrawal returned',
  payout_reversal: 'Payout reversed',
};

/** The type filter's choices, plural. */
export const transactionTypeFilterLabels: Record<TransactionType, string> = {
  earning: 'Earnings',
  withdrawal: 'Withdrawals',
  withdrawal_returned: 'Returned withdrawals',
  payout_reversal: 'Reversed payouts',
};

export const transactionStatusLabels: Record<TransactionStatus, string> = {
  in_escrow: 'In escrow',
  released: 'Released',
  refunded: 'Refunded to student',
  in_transit: 'On its way',
  paid: 'Paid out',
  returned: 'Returned',
  settled: 'Credited',
};

export const transactionStatusColors: Record<TransactionStatus, string> = {
  in_escrow: 'yellow',
  released: 'teal',
  refunded: 'gray',
  in_transit: 'blue',
  paid: 'teal',
  returned: 'gray',
  settled: 'teal',
};

export const withdrawalStatusLabels: Record<WithdrawalStatus, string> = {
  requested: 'Requested',
  approved: 'Approved',
  processing: 'Processing',
  processed: 'Processed',
  rejected: 'Rejected',
  failed: 'Failed',
  reversed: 'Reversed',
};

export { withdrawalStatusColors } from '../../../types/withdrawal';

/** "HDFC Bank account XXXXXX1234" or "UPI zoXXXX@okhdfcbank": only ever the masked form. */
export function methodText(method: Pick<PayoutMethod, 'type' | 'masked'> & { bankName?: string | null | undefined }): string {
  if (method.type === 'upi') return `UPI ${method.masked}`;
  return `${method.bankName ? `${method.bankName} account` : 'Bank account'} ${method.masked}`;
}

/** "+₹1,397.52" or "−₹1,000": the sign always shown, a true minus sign. */
export function signedPaise(paise: number): string {
  if (paise === 0) return formatPaise(0);
  return `${paise > 0 ? '+' : '−'}${formatPaise(Math.abs(paise))}`;
}

/** The money came back to the wallet: a rejected, failed or reversed withdrawal. */
export const moneyReturned = (w: Pick<Withdrawal, 'status'>) => w.status === 'rejected' || w.status === 'failed' || w.status === 'reversed';
