import express from 'express';
import { AppError } from '../../lib/errors.js';
import { endpoint } from '../../lib/http.js';
import { problemSchema } from '../../lib/problem.js';
import type { PaymentsContext } from './payments.context.js';
import { recordWebhookEvent } from './payments.webhooks.js';

export function paymentsEndpoints(ctx: PaymentsContext) {
  return [
    endpoint({
      method: 'post',
      path: '/api/payments/webhook',
      summary: 'Gateway webhooks (signed with X-Razorpay-Signature over the raw body)',
      tag: 'payments',
      access: 'public',
      // The signature covers the exact bytes received, so this route reads the raw body, never re-serialised JSON.
      before: [express.raw({ type: () => true, limit: '1mb' })],
      responses: { 200: { description: 'Accepted (or a repeat)' }, 400: { description: 'Bad signature or body', schema: problemSchema } },
      handler: async ({ req, res }) => {
        const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        const signature = req.header('X-Razorpay-Signature') ?? '';
        if (!ctx.provider.verifyWebhookSignature(raw, signature)) throw new AppError('signature_invalid', 'The webhook signature does not match', 400);
        let payload: Record<string, unknown>;
        try {
          payload = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
        } catch {
          throw new AppError('malformed_json', 'The webhook body is not JSON', 400);
        }
        const eventId = req.header('x-razorpay-event-id') ?? '';
        if (!/^[\w.-]{1,100}$/.test(eventId)) throw new AppError('missing_event_id', 'The x-razorpay-event-id header is missing', 400);
        const fresh = await recordWebhookEvent(ctx.db, eventId, payload);
        res.status(200).json({ received: true, duplicate: !fresh });
      },
    }),
  ];
}
