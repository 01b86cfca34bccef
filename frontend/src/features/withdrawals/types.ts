import { z } from 'zod';
import { withdrawalSchema } from '../../types/withdrawal';

/** Response shapes of the admin's withdrawals API. */

export { withdrawalStatuses, type WithdrawalStatus } from '../../types/withdrawal';

/** A withdrawal as the admin sees it: the mentor's, with where it goes (masked only) and each step. */
export const adminWithdrawalSchema = withdrawalSchema.extend({
  mentor: z.object({ id: z.string(), name: z.string(), email: z.string() }),
});

export type AdminWithdrawal = z.infer<typeof adminWithdrawalSchema>;

/** What approving or rejecting answers: the withdrawal, without its mentor. */
export const decidedWithdrawalSchema = withdrawalSchema;
export type DecidedWithdrawal = z.infer<typeof decidedWithdrawalSchema>;

export const adminWithdrawalListSchema = z.object({
  items: z.array(adminWithdrawalSchema),
  page: z.number().int(),
  limit: z.number().int(),
  total: z.number().int(),
});

export type AdminWithdrawalList = z.infer<typeof adminWithdrawalListSchema>;

/** The queue's tabs: each status, waiting ones first, and every withdrawal at the end. */
export const queueTabs = ['requested', 'approved', 'processing', 'processed', 'failed', 'reversed', 'rejected', 'all'] as const;
export type QueueTab = (typeof queueTabs)[number];
