import type { AdminWithdrawal, QueueTab, WithdrawalStatus } from '../types';

export const statusLabels: Record<WithdrawalStatus, string> = {
  requested: 'Waiting',
  approved: 'Approved',
  processing: 'Processing',
  processed: 'Processed',
  rejected: 'Rejected',
  failed: 'Failed',
  reversed: 'Reversed',
};

export { withdrawalStatusColors as statusColors } from '../../../types/withdrawal';

export const tabLabels: Record<QueueTab, string> = { ...statusLabels, all: 'All' };

export const emptyText: Record<QueueTab, { title: string; description: string }> = {
  requested: { title: 'No withdrawals waiting', description: 'When a mentor asks to withdraw, the request waits here for you to approve or reject it.' },
  approved: { title: 'Nothing approved and not yet sent', description: 'Approved withdrawals wait here for a moment until their payout is made.' },
  processing: { title: 'No payouts in progress', description: 'Payouts the bank is working on are listed here.' },
  processed: { title: 'No processed payouts', description: 'Payouts the bank has confirmed are listed here with their UTR.' },
  failed: { title: 'No failed payouts', description: 'Payouts the bank could not make are listed here; the money went back to the mentor.' },
  reversed: { title: 'No reversed payouts', description: 'Payouts the bank sent back are listed here; the money went back to the mentor.' },
  rejected: { title: 'No rejected withdrawals', description: 'Withdrawals you rejected are listed here with your reason.' },
  all: { title: 'No withdrawals yet', description: 'Every withdrawal, whatever its state, is listed here.' },
};

/** "Bank account XXXXXX1234" or "UPI zoXXXX@okhdfcbank": only ever the masked form. */
export const methodText = (method: AdminWithdrawal['method']) => (method.type === 'bank' ? `Bank account ${method.masked}` : `UPI ${method.masked}`);

/** When the withdrawal reached `status`, if it did. */
export const reachedAt = (w: Pick<AdminWithdrawal, 'timeline'>, status: WithdrawalStatus) => w.timeline.find((step) => step.status === status)?.at ?? null;
