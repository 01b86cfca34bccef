/**
 * Payouts to a mentor's bank account or UPI id (RazorpayX; `../shared/RAZORPAY.md`), as the wallet will see them:
 * the interface the RazorpayX adapter and the sandbox's payout API are built against. Amounts are integer paise.
 */

export type PayoutMode = 'IMPS' | 'NEFT' | 'RTGS' | 'UPI';

/** RazorpayX's payout states mapped onto ours: money is on its way, arrived, or came back. */
export type ProviderPayoutStatus = 'queued' | 'pending' | 'processing' | 'processed' | 'reversed' | 'failed' | 'rejected' | 'cancelled';

export interface ProviderPayout {
  id: string;
  fundAccountId: string;
  amountPaise: number;
  status: ProviderPayoutStatus;
  mode: PayoutMode;
  /** Our withdrawal id: a retry with the same reference finds the payout it already made. */
  referenceId: string;
  /** The bank's reference, once the payout is processing or done. */
  utr: string | null;
  failureReason: string | null;
  /** Seconds since the epoch, as gateways report it. */
  createdAt: number;
}

/** What a verified payout webhook says, in our terms. */
export type ProviderPayoutWebhook = { kind: 'payout'; event: string; payout: ProviderPayout } | { kind: 'other'; event: string };

export type FundAccountDetails =
  | { kind: 'bank_account'; holderName: string; ifsc: string; accountNumber: string }
  | { kind: 'vpa'; address: string };

export interface PayoutProvider {
  createContact(input: { name: string; email: string; referenceId: string }): Promise<{ id: string }>;
  /** Fund accounts can't be edited; identical details return the existing one. */
  createFundAccount(input: { contactId: string; details: FundAccountDetails }): Promise<{ id: string }>;
  /** `idempotencyKey` travels as X-Payout-Idempotency; a retry must send the identical body. */
  createPayout(input: { fundAccountId: string; amountPaise: number; mode: PayoutMode; referenceId: string; narration: string; idempotencyKey: string }): Promise<ProviderPayout>;
  fetchPayout(payoutId: string): Promise<ProviderPayout>;
  /** Only a queued payout can be cancelled. */
  cancelPayout(payoutId: string): Promise<ProviderPayout>;
  /** Every payout created in [from, to) (all pages), for reconciliation. */
  listPayouts(period: { from: Date; to: Date }): Promise<ProviderPayout[]>;
  verifyWebhookSignature(rawBody: Buffer, signature: string): boolean;
  /** A verified payout webhook body (`{event: 'payout.processed', payload: {payout: {entity}}}`) in our terms. */
  parseWebhook(payload: Record<string, unknown>): ProviderPayoutWebhook;
}
