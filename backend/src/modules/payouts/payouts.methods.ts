import { and, eq, inArray, sql } from 'drizzle-orm';
import { inTransaction } from '../../db/transaction.js';
import { clock } from '../../lib/clock.js';
import { AppError, conflict, invalidField, notFound } from '../../lib/errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { verifyPassword } from '../auth/auth.service.js';
import { notify } from '../notifications/notifications.service.js';
import type { FundAccountDetails, PayoutMode } from '../payments/payments.context.js';
import { getUser } from '../users/users.service.js';
import type { PayoutMethodRow, PayoutsContext } from './payouts.context.js';
import { bankOfIfsc, maskedPayoutMethod, type PayoutMethodInput } from './payouts.details.js';
import { OPEN_WITHDRAWAL_STATUSES, payoutMethods, withdrawals } from './payouts.tables.js';

/**
 * Where a mentor's money goes. The details are sealed, bound to the mentor's id (moved to another row they don't
 * open); only the masked form is ever returned or logged. A change asks for the password again, is audited (masked)
 * and told to the mentor by email, so a stolen session can't quietly redirect payouts.
 */

type SealedDetails = { type: 'bank'; holderName: string; accountNumber: string; ifsc: string } | { type: 'upi'; vpa: string };

export const payoutMethodMissing = () => new AppError('payout_method_missing', 'Add a bank account or UPI id to withdraw to first', 422);

export function toPayoutMethodDto(row: PayoutMethodRow) {
  return row.type === 'bank'
    ? { type: 'bank' as const, masked: row.masked, ifsc: row.ifsc, bankName: row.bankName, autoPayout: row.autoPayout }
    : { type: 'upi' as const, masked: row.masked, autoPayout: row.autoPayout };
}

export async function findPayoutMethod(ctx: PayoutsContext, mentorId: string): Promise<PayoutMethodRow | undefined> {
  const [row] = await ctx.db.select().from(payoutMethods).where(eq(payoutMethods.mentorId, mentorId));
  return row;
}

export async function getPayoutMethod(ctx: PayoutsContext, mentorId: string) {
  const row = await findPayoutMethod(ctx, mentorId);
  if (!row) throw notFound('Payout method');
  return toPayoutMethodDto(row);
}

