import { z } from 'zod';
import { pageSchema, paginationQuery } from '../../lib/pagination.js';

export { payoutMethodSchema } from './payouts.details.js';

export const WITHDRAWAL_STATUSES = ['requested', 'approved', 'processing', 'processed', 'rejected', 'failed', 'reversed'] as const;

export const payoutMethodOutSchema = z
  .object({
    type: z.enum(['bank', 'upi']),
    masked: z.string().meta({ description: 'Only the last four digits of an account, or the start of a UPI id' }),
    ifsc: z.string().nullable().optional(),
    bankName: z.string().nullable().optional(),
    autoPayout: z.boolean(),
  })
  .meta({ id: 'PayoutMethod' });

export const walletSettingsSchema = z.strictObject({ autoPayout: z.boolean('true or false') }).meta({ id: 'WalletSettings' });

export const requestWithdrawalSchema = z
  .strictObject({
    amountPaise: z.number('An amount in paise').int('Whole paise only').positive('Must be more than zero').max(1e13, 'Too large'),
  })
  .meta({ id: 'WithdrawalRequest' });

export const withdrawalSchema = z
  .object({
    id: z.uuid(),
    amountPaise: z.number().int(),
    status: z.enum(WITHDRAWAL_STATUSES),
    source: z.enum(['mentor', 'weekly']),
    method: z.object({ type: z.enum(['bank', 'upi']), masked: z.string() }),
    requestedAt: z.iso.datetime(),
    timeline: z.array(z.object({ status: z.enum(WITHDRAWAL_STATUSES), at: z.iso.datetime() })),
    payoutId: z.string().nullable().meta({ description: 'The gateway payout id (pout_…), once made' }),
    utr: z.string().nullable().meta({ description: 'The bank reference, once processed' }),
    failureReason: z.string().nullable(),
    rejectReason: z.string().nullable(),
  })
  .meta({ id: 'Withdrawal' });

export const adminWithdrawalSchema = withdrawalSchema.extend({ mentor: z.object({ id: z.uuid(), name: z.string(), email: z.string() }) }).meta({ id: 'AdminWithdrawal' });

export const withdrawalPageSchema = pageSchema(withdrawalSchema).meta({ id: 'WithdrawalPage' });
export const adminWithdrawalPageSchema = pageSchema(adminWithdrawalSchema).meta({ id: 'AdminWithdrawalPage' });

export const listWithdrawalsQuery = paginationQuery({ defaultLimit: 20, maxLimit: 100 });
export const adminListWithdrawalsQuery = paginationQuery({ defaultLimit: 20, maxLimit: 100 }).extend({
  status: z.enum(WITHDRAWAL_STATUSES, `One of ${WITHDRAWAL_STATUSES.join(', ')}`).optional(),
});

export const rejectWithdrawalSchema = z
  .strictObject({ reason: z.string('Say why, for the mentor').trim().min(3, 'Say why, for the mentor (at least 3 characters)').max(500, 'At most 500 characters') })
  .meta({ id: 'WithdrawalRejection' });
