/**
 * The payment gateway as the rest of the product sees it (DESIGN.md §2: payments is the only door to it). An
 * adapter maps its provider's wire format and statuses onto these types, so nothing outside the adapter sees an
 * SDK, a raw entity or a provider's status string. Amounts are integer paise.
 */

export type ProviderName = 'razorpay' | 'sandbox';

export interface ProviderOrder {
  id: string;
  status: 'created' | 'attempted' | 'paid';
  amountPaise: number;
  amountPaidPaise: number;
  receipt: string | null;
}

/** A payment attempt at the gateway: `authorized` money still has to be captured; `captured` money is ours. */
export type ProviderPaymentStatus = 'created' | 'authorized' | 'captured' | 'refunded' | 'failed';

export interface ProviderPayment {
  id: string;
  orderId: string;
  status: ProviderPaymentStatus;
  amountPaise: number;
  amountRefundedPaise: number;
  method: string | null;
  errorDescription: string | null;
  /** Seconds since the epoch, as gateways report it. */
  createdAt: number;
}

export type ProviderRefundStatus = 'pending' | 'processed' | 'failed';

export interface ProviderRefund {
  id: string;
  paymentId: string;
  amountPaise: number;
  status: ProviderRefundStatus;
  /** Our own refund id, sent as the receipt: a retry finds the refund it already made. */
  receipt: string | null;
  createdAt: number;
}

/** What a verified webhook says, in our terms. */
export type ProviderWebhook =
  | { kind: 'payment'; event: 'authorized' | 'captured' | 'failed' | 'order_paid'; payment: ProviderPayment }
  | { kind: 'refund'; event: 'created' | 'processed' | 'failed'; refund: ProviderRefund }
  | { kind: 'other'; event: string };

/**
 * A gateway call that failed. `outcomeUnknown` means no answer came back (timeout, refused connection, a 5xx):
 * the call may or may not have taken effect, so it must be retried idempotently and then reconciled.
 */
export class ProviderError extends Error {
  constructor(
    message: string,
    readonly statusCode: number | null,
    readonly code: string | null,
    readonly outcomeUnknown: boolean,
  ) {
    super(message);
  }
}

export interface CreateOrderInput {
  amountPaise: number;
  receipt: string;
  notes: Record<string, string>;
  /**
   * `automatic` has the gateway capture a payment as soon as it is authorized, so a verified checkout signature
   * means the money is captured; `manual` leaves it authorized until `capture` is called.
   */
  capture: 'automatic' | 'manual';
}

export interface PaymentProvider {
  readonly name: ProviderName;
  /** The public key the browser's checkout is opened with. */
  readonly keyId: string;
  createOrder(input: CreateOrderInput): Promise<ProviderOrder>;
  fetchOrder(orderId: string): Promise<ProviderOrder>;
  fetchOrderPayments(orderId: string): Promise<ProviderPayment[]>;
  fetchPayment(paymentId: string): Promise<ProviderPayment>;
  capture(paymentId: string, amountPaise: number): Promise<ProviderPayment>;
  /** Idempotent by `refundId`: a refund already made with it is returned instead of a second one. */
  refund(paymentId: string, input: { amountPaise: number; refundId: string; notes?: Record<string, string> }): Promise<ProviderRefund>;
  fetchRefunds(paymentId: string): Promise<ProviderRefund[]>;
  /** Every payment created in [from, to) (all pages), for reconciliation. */
  listPayments(period: { from: Date; to: Date }): Promise<ProviderPayment[]>;
  /** Every refund created in [from, to) (all pages), for reconciliation. */
  listRefunds(period: { from: Date; to: Date }): Promise<ProviderRefund[]>;
  /** Checkout's proof of payment for the order id *we stored*, never the one the browser sends back. */
  verifyCheckoutSignature(storedOrderId: string, paymentId: string, signature: string): boolean;
  /** A webhook's signature over the exact bytes received. */
  verifyWebhookSignature(rawBody: Buffer, signature: string): boolean;
  /** A verified webhook body in our terms. */
  parseWebhook(payload: Record<string, unknown>): ProviderWebhook;
}
