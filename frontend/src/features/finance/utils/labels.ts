import type { MismatchKind, Mismatch } from '../types';

export const mismatchKindLabels: Record<MismatchKind, string> = {
  missing_at_gateway: 'Missing at the gateway',
  missing_in_records: 'Missing in our records',
  missing_in_ledger: 'Missing in the ledger',
  amount_differs: 'Amounts differ',
  status_differs: 'States differ',
};

export const mismatchKindColors: Record<MismatchKind, string> = {
  missing_at_gateway: 'red',
  missing_in_records: 'red',
  missing_in_ledger: 'orange',
  amount_differs: 'orange',
  status_differs: 'yellow',
};

export const subjectLabels: Record<Mismatch['subject'], string> = { payment: 'Payment', refund: 'Refund', payout: 'Payout' };

/** What each ledger code means, for people (the money movements of the audit trail): every code the backend writes. */
const moneyLabels: Record<string, string> = {
  capture: 'Payment captured into escrow',
  mentor_share: 'Mentor’s share held in escrow',
  commission: 'Commission held in escrow',
  gateway_fee: 'Gateway fee held in escrow',
  mentor_share_post: 'Mentor’s share released',
  commission_post: 'Commission earned',
  gateway_fee_post: 'Gateway fee charged',
  mentor_share_void: 'Mentor’s share cancelled',
  commission_void: 'Commission cancelled',
  gateway_fee_void: 'Gateway fee cancelled',
  refund: 'Refund set aside',
  kept_mentor_share: 'Mentor’s share of the kept part',
  kept_commission: 'Commission on the kept part',
  kept_gateway_fee: 'Gateway fee on the kept part',
  gateway_refund: 'Refund sent through the gateway',
  withdrawal: 'Withdrawal set aside',
  withdrawal_post: 'Withdrawal paid out',
  withdrawal_void: 'Withdrawal returned to the wallet',
  payout: 'Payout sent to the bank',
  payout_reversal: 'Payout returned by the bank',
};

/** Every action the backend audits (`recordAudit` in its modules), by whoever takes it: an admin, a mentor, the system. */
const adminLabels: Record<string, string> = {
  'mentor_application.approve': 'Approved a mentor application',
  'mentor_application.reject': 'Rejected a mentor application',
  'dispute.open': 'Opened a dispute',
  'dispute.resolve': 'Resolved a dispute',
  'review.hide': 'Hid a review',
  'review.restore': 'Restored a review',
  'withdrawal.requested': 'Requested a withdrawal',
  'withdrawal.approved': 'Approved a withdrawal',
  'withdrawal.rejected': 'Rejected a withdrawal',
  'withdrawal.processing': 'Payout on its way',
  'withdrawal.processed': 'Payout processed by the bank',
  'withdrawal.failed': 'Payout failed',
  'withdrawal.reversed': 'Payout returned by the bank',
  'withdrawal.weekly': 'Weekly automatic withdrawal',
  'payout_method.changed': 'Changed the payout method',
  'auto_payout.enabled': 'Turned on weekly automatic payouts',
  'auto_payout.disabled': 'Turned off weekly automatic payouts',
  'reconciliation.run': 'Ran a reconciliation',
};

/** "Payment captured into escrow" for `money.capture`, "Resolved a dispute" for `dispute.resolve`; else the action as it is. */
export function actionLabel(action: string): string {
  if (action.startsWith('money.')) return moneyLabels[action.slice('money.'.length)] ?? action;
  return adminLabels[action] ?? action;
}

/** `mentor_wallet:<id>` → "Mentor wallet", `gateway_clearing` → "Gateway clearing". */
export function accountLabel(account: unknown): string {
  const text = String(account ?? '');
  const kind = text.split(':')[0] ?? text;
  const words = kind.replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The suggestions of the audit trail's action filter: a prefix per area, and the money movements one by one. */
export const actionSuggestions: { value: string; label: string }[] = [
  { value: 'money.', label: 'Every money movement' },
  ...Object.keys(moneyLabels).map((code) => ({ value: `money.${code}`, label: moneyLabels[code]! })),
  { value: 'withdrawal.*', label: 'Withdrawals' },
  { value: 'dispute.*', label: 'Disputes' },
  { value: 'mentor_application.*', label: 'Mentor applications' },
  { value: 'payout_method.*', label: 'Payout methods' },
  { value: 'auto_payout.*', label: 'Weekly automatic payouts' },
  { value: 'review.*', label: 'Reviews' },
  { value: 'reconciliation.*', label: 'Reconciliations' },
];
