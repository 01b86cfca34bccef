import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import express from 'express';
import { pino } from 'pino';
import type { Database } from '../db/client.js';
import { createTestDatabase } from '../db/test-database.js';
import type { Logger } from '../lib/logger.js';
import { sandboxRouter } from '../modules/sandbox/sandbox.routes.js';
import type { SandboxSettings } from '../modules/sandbox/sandbox.service.js';
import { createSandboxWorker, type SandboxWorker } from '../modules/sandbox/sandbox.worker.js';

/** One webhook as the receiver got it: the raw bytes, the headers, which endpoint. */
export interface Delivery {
  endpoint: 'payments' | 'payouts';
  eventId: string;
  signature: string;
  raw: Buffer;
  json: { entity: string; account_id: string; event: string; contains: string[]; payload: Record<string, { entity: Record<string, unknown> }>; created_at: number };
}

export interface SandboxGateway {
  database: Database;
  /** The settings the router reads on every request: a test may change `faultRate` or `latencyMs` between calls. */
  settings: SandboxSettings;
  worker: SandboxWorker;
  logger: Logger;
  origin: string;
  /** `<origin>/sandbox/razorpay` */
  baseUrl: string;
  deliveries: Delivery[];
  /** Fault injection's draws, taken in order; when empty a draw is 0.999 (no fault below a rate of 1). */
  draws: number[];
  /** Calls the sandbox's API with the API keys (unless `auth: false`); the answer's status and JSON body. */
  /** One call; with `timeoutMs`, an answer that does not come in time rejects, as a caller's timeout does. */
  api(method: string, path: string, options?: { body?: unknown; headers?: Record<string, string>; auth?: boolean; timeoutMs?: number }): Promise<{ status: number; body: Record<string, unknown> }>;
  close(): Promise<void>;
}

export const SANDBOX_TEST_KEYS = { keyId: 'rzp_test_SandboxKeyX0001', keySecret: 'sandbox-x-key-secret-0123456789', webhookSecret: 'sandbox-x-webhook-secret-9876543210' };
export const SANDBOX_TEST_ACCOUNT = '2323230000000001';

/**
 * The sandbox router on a real port with a webhook receiver for both endpoints (`/hooks` for payments, `/payout-hooks`
 * for payouts). By default the worker is stopped, so a test decides when time passes (runSandboxPass with a `now`).
 */
export async function startSandboxGateway(options: Partial<Pick<SandboxSettings, 'payoutDelayMs' | 'refundDelayMs' | 'chaos' | 'faultRate' | 'latencyMs'>> & { runningWorker?: boolean; database?: Database } = {}): Promise<SandboxGateway> {
  const database = options.database ?? (await createTestDatabase());
  const logs: string[] = [];
  const logger: Logger = pino(
    { level: 'debug' },
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        logs.push(chunk.toString());
        done();
      },
    }),
  );
  const app = express();
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const draws: number[] = [];
  const settings: SandboxSettings = {
    ...SANDBOX_TEST_KEYS,
    webhookUrl: `${origin}/hooks`,
    payoutWebhookUrl: `${origin}/payout-hooks`,
    chaos: options.chaos ?? false,
    refundDelayMs: options.refundDelayMs ?? 60_000,
    payoutDelayMs: options.payoutDelayMs ?? 60_000,
    accountNumber: SANDBOX_TEST_ACCOUNT,
    faultRate: options.faultRate ?? 0,
    latencyMs: options.latencyMs ?? 0,
    random: () => draws.shift() ?? 0.999,
  };
  const worker = createSandboxWorker({ db: database.db, settings, logger });
  if (!options.runningWorker) worker.stop();
  const deliveries: Delivery[] = [];
  const receive = (endpoint: Delivery['endpoint']): express.RequestHandler => (req, res) => {
    const raw = req.body as Buffer;
    deliveries.push({ endpoint, eventId: req.get('x-razorpay-event-id') ?? '', signature: req.get('X-Razorpay-Signature') ?? '', raw, json: JSON.parse(raw.toString('utf8')) });
    res.status(200).end();
  };
  app.use('/sandbox/razorpay', sandboxRouter({ db: database.db, settings, worker, logger }));
  app.post('/hooks', express.raw({ type: '*/*' }), receive('payments'));
  app.post('/payout-hooks', express.raw({ type: '*/*' }), receive('payouts'));
  const baseUrl = `${origin}/sandbox/razorpay`;
  const authorization = `Basic ${Buffer.from(`${settings.keyId}:${settings.keySecret}`).toString('base64')}`;

  return {
    database,
    settings,
    worker,
    logger,
    origin,
    baseUrl,
    deliveries,
    draws,
    async api(method, path, { body, headers = {}, auth = true, timeoutMs } = {}) {
      const response = await fetch(`${baseUrl}${path}`, {
        method,
        signal: timeoutMs === undefined ? undefined : AbortSignal.timeout(timeoutMs),
        headers: { ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...(auth ? { Authorization: authorization } : {}), ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
    },
    async close() {
      worker.stop();
      await worker.idle();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      if (!options.database) await database.close();
    },
  };
}
