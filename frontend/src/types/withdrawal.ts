import { z } from 'zod';

/** A withdrawal as the API returns it, to the mentor and (with the mentor added) to the admin. */

export const withdrawalStatuses = ['requested', 'approved', 'processing', 'processed', 'rejected', 'failed', 'reversed'] as const;
export type WithdrawalStatus = (typeof withdrawalStatuses)[number];

export const withdrawalSchema = z.object({
  id: z.string(),
  amountPaise: z.number().int(),
  status: z.enum(withdrawalStatuses),
  source: z.enum(['mentor', 'weekly']),
  method: z.object({ type: z.enum(['bank', 'upi']), masked: z.string() }),
  requestedAt: z.string(),
  timeline: z.array(z.object({ status: z.enum(withdrawalStatuses), at: z.string() })),
  /** The gateway's payout id (pout_…), once made. */
  payoutId: z.string().nullable(),
  /** The bank's reference, once processed. */
  utr: z.string().nullable(),
  failureReason: z.string().nullable(),
  rejectReason: z.string().nullable(),
});

export type Withdrawal = z.infer<typeof withdrawalSchema>;

/** The badge colour of each status, the same for the mentor and the admin. */
export const withdrawalStatusColors: Record<WithdrawalStatus, string> = {
  requested: 'yellow',
  approved: 'blue',
  processing: 'blue',
  processed: 'teal',
  rejected: 'red',
  failed: 'red',
  reversed: 'orange',
};
