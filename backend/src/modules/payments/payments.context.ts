import type { Db } from '../../db/client.js';
import type { Logger } from '../../lib/logger.js';
import type { PaymentProvider } from './payment-provider.js';
import type { payments, refunds } from './payments.tables.js';

export type PaymentRow = typeof payments.$inferSelect;
export type RefundRow = typeof refunds.$inferSelect;

/** The money for a payment was captured: runs inside the transaction that records it (the payment is claimed). */
export interface PaymentCaptured {
  payment: PaymentRow;
  gatewayPaymentId: string;
  at: Date;
}

/** The gateway processed one of our refunds. */
export interface RefundProcessed {
  refund: RefundRow;
  at: Date;
}

/**
 * What happens elsewhere when money moves. Payments knows a payment only by what it pays for (`bookingId`, an
 * opaque id here); the module that sold it reacts, inside the same transaction, so a capture and what it buys
 * commit together. `app.ts` wires them (bookings' reactions live in `bookings.payments.ts`).
 */
export interface PaymentReactions {
  /**
   * Whatever it returns comes back to the caller of `confirmPayment` / `verifyCheckout` (the booking as it
   * stands, so the checkout's answer needs no second read).
   */
  captured(tx: Db, event: PaymentCaptured): Promise<unknown>;
  refundProcessed(tx: Db, event: RefundProcessed): Promise<void>;
}

/** What the payments services need, built once by the app (or the job runner). */
export interface PaymentsContext {
  db: Db;
  provider: PaymentProvider;
  logger: Logger;
  /** Orders still unpaid after this long are asked about (a lost webhook, a closed browser). */
  reconcileAfterMinutes: number;
  reactions: PaymentReactions;
}

/** The payout side of the gateway (RazorpayX), as the payouts module sees it. */
export type { FundAccountDetails, PayoutMode, PayoutProvider, ProviderPayout, ProviderPayoutWebhook } from './payout-provider.js';
