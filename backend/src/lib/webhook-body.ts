import express, { type Request } from 'express';
import { AppError } from './errors.js';

/** Webhook routes read the exact bytes received: their signatures cover those, never re-serialised JSON. */
export const rawWebhookBody = () => express.raw({ type: () => true, limit: '1mb' });

/**
 * The JSON body of a webhook signed with an HMAC over its raw bytes (`X-Razorpay-Signature`), once `verify` accepts
 * the signature; a bad signature or a body that is not JSON is a 400 and nothing else happens.
 */
export function signedJsonBody(req: Request, verify: (raw: Buffer, signature: string) => boolean): Record<string, unknown> {
  const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  if (!verify(raw, req.header('X-Razorpay-Signature') ?? '')) throw new AppError('signature_invalid', 'The webhook signature does not match', 400);
  try {
    return JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
  } catch {
    throw new AppError('malformed_json', 'The webhook body is not JSON', 400);
  }
}