export async function setPayoutMethod(ctx: PayoutsContext, mentorId: string, input: PayoutMethodInput, now = clock.now()) {
  if (!(await verifyPassword(ctx.db, mentorId, input.password))) throw invalidField('password', 'That is not your password');
  const details: SealedDetails =
    input.type === 'bank' ? { type: 'bank', holderName: input.holderName, accountNumber: input.accountNumber, ifsc: input.ifsc } : { type: 'upi', vpa: input.vpa };
  const shown = maskedPayoutMethod(details);
  const sealed = ctx.box.seal(JSON.stringify(details), mentorId);
  const keyId = sealed.split('.')[1]!;
  const ifsc = details.type === 'bank' ? details.ifsc : null;
  const bankName = details.type === 'bank' ? (bankOfIfsc(details.ifsc)?.bankName ?? null) : null;
  const mentor = await getUser(ctx.db, mentorId);
  return inTransaction(ctx.db, async (tx) => {
    // A withdrawal on its way goes where it was asked to go: the details can change once it is done.
    const [open] = await tx
      .select({ id: withdrawals.id })
      .from(withdrawals)
      .where(and(eq(withdrawals.mentorId, mentorId), inArray(withdrawals.status, [...OPEN_WITHDRAWAL_STATUSES])))
      .for('update');
    if (open) throw conflict('withdrawal_open', 'A withdrawal is on its way to your current payout method; change it once that withdrawal is done');
    const [row] = await tx
      .insert(payoutMethods)
      .values({ mentorId, type: details.type, sealed, keyId, masked: shown.masked, ifsc, bankName, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({
        target: payoutMethods.mentorId,
        // New details need a new fund account at the gateway; the contact (the mentor) stays.
        set: { type: details.type, sealed, keyId, masked: shown.masked, ifsc, bankName, fundAccountId: null, updatedAt: now },
      })
      .returning();
    await recordAudit(tx, { actorId: mentorId, action: 'payout_method.changed', subjectType: 'payout_method', subjectId: mentorId, data: { type: details.type, masked: shown.masked, ifsc } }, now);
    await notify(tx, {
      userId: mentorId,
      type: 'payout_method_changed',
      title: 'Your payout method was changed',
      body: `Withdrawals now go to ${describeMethod(row!)}. If you did not make this change, change your password and contact us.`,
      eventKey: `payout_method:${mentorId}:${now.getTime()}`,
      actionUrl: `${ctx.publicUrl}/wallet`,
      recipient: { name: mentor.name, email: mentor.email },
      email: { template: 'withdrawal-update', context: { message: `Withdrawals now go to ${describeMethod(row!)}. If you did not make this change, change your password and contact us.` }, actionLabel: 'Open your wallet' },
    });
    return toPayoutMethodDto(row!);
  });
}

export async function setAutoPayout(ctx: PayoutsContext, mentorId: string, autoPayout: boolean, now = clock.now()) {
  return inTransaction(ctx.db, async (tx) => {
    const [row] = await tx.update(payoutMethods).set({ autoPayout, updatedAt: now }).where(eq(payoutMethods.mentorId, mentorId)).returning({ autoPayout: payoutMethods.autoPayout });
    if (!row) throw payoutMethodMissing();
    await recordAudit(tx, { actorId: mentorId, action: autoPayout ? 'auto_payout.enabled' : 'auto_payout.disabled', subjectType: 'payout_method', subjectId: mentorId }, now);
    return { autoPayout: row.autoPayout };
  });
}

export const describeMethod = (m: { type: 'bank' | 'upi'; masked: string; bankName?: string | null }) =>
  m.type === 'bank' ? `${m.bankName ?? 'bank'} account ${m.masked}` : `UPI ${m.masked}`;

/** IMPS for bank transfers up to ₹5 lakh (instant), NEFT above; UPI for a UPI id. Depends only on the withdrawal. */
export const payoutModeFor = (type: 'bank' | 'upi', amountPaise: number): PayoutMode => (type === 'upi' ? 'UPI' : amountPaise <= 50_000_000 ? 'IMPS' : 'NEFT');

/**
 * The gateway fund account for a mentor's current details, made on first use: the contact once per mentor, the fund
 * account once per set of details (the gateway returns the existing one for identical details, so a retry after a
 * lost answer makes no second). Kept only if the details did not change meanwhile.
 */
export async function fundAccountFor(ctx: PayoutsContext, mentorId: string): Promise<{ fundAccountId: string; type: 'bank' | 'upi' }> {
  const row = await findPayoutMethod(ctx, mentorId);
  if (!row) throw payoutMethodMissing();
  if (row.fundAccountId) return { fundAccountId: row.fundAccountId, type: row.type };
  let contactId = row.contactId;
  if (!contactId) {
    const mentor = await getUser(ctx.db, mentorId);
    contactId = (await ctx.provider.createContact({ name: mentor.name, email: mentor.email, referenceId: mentorId })).id;
    await ctx.db.update(payoutMethods).set({ contactId }).where(and(eq(payoutMethods.mentorId, mentorId), sql`${payoutMethods.contactId} is null`));
  }
  const details = JSON.parse(ctx.box.open(row.sealed, mentorId)) as SealedDetails;
  const fundDetails: FundAccountDetails =
    details.type === 'bank' ? { kind: 'bank_account', holderName: details.holderName, ifsc: details.ifsc, accountNumber: details.accountNumber } : { kind: 'vpa', address: details.vpa };
  const { id } = await ctx.provider.createFundAccount({ contactId, details: fundDetails });
  await ctx.db.update(payoutMethods).set({ fundAccountId: id }).where(and(eq(payoutMethods.mentorId, mentorId), eq(payoutMethods.sealed, row.sealed)));
  return { fundAccountId: id, type: row.type };
}
