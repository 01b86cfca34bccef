import { describe, expect, it } from 'vitest';
import { actionLabel, actionSuggestions } from './labels';

// Every action the backend audits (`recordAudit(… action …)` in backend/src/modules) and every ledger code it posts
// (`code:` in backend/src/modules, pending holds made final `_post` or undone `_void`), as the audit log shows them.
const auditedActions = [
  'mentor_application.approve',
  'mentor_application.reject',
  'dispute.open',
  'dispute.resolve',
  'review.hide',
  'review.restore',
  'withdrawal.requested',
  'withdrawal.approved',
  'withdrawal.rejected',
  'withdrawal.processing',
  'withdrawal.processed',
  'withdrawal.failed',
  'withdrawal.reversed',
  'withdrawal.weekly',
  'payout_method.changed',
  'auto_payout.enabled',
  'auto_payout.disabled',
  'reconciliation.run',
];
const held = ['mentor_share', 'commission', 'gateway_fee', 'withdrawal'];
const ledgerCodes = [
  'capture',
  ...held.flatMap((code) => [code, `${code}_post`, `${code}_void`]),
  'refund',
  'gateway_refund',
  'kept_mentor_share',
  'kept_commission',
  'kept_gateway_fee',
  'payout',
  'payout_reversal',
];

describe('the audit log’s labels', () => {
  it('when any action the backend records is shown, then it has a sentence of its own, each a different one', () => {
    const labels = auditedActions.map(actionLabel);
    for (const [i, action] of auditedActions.entries()) expect(labels[i], action).not.toBe(action);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it('when any money movement is shown, then its ledger code has a sentence of its own, each a different one, and is offered in the filter', () => {
    const labels = ledgerCodes.map((code) => actionLabel(`money.${code}`));
    for (const [i, code] of ledgerCodes.entries()) expect(labels[i], code).not.toBe(`money.${code}`);
    expect(new Set(labels).size).toBe(labels.length);
    expect(actionLabel('money.withdrawal_void')).toBe('Withdrawal returned to the wallet');
    const offered = actionSuggestions.map((s) => s.value);
    for (const code of ledgerCodes) expect(offered).toContain(`money.${code}`);
    for (const area of new Set(auditedActions.map((action) => action.split('.')[0]))) expect(offered).toContain(`${area}.*`);
  });

  it('when an action is unknown, then it shows as it is', () => {
    expect(actionLabel('booking.teleport')).toBe('booking.teleport');
    expect(actionLabel('money.unheard_of')).toBe('money.unheard_of');
  });
});
