import { createHmac, timingSafeEqual } from 'node:crypto';

/** hex(HMAC-SHA256(payload, secret)): how Razorpay signs checkout results, webhooks and payout webhooks. */
export function hmacHex(secret: string, payload: string | Buffer): string {
  return createHmac('sha256', secret).update(payload).digest('hex');
}

/**
 * Constant-time comparison of two hex signatures; a malformed one is simply unequal. The string lengths are
 * compared first because `Buffer.from(hex, 'hex')` silently drops a trailing odd digit: without that check a
 * valid signature with one extra hex digit appended would match.
 */
export function signaturesMatch(expectedHex: string, givenHex: string): boolean {
  if (givenHex.length !== expectedHex.length || !/^[0-9a-f]+$/i.test(givenHex)) return false;
  const expected = Buffer.from(expectedHex, 'hex');
  const given = Buffer.from(givenHex, 'hex');
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** Whether `signatureHex` is HMAC-SHA256(payload, secret): checkout results and webhook bodies (raw bytes). */
export const hmacMatches = (secret: string, payload: string | Buffer, signatureHex: string) => signaturesMatch(hmacHex(secret, payload), signatureHex);
