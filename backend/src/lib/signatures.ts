import { createHmac } from 'node:crypto';

/** hex(HMAC-SHA256(payload, secret)): how Razorpay signs checkout results and webhooks. */
export function hmacHex(secret: string, payload: string | Buffer): string {
  return createHmac('sha256', secret).update(payload).digest('hex');
}
