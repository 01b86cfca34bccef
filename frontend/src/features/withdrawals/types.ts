import { z } from 'zod';

/** Response shapes of the admin's withdrawals API (issue 13 contract). */

export const withdrawalStatuses = ['requested', 'approved', 'processing', 'processed', 'rejected', 'failed', 'reversed'] as const;
export type WithdrawalStatus = (typeof withdrawalStatuses)[number];

/** A withdrawal as the admin sees it: the mentor's, with where it goes (masked only) and each step. */
export const adminWithdrawalSchema = z.object({
  id: z.string(),
  amountPaise: z.number().int(),
  status: z.enum(withdrawalStatuses),
  source: z.enum(['mentor', 'weekly']),
  method: z.object({ type: z.enum(['bank', 'upi']), masked: z.string() }),
  requestedAt: z.string(),
  timeline: z.array(z.object({ status: z.enum(withdrawalStatuses), at: z.string() })),
  payoutId: z.string().nullable(),
  utr: z.string().nullable(),
  failureReason: z.string().nullable(),
  rejectReason: z.string().nullable(),
  mentor: z.object({ id: z.string(), name: z.string(), email: z.string() }),
});

export type AdminWithdrawal = z.infer<typeof adminWithdrawalSchema>;

/** What approving or rejecting answers: the withdrawal, without its mentor. */
export const decidedWithdrawalSchema = adminWithdrawalSchema.omit({ mentor: true });
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
