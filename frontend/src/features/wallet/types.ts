import { z } from 'zod';
import { withdrawalSchema, type WithdrawalStatus } from '../../types/withdrawal';

/** Response shapes of the wallet API. Request schemas live next to the call that sends them. */

/** The five figures, read from the ledger by the server: the page shows them, never its own arithmetic. */
export const walletSchema = z.object({
  availablePaise: z.number().int(),
  inEscrowPaise: z.number().int(),
  withdrawnPaise: z.number().int(),
  lifetimeEarnedPaise: z.number().int(),
  inTransitPaise: z.number().int(),
});

export type Wallet = z.infer<typeof walletSchema>;

export const transactionTypes = ['earning', 'withdrawal', 'withdrawal_returned', 'payout_reversal'] as const;
export type TransactionType = (typeof transactionTypes)[number];

export const transactionStatuses = ['in_escrow', 'released', 'refunded', 'in_transit', 'paid', 'returned', 'settled'] as const;
export type TransactionStatus = (typeof transactionStatuses)[number];

/** One line of the wallet's statement. */
export const transactionSchema = z.object({
  id: z.string(),
  at: z.string(),
  type: z.enum(transactionTypes),
  /** Positive when money came in, negative when it went out. */
  amountPaise: z.number().int(),
  status: z.enum(transactionStatuses),
  settledAt: z.string().nullable(),
  bookingId: z.string().nullable(),
  withdrawalId: z.string().nullable(),
  /** For an earning: what the student paid, the commission and the gateway's fee. */
  split: z.object({ grossPaise: z.number().int(), commissionPaise: z.number().int(), gatewayFeePaise: z.number().int() }).nullable(),
  description: z.string(),
});

export type Transaction = z.infer<typeof transactionSchema>;

export const transactionPageSchema = z.object({
  items: z.array(transactionSchema),
  page: z.number().int(),
  limit: z.number().int(),
  total: z.number().int(),
});

export type TransactionPage = z.infer<typeof transactionPageSchema>;

/** Where withdrawals go, as the server shows it: masked, never the whole number. */
export const payoutMethodSchema = z.object({
  type: z.enum(['bank', 'upi']),
  masked: z.string(),
  ifsc: z.string().nullable().optional(),
  bankName: z.string().nullable().optional(),
  autoPayout: z.boolean(),
});

export type PayoutMethod = z.infer<typeof payoutMethodSchema>;

export { withdrawalSchema, withdrawalStatuses, type Withdrawal, type WithdrawalStatus } from '../../types/withdrawal';

export const withdrawalPageSchema = z.object({
  items: z.array(withdrawalSchema),
  page: z.number().int(),
  limit: z.number().int(),
  total: z.number().int(),
});

export type WithdrawalPage = z.infer<typeof withdrawalPageSchema>;

/** Still on its way: the server allows one at a time. */
export const openWithdrawalStatuses: ReadonlySet<WithdrawalStatus> = new Set(['requested', 'approved', 'processing']);
