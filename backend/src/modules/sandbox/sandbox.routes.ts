import express, { Router, type ErrorRequestHandler, type RequestHandler, type Response } from 'express';
import type { z, ZodType } from 'zod';
import type { Db } from '../../db/client.js';
import type { Logger } from '../../lib/logger.js';
import { faultInjection } from './sandbox.faults.js';
import { cancelPayout, createContact, createFundAccount, createPayout, getPayout, listPayouts, simulatePayout } from './sandbox.payouts.js';
import {
  captureSchema,
  checkoutOrderQuerySchema,
  checkoutPaySchema,
  createContactSchema,
  createFundAccountSchema,
  createOrderSchema,
  createPayoutSchema,
  listQuerySchema,
  payoutIdempotencyKeySchema,
  payoutListQuerySchema,
  periodQuerySchema,
  refundIdempotencyKeySchema,
  refundSchema,
  simulatePayoutSchema,
} from './sandbox.schemas.js';
import {
  badRequest,
  capturePayment,
  checkoutPay,
  createOrder,
  getCheckoutOrder,
  getOrder,
  getPayment,
  getRefund,
  invalidApiKey,
  listOrderPayments,
  listPaymentRefunds,
  listPayments,
  listRefunds,
  refundPayment,
  SandboxError,
  secretsEqual,
  type SandboxSettings,
} from './sandbox.service.js';
import type { SandboxWorker } from './sandbox.worker.js';

/**
 * Razorpay's REST API and RazorpayX's payout API (the parts the product uses), plus the calls of the sandbox
 * checkout page and the bank's stand-in (`simulate`). Mounted at `/sandbox/razorpay`, so the razorpay SDK pointed
 * at that base URL finds `/v1/orders` etc. where it expects. Every answer — errors included — is in Razorpay's
 * format, never the product's problem+json. Fault injection applies to the authenticated API only.
 */
export function sandboxRouter({ db, settings, worker, logger }: { db: Db; settings: SandboxSettings; worker: Pick<SandboxWorker, 'kick'>; logger: Logger }): Router {
  const router = Router();
  router.use(express.json({ limit: '64kb' }));

  // The browser's calls: no API secret there, only the public key id, checked by the service.
  router.post('/v1/checkout/pay', async (req, res) => {
    const result = await checkoutPay(db, settings, parse(checkoutPaySchema, req.body ?? {}, req.body));
    worker.kick();
    if (result.ok) res.json(result.body);
    else sendError(res, result.error);
  });
  router.get('/v1/checkout/orders/:id', async (req, res) => {
    const { key_id } = parse(checkoutOrderQuerySchema, req.query, req.query);
    res.json(await getCheckoutOrder(db, settings, req.params.id, key_id));
  });

  // The bank's stand-in, for tests and demos: no API keys, like the checkout page.
  router.post('/v1/payouts/:id/simulate', async (req, res) => {
    const { outcome } = parse(simulatePayoutSchema, req.body ?? {}, req.body);
    const payout = await simulatePayout(db, settings, req.params.id, outcome);
    worker.kick();
    res.json(payout);
  });

  router.use('/v1', basicAuth(settings));
  router.use('/v1', faultInjection(settings));

  router.post('/v1/orders', async (req, res) => {
    res.json(await createOrder(db, settings, parse(createOrderSchema, req.body ?? {}, req.body)));
  });
  router.get('/v1/orders/:id', async (req, res) => {
    res.json(await getOrder(db, req.params.id));
  });
  router.get('/v1/orders/:id/payments', async (req, res) => {
    res.json(await listOrderPayments(db, req.params.id));
  });
  router.get('/v1/payments', async (req, res) => {
    res.json(await listPayments(db, parse(periodQuerySchema, req.query, req.query)));
  });
  router.get('/v1/payments/:id', async (req, res) => {
    res.json(await getPayment(db, req.params.id));
  });
  router.post('/v1/payments/:id/capture', async (req, res) => {
    const payment = await capturePayment(db, settings, req.params.id, parse(captureSchema, req.body ?? {}, req.body));
    worker.kick();
    res.json(payment);
  });
  router.post('/v1/payments/:id/refund', async (req, res) => {
    const header = req.get('X-Refund-Idempotency');
    const key = header === undefined ? null : parse(refundIdempotencyKeySchema, header, header, 'X-Refund-Idempotency');
    const refund = await refundPayment(db, settings, req.params.id, parse(refundSchema, req.body ?? {}, req.body), key);
    worker.kick();
    res.json(refund);
  });
  router.get('/v1/payments/:id/refunds', async (req, res) => {
    res.json(await listPaymentRefunds(db, req.params.id, parse(listQuerySchema, req.query, req.query)));
  });
  router.get('/v1/payments/:id/refunds/:refundId', async (req, res) => {
    res.json(await getRefund(db, req.params.refundId, req.params.id));
  });
  router.get('/v1/refunds', async (req, res) => {
    res.json(await listRefunds(db, parse(periodQuerySchema, req.query, req.query)));
  });
  router.get('/v1/refunds/:id', async (req, res) => {
    res.json(await getRefund(db, req.params.id));
  });

  // RazorpayX
  router.post('/v1/contacts', async (req, res) => {
    res.json(await createContact(db, parse(createContactSchema, req.body ?? {}, req.body)));
  });
  router.post('/v1/fund_accounts', async (req, res) => {
    res.json(await createFundAccount(db, parse(createFundAccountSchema, req.body ?? {}, req.body)));
  });
  router.post('/v1/payouts', async (req, res) => {
    const header = req.get('X-Payout-Idempotency');
    if (header === undefined) throw badRequest('The X-Payout-Idempotency header is required.', { field: 'X-Payout-Idempotency' });
    const key = parse(payoutIdempotencyKeySchema, header, header, 'X-Payout-Idempotency');
    const payout = await createPayout(db, settings, parse(createPayoutSchema, req.body ?? {}, req.body), key);
    worker.kick();
    res.json(payout);
  });
  router.get('/v1/payouts', async (req, res) => {
    res.json(await listPayouts(db, settings, parse(payoutListQuerySchema, req.query, req.query)));
  });
  router.get('/v1/payouts/:id', async (req, res) => {
    res.json(await getPayout(db, req.params.id));
  });
  router.post('/v1/payouts/:id/cancel', async (req, res) => {
    res.json(await cancelPayout(db, req.params.id));
  });

  router.use('/v1', (_req, res) => sendError(res, badRequest('The requested URL was not found on the server.')));
  router.use(errorHandler(logger));
  return router;
}

