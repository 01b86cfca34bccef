import type { Db } from '../../db/client.js';
import { formatInr } from '../../lib/money.js';
import { publish } from '../../lib/events.js';
import { notify, type NotifyInput } from '../notifications/notifications.service.js';
import { listAdmins } from '../users/users.service.js';
import type { PayoutsContext, WithdrawalRow } from './payouts.context.js';

type Step = 'requested' | 'approved' | 'rejected' | 'processing' | 'processed' | 'failed' | 'reversed';

const methodOf = (w: WithdrawalRow) => (w.methodType === 'bank' ? `bank account ${w.methodMasked}` : `UPI ${w.methodMasked}`);

/** What the mentor is told at each step, in-app and by email (a request only in-app: they just made it). */
function mentorMessage(w: WithdrawalRow, step: Step): { title: string; body: string; email: boolean } | null {
  const amount = formatInr(w.amountPaise);
  switch (step) {
    case 'requested':
      return w.source === 'weekly'
        ? { title: `Weekly payout of ${amount} started`, body: `Your weekly automatic payout of ${amount} to ${methodOf(w)} is on its way.`, email: true }
        : { title: `Withdrawal of ${amount} requested`, body: `We have your request to withdraw ${amount} to ${methodOf(w)}. An admin reviews it shortly.`, email: false };
    case 'approved':
      return { title: `Withdrawal of ${amount} approved`, body: `Your withdrawal of ${amount} was approved and is being sent to ${methodOf(w)}.`, email: true };
    case 'rejected':
      return { title: `Withdrawal of ${amount} declined`, body: `Your withdrawal of ${amount} was declined: ${w.rejectReason ?? 'no reason given'}. The money is back in your wallet.`, email: true };
    case 'processing':
      return null;
    case 'processed':
      return { title: `${amount} sent to your account`, body: `Your withdrawal of ${amount} reached ${methodOf(w)}. Bank reference (UTR): ${w.utr ?? 'pending'}.`, email: true };
    case 'failed':
      return { title: `Withdrawal of ${amount} failed`, body: `Your withdrawal of ${amount} to ${methodOf(w)} failed: ${w.failureReason ?? 'the bank did not accept it'}. The money is back in your wallet.`, email: true };
    case 'reversed':
      return { title: `Withdrawal of ${amount} returned by the bank`, body: `The bank returned your withdrawal of ${amount}: ${w.failureReason ?? 'no reason given'}. The money is back in your wallet.`, email: true };
  }
}

/** Admins hear of new requests (their queue) and of payouts that did not arrive. */
function adminMessage(w: WithdrawalRow, step: Step): { title: string; body: string } | null {
  const amount = formatInr(w.amountPaise);
  if (step === 'requested' && w.source === 'mentor') return { title: `Withdrawal of ${amount} to approve`, body: `A mentor asked to withdraw ${amount} to ${methodOf(w)}.` };
  if (step === 'failed' || step === 'reversed') return { title: `Payout of ${amount} ${step}`, body: `A payout of ${amount} ${step}: ${w.failureReason ?? 'no reason given'}. The money went back to the mentor's wallet.` };
  return null;
}

/** Tells the mentor (and, where it is theirs to act or know, every admin) of a withdrawal's step, in the caller's transaction. */
export async function notifyWithdrawal(ctx: PayoutsContext, tx: Db, w: WithdrawalRow, step: Step): Promise<void> {
  const context = { amount: formatInr(w.amountPaise), method: methodOf(w), utr: w.utr };
  /** One person's notice; emailed too when `actionLabel` (the email's button) is given. */
  const input = (userId: string, type: string, message: { title: string; body: string }, path: string, actionLabel: string | null): NotifyInput => ({
    userId,
    type,
    title: message.title,
    body: message.body,
    eventKey: `withdrawal:${w.id}:${step}`,
    data: { withdrawalId: w.id },
    actionUrl: `${ctx.publicUrl}${path}`,
    email: actionLabel ? { template: 'withdrawal-update', context: { ...context, message: message.body }, actionLabel } : undefined,
  });
  const inputs: NotifyInput[] = [];
  const mentor = mentorMessage(w, step);
  if (mentor) inputs.push(input(w.mentorId, `withdrawal_${step}`, mentor, '/wallet', mentor.email ? 'Open your wallet' : null));
  const admin = adminMessage(w, step);
  if (admin) {
    for (const a of await listAdmins(tx)) {
      inputs.push({ ...input(a.id, `admin_withdrawal_${step}`, admin, '/admin/withdrawals', 'Open the withdrawals queue'), recipient: { name: a.name, email: a.email } });
    }
  }
  await notify(tx, inputs);
  // The mentor's wallet and the admins' queue change on every step: told to them live.
  publish(tx, { type: 'withdrawal.updated', withdrawalId: w.id, mentorId: w.mentorId, status: w.status });
}
