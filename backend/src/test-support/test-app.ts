import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import request from 'supertest';
import { authSettings, createApp } from '../app.js';
import { attachRealtime, type Realtime } from '../realtime/index.js';
import { gatewaySettings } from '../gateway-settings.js';
import { createRazorpaySdk } from '../modules/payments/razorpay.provider.js';
import { parseConfig, type Config } from '../config.js';
import type { Database } from '../db/client.js';
import { createTestDatabase } from '../db/test-database.js';
import { redactPaths } from '../lib/logger.js';
import type { JobServices } from '../jobs/registry.js';
import { hashPassword } from '../modules/auth/auth.service.js';
import { createUser } from '../modules/users/users.service.js';

export interface TestApp {
  /** The official SDK aimed at this app's sandbox, for tests that read the gateway's raw entities. */
  sdk: () => ReturnType<typeof createRazorpaySdk>;
  app: ReturnType<typeof createApp>['app'];
  built: ReturnType<typeof createApp>;
  database: Database;
  config: Config;
  /** Every log line the app wrote, for asserting what reaches (and what never reaches) the log. */
  logs: string[];
  http: () => ReturnType<typeof request>;
  /** http://127.0.0.1:<port> of the listening app. */
  origin: string;
  /** Waits until background work started by requests (webhooks, refunds, emails) has finished. */
  settle: () => Promise<void>;
  /** Socket.IO on the app's server (`/chat`, `/notifications`), as in production. */
  realtime: Realtime;
  close: () => Promise<void>;
}

/**
 * The app on a real port: the payment gateway adapter reaches the built-in sandbox over HTTP (through the
 * razorpay SDK), and the sandbox delivers its webhooks to the app's endpoint, exactly as in production.
 */
export async function createTestApp(env: Record<string, string> = {}, database?: Database): Promise<TestApp> {
  // The server listens before the app exists: the app's configuration needs the port.
  const target: { handle?: (req: IncomingMessage, res: ServerResponse) => void } = {};
  const server = createServer((req, res) => target.handle?.(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  const config = parseConfig({
    RAZORPAY_API_BASE_URL: `${origin}/sandbox/razorpay`,
    SANDBOX_WEBHOOK_URL: `${origin}/api/payments/webhook`,
    SANDBOX_REFUND_DELAY_SECONDS: '0',
    SANDBOX_PAYOUT_WEBHOOK_URL: `${origin}/api/payouts/webhook`,
    SANDBOX_PAYOUT_DELAY_MS: '0',
    NODE_ENV: 'test',
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'mc-test-')),
    // Generated, as production requires (some tests start the app in production mode).
    JWT_SECRET: randomBytes(32).toString('base64url'),
    LOG_LEVEL: 'info',
    STATIC_DIR: path.join(tmpdir(), 'mc-no-static'),
    ...env,
  });
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logs.push(chunk.toString());
      done();
    },
  });
  const logger = pino({ level: config.LOG_LEVEL, redact: { paths: redactPaths, censor: '[redacted]' } }, sink);
  const db = database ?? (await createTestDatabase());
  const built = createApp({ config, database: db, logger });
  target.handle = built.app;
  const realtime = await attachRealtime(server, { db: db.db, auth: authSettings(config), logger, redisUrl: config.REDIS_URL, redisKeyPrefix: config.REDIS_KEY_PREFIX, messageLimit: { count: config.CHAT_MESSAGES_PER_10S, windowMs: 10_000 } });
  return {
    app: built.app,
    built,
    database: db,
    config,
    logs,
    http: () => request(built.app),
    sdk: () => createRazorpaySdk(gatewaySettings(config)),
    origin,
    settle: () => settle(built),
    realtime,
    close: async () => {
      await realtime.close();
      built.sandbox?.stop();
      await settle(built);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close();
    },
  };
}

async function settle(built: ReturnType<typeof createApp>): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await built.sandbox?.idle();
    await built.jobs.idle();
  }
}

let counter = 0;
export const uniqueEmail = (prefix = 'user') => `${prefix}-${Date.now()}-${++counter}@example.test`;

export async function registerUser(t: TestApp, overrides: Partial<{ name: string; email: string; password: string }> = {}) {
  const body = { name: 'Test User', email: uniqueEmail(), password: 'correct horse 1', ...overrides };
  const res = await t.http().post('/api/auth/register').send(body).expect(201);
  return {
    ...body,
    user: res.body.user as { id: string; email: string; role: string },
    accessToken: res.body.accessToken as string,
    cookie: refreshCookie(res.headers['set-cookie']),
  };
}

/** The `mc_refresh=…` pair from a Set-Cookie header, ready to send back. */
export function refreshCookie(setCookie: string | string[] | undefined): string {
  const all = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const line = all.find((c) => c.startsWith('mc_refresh='));
  if (!line) throw new Error('no mc_refresh cookie was set');
  return line.split(';')[0]!;
}

export async function loginAs(t: TestApp, email: string, password: string): Promise<string> {
  const res = await t.http().post('/api/auth/login').set('X-Forwarded-For', `10.200.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`).send({ email, password });
  if (res.status !== 200) throw new Error(`login failed for ${email}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.accessToken as string;
}

/** An admin account created directly (admins are seeded or promoted, never registered). */
export async function createAdmin(t: TestApp): Promise<{ id: string; token: string }> {
  const email = uniqueEmail('admin');
  const user = await createUser(t.database.db, { name: 'Test Admin', email, passwordHash: await hashPassword('admin-pass-123'), role: 'admin' });
  return { id: user.id, token: await loginAs(t, email, 'admin-pass-123') };
}

export const validApplication = (overrides: Record<string, unknown> = {}) => ({
  headline: 'Senior engineer who loves teaching system design',
  bio: 'I have spent ten years building distributed systems and love helping others grow into senior roles.',
  experience: [{ company: 'Acme Corp', role: 'Senior Engineer', years: 6 }],
  expertise: ['System Design', 'Go'],
  sessionTopics: ['System Design', 'Mock Interview'],
  languages: ['English', 'Hindi'],
  linkedinUrl: 'https://www.linkedin.com/in/test-mentor',
  price30Paise: 100_000,
  price60Paise: 180_000,
  timeZone: 'Asia/Kolkata',
  ...overrides,
});

/** Registers a user, submits an application and has an admin approve it through the API. */
export async function approvedMentor(t: TestApp, admin: { token: string }, options: { name?: string; application?: Record<string, unknown> } = {}) {
  const account = await registerUser(t, { name: options.name ?? 'Mentor Person' });
  const applied = await t.http().post('/api/mentors/applications').set('Authorization', `Bearer ${account.accessToken}`).send(validApplication(options.application));
  if (applied.status !== 201) throw new Error(`apply failed: ${JSON.stringify(applied.body)}`);
  const approved = await t.http().post(`/api/admin/mentor-applications/${applied.body.id}/approve`).set('Authorization', `Bearer ${admin.token}`);
  if (approved.status !== 200) throw new Error(`approve failed: ${JSON.stringify(approved.body)}`);
  const token = await loginAs(t, account.email, account.password);
  return { ...account, accessToken: token, slug: approved.body.mentorSlug as string, applicationId: applied.body.id as string };
}

/** What the jobs run against, from a test app's own services (as the app's scheduler builds it). */
export const jobServicesOf = (t: TestApp): JobServices => ({
  db: t.database.db,
  bookings: t.built.bookings,
  payments: t.built.payments,
  sessions: t.built.sessions,
  payouts: t.built.payouts,
  notifications: t.built.notifications,
  mailer: t.built.mailer,
  logger: t.built.bookings.logger,
});