function sendError(res: Response, error: SandboxError): void {
  res.status(error.status).json(error.body);
}

/**
 * Parses input with Razorpay's kind of answer to bad input: 400 naming the first offending field. An unknown
 * field is reported the way Razorpay words it.
 */
function parse<T extends ZodType>(schema: T, value: unknown, original: unknown, fieldName?: string): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  if (issue.code === 'unrecognized_keys') {
    throw badRequest(`${issue.keys.join(', ')} is/are not required and should not be sent`, { field: issue.keys[0] ?? '' });
  }
  const field = fieldName ?? issue.path.map(String).join('.');
  const missing = ['invalid_type', 'invalid_value', 'invalid_union'].includes(issue.code) && valueAt(original, issue.path) === undefined;
  throw badRequest(missing && field ? `The ${field} field is required.` : issue.message, field ? { field } : {});
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** HTTP Basic auth with the sandbox's key id and secret, compared in constant time. */
function basicAuth(settings: SandboxSettings): RequestHandler {
  return (req, res, next) => {
    const header = req.get('Authorization') ?? '';
    const [scheme, encoded] = header.split(' ');
    const decoded = scheme?.toLowerCase() === 'basic' && encoded ? Buffer.from(encoded, 'base64').toString('utf8') : '';
    const colon = decoded.indexOf(':');
    const keyId = colon > 0 ? decoded.slice(0, colon) : '';
    const secret = colon > 0 ? decoded.slice(colon + 1) : '';
    // Both comparisons always run, so the timing does not tell which part was wrong.
    const idOk = secretsEqual(keyId, settings.keyId);
    const secretOk = secretsEqual(secret, settings.keySecret);
    if (idOk && secretOk) {
      next();
      return;
    }
    sendError(res, invalidApiKey());
  };
}

interface BodyParserError {
  type?: unknown;
  status?: unknown;
}

/** Errors become Razorpay's error body; only a real fault is a 500, and its detail goes to the log alone. */
function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, _req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    if (err instanceof SandboxError) {
      sendError(res, err);
      return;
    }
    // body-parser marks its own errors with a `type` and a 4xx status: the client's fault, never a 500.
    const parserError = (err ?? {}) as BodyParserError;
    if (typeof parserError.type === 'string' && typeof parserError.status === 'number' && parserError.status < 500) {
      sendError(res, badRequest(parserError.type === 'entity.parse.failed' ? 'The request body is not valid JSON' : 'The request body could not be read'));
      return;
    }
    logger.error({ err }, 'sandbox gateway error');
    res.status(500).json({
      error: {
        code: 'SERVER_ERROR',
        description: 'The server encountered an error. The incident has been reported to admins.',
        source: 'internal',
        step: 'payment_initiation',
        reason: 'server_error',
        metadata: {},
      },
    });
  };
}
