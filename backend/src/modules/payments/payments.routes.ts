import { AppError } from '../../lib/errors.js';
import { endpoint } from '../../lib/http.js';
import { problemSchema } from '../../lib/problem.js';
import { rawWebhookBody, signedJsonBody } from '../../lib/webhook-body.js';
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
      before: [rawWebhookBody()],
      responses: { 200: { description: 'Accepted (or a repeat)' }, 400: { description: 'Bad signature or body', schema: problemSchema } },
      handler: async ({ req, res }) => {
        const payload = signedJsonBody(req, (raw, signature) => ctx.provider.verifyWebhookSignature(raw, signature));
        const eventId = req.header('x-razorpay-event-id') ?? '';
        if (!/^[\w.-]{1,100}$/.test(eventId)) throw new AppError('missing_event_id', 'The x-razorpay-event-id header is missing', 400);
        const fresh = await recordWebhookEvent(ctx.db, eventId, payload);
        res.status(200).json({ received: true, duplicate: !fresh });
      },
    }),
  ];
}
