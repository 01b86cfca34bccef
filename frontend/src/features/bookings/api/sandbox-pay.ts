import { z } from 'zod';
import { env } from '@/config/env';
import { gatewayPaymentSchema, type GatewayPayment } from './verify-payment';

export type PaymentMethod = 'card' | 'upi' | 'netbanking';

export interface SandboxPayInput {
  keyId: string;
  orderId: string;
  outcome: 'success' | 'failure';
  method: PaymentMethod;
}

// Razorpay's own error shape, which the sandbox copies: not problem+json.
const gatewayErrorSchema = z.object({
  error: z.object({
    code: z.string().optional(),
    description: z.string().optional(),
    reason: z.string().optional(),
    step: z.string().optional(),
    metadata: z.object({ payment_id: z.string().optional(), order_id: z.string().optional() }).partial().optional(),
  }),
});

/** A payment the gateway declined, described the way Razorpay describes it. */
export class PaymentFailedError extends Error {
  override readonly name = 'PaymentFailedError';
  readonly reason: string | null;
  readonly paymentId: string | null;

  constructor(description: string, reason: string | null = null, paymentId: string | null = null) {
    super(description);
    this.reason = reason;
    this.paymentId = paymentId;
  }
}

/**
 * POST /sandbox/razorpay/v1/checkout/pay: what Razorpay's hosted checkout does when the payer presses
 * Pay, played by our backend's sandbox. A plain fetch on purpose: the real one is a third party that
 * gets no bearer token, and neither does its stand-in.
 */
export async function sandboxPay({ keyId, orderId, outcome, method }: SandboxPayInput): Promise<GatewayPayment> {
  let response: Response;
  try {
    response = await fetch(`${env.API_URL}/sandbox/razorpay/v1/checkout/pay`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ key_id: keyId, order_id: orderId, outcome, method }),
    });
  } catch {
    throw new PaymentFailedError('We could not reach the payment page. Check your connection and try again.', 'network_error');
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (response.ok) {
    const payment = gatewayPaymentSchema.safeParse(body);
    if (payment.success) return payment.data;
    throw new PaymentFailedError('The payment page gave an answer we could not read. Please try again.', 'invalid_response');
  }
  const failure = gatewayErrorSchema.safeParse(body);
  if (failure.success) {
    const { description, reason, metadata } = failure.data.error;
    throw new PaymentFailedError(description ?? 'Payment failed', reason ?? null, metadata?.payment_id ?? null);
  }
  throw new PaymentFailedError('Payment failed', null);
}
