import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import cookieParser from 'cookie-parser';
import cors from 'cors';
import express, { type Express, type RequestHandler, Router } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import { z } from 'zod';
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import { apiNotFound, errorMiddleware } from './lib/error-middleware.js';
import { endpoint, mountEndpoint, type Endpoint } from './lib/http.js';
import type { Logger } from './lib/logger.js';
import { createMetrics } from './lib/metrics.js';
import { buildOpenApiDocument } from './lib/openapi.js';
import { authEndpoints, authenticate } from './modules/auth/auth.routes.js';
import type { AuthSettings } from './modules/auth/auth.service.js';
import { createMailer, type Mailer } from './lib/mailer.js';
import { adminEndpoints } from './modules/admin/admin.routes.js';
import { availabilityEndpoints } from './modules/availability/availability.routes.js';
import { configureAvailabilityCache } from './modules/availability/availability.service.js';
import { healthEndpoints, type Startup } from './modules/health/health.routes.js';
import { mentorsEndpoints } from './modules/mentors/mentors.routes.js';
import { configureDiscoveryCache } from './modules/mentors/mentors.service.js';
import type { NotificationsContext } from './modules/notifications/notifications.context.js';
import { notificationsEndpoints } from './modules/notifications/notifications.routes.js';
import { emailLinks } from './modules/notifications/notifications.unsubscribe.js';
import { usersEndpoints } from './modules/users/users.routes.js';
import { bookingPolicy, gatewaySettings, payoutSettings, sandboxEnabled, sandboxSettings } from './gateway-settings.js';
import { createJobRunners, type JobRunners } from './jobs/runners.js';
import { subscribe, type DomainEvent } from './lib/events.js';
import type { BookingContext } from './modules/bookings/bookings.context.js';
import { bookingPaymentReactions } from './modules/bookings/bookings.payments.js';
import { bookingPaymentsEndpoints, bookingsEndpoints } from './modules/bookings/bookings.routes.js';
import type { SessionsContext } from './modules/sessions/sessions.context.js';
import { sessionsEndpoints } from './modules/sessions/sessions.routes.js';
import { disputesEndpoints } from './modules/disputes/disputes.routes.js';
import { reviewsEndpoints } from './modules/reviews/reviews.routes.js';
import { auditEndpoints } from './modules/audit/audit.routes.js';
import { financeEndpoints } from './modules/finance/finance.routes.js';
import { payoutRecords } from './modules/payouts/payouts.records.js';
import { walletEndpoints } from './modules/wallet/wallet.routes.js';
import { videoSettings } from './modules/sessions/sessions.video.js';
import type { PaymentsContext } from './modules/payments/payments.context.js';
import { paymentsEndpoints } from './modules/payments/payments.routes.js';
import { createRazorpayProvider } from './modules/payments/razorpay.provider.js';
import { createRazorpayXProvider } from './modules/payments/razorpayx.provider.js';
import type { PayoutsContext } from './modules/payouts/payouts.context.js';
import { payoutsEndpoints } from './modules/payouts/payouts.routes.js';
import { chatEndpoints } from './modules/chat/chat.routes.js';
import { openForBooking } from './modules/chat/chat.service.js';
import { createSecretBox, parseKeyRing } from './lib/secret-box.js';
import { precompressedStatic, shellSender, staticEntries } from './lib/static-files.js';
import type { JobName } from './jobs/registry.js';
import { sandboxRouter } from './modules/sandbox/sandbox.routes.js';
import { createSandboxWorker, type SandboxWorker } from './modules/sandbox/sandbox.worker.js';

export interface AppDeps {
  config: Config;
  database: Database;
  logger: Logger;
  /** Defaults to SMTP_URL or .eml files under DATA_DIR/mail. */
  mailer?: Mailer;
  /** The instance has more to do once it listens (a demo's data): /api/ready answers 503 until `markReady()`. */
  startingUp?: boolean;
}

export interface BuiltApp {
  app: Express;
  /** The router every API endpoint is mounted on; tests walk it to check the OpenAPI document is complete. */
  apiRouter: Router;
  endpoints: Endpoint[];
  mailer: Mailer;
  /** Booking services (with payments and their gateway), for jobs and tests. */
  bookings: BookingContext;
  payments: PaymentsContext;
  /** The sessions' services (call, attendance, notes, settlement). */
  sessions: SessionsContext;
  /** Payout methods, withdrawals and their payouts. */
  payouts: PayoutsContext;
  /** The outbox (its mailer, and the links its emails carry) and the unsubscribe links' key. */
  notifications: NotificationsContext;
  /** The background jobs of the registry, each kicked right after a change that queued work for it. */
  jobs: JobRunners;
  /** The built-in gateway's own background work (refund processing, webhook delivery), when it is enabled. */
  sandbox?: SandboxWorker;
  /** Start-up has finished: /api/ready may answer 200. */
  markReady: () => void;
}

/**
 * Bookings and payments, wired: payments reaches the gateway and tells bookings what happened to the money
 * (payments imports nothing of bookings). Also used by the job runner, which has no HTTP app.
 */
export function createBookingServices(
  config: Config,
  db: Database['db'],
  logger: Logger,
): { bookings: BookingContext; payments: PaymentsContext; sessions: SessionsContext; payouts: PayoutsContext } {
  const payments: PaymentsContext = {
    db,
    provider: createRazorpayProvider(gatewaySettings(config)),
    logger,
    reconcileAfterMinutes: config.RECONCILE_AFTER_MINUTES,
    reactions: { captured: () => Promise.reject(new Error('payment reactions are not wired')), refundProcessed: () => Promise.reject(new Error('payment reactions are not wired')) },
  };
  const bookings: BookingContext = {
    db,
    payments,
    policy: bookingPolicy(config),
    publicUrl: config.PUBLIC_URL.replace(/\/$/, ''),
    logger,
    // A confirmed booking opens the pair's conversation (or seats its student in the group session's), in its transaction.
    onConfirmed: (tx, booking) => openForBooking(tx, booking),
  };
  payments.reactions = bookingPaymentReactions(bookings);
  const sessions: SessionsContext = {
    db,
    bookings,
    video: videoSettings(config),
    heartbeatTimeoutMs: config.HEARTBEAT_TIMEOUT_SECONDS * 1000,
    webhookSecret: config.JITSI_WEBHOOK_SECRET ?? null,
    logger,
  };
  const payouts: PayoutsContext = {
    db,
    provider: createRazorpayXProvider(payoutSettings(config)),
    box: createSecretBox(parseKeyRing(config.PAYOUT_DETAILS_KEY)),
    logger,
    minWithdrawalPaise: config.MIN_WITHDRAWAL_PAISE,
    publicUrl: config.PUBLIC_URL.replace(/\/$/, ''),
  };
  return { bookings, payments, sessions, payouts };
}

/** Which job an event gives work to: it runs right after the change commits instead of at its next schedule. */
const JOB_FOR_EVENT: Record<string, JobName> = {
  'email.queued': 'deliver-outbox',
  'webhook.received': 'process-webhooks',
  'refund.requested': 'process-refunds',
  'withdrawal.approved': 'process-payouts',
};

const require = createRequire(import.meta.url);
const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: string }).version ?? '0.0.0';

export function authSettings(config: Config): AuthSettings {
  return {
    jwtSecret: config.JWT_SECRET,
    accessTokenTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlDays: config.REFRESH_TOKEN_TTL_DAYS,
    maxFailuresPerAccount: config.LOGIN_MAX_FAILURES_PER_ACCOUNT,
    maxFailuresPerIp: config.LOGIN_MAX_FAILURES_PER_IP,
    throttleWindowSeconds: config.LOGIN_THROTTLE_WINDOW_SECONDS,
  };
}

const requestIdPattern = /^[A-Za-z0-9._-]{1,100}$/;

/** Builds the Express app without listening, so tests drive it in-process with supertest. */
export function createApp({ config, database, logger, mailer: givenMailer, startingUp = false }: AppDeps): BuiltApp {
  const { db } = database;
  const mailer = givenMailer ?? createMailer({ smtpUrl: config.SMTP_URL, mailDir: path.join(config.DATA_DIR, 'mail'), from: config.MAIL_FROM, logger });
  const links = { publicUrl: config.PUBLIC_URL.replace(/\/$/, '') };
  configureDiscoveryCache(db, config.DISCOVERY_CACHE_SECONDS * 1000);
  configureAvailabilityCache(db, config.AVAILABILITY_CACHE_SECONDS * 1000);
  const { bookings, payments, sessions, payouts } = createBookingServices(config, db, logger);
  const notifications: NotificationsContext = { db, mailer, logger, links: emailLinks(config) };
  const jobs = createJobRunners({ db, bookings, payments, sessions, payouts, notifications, mailer, logger }, logger);
  // An instance with JOBS_ENABLED=false runs no background work at all: not on a schedule, not when a change asks.
  if (config.JOBS_ENABLED) {
    subscribe(db, (event: DomainEvent) => {
      const job = JOB_FOR_EVENT[event.type];
      if (job) jobs.kick(job);
    });
  }
  const sandbox = sandboxEnabled(config) ? createSandboxWorker({ db, settings: sandboxSettings(config), logger }) : undefined;
  const settings = authSettings(config);
  const metrics = createMetrics();
  const startup: Startup = { ready: !startingUp };
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.TRUST_PROXY);

  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const incoming = req.headers['x-request-id'];
        const id = typeof incoming === 'string' && requestIdPattern.test(incoming) ? incoming : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      // Health probes and static assets would drown the log; errors are still logged by the error middleware.
      autoLogging: { ignore: (req) => req.url === '/api/health' || req.url === '/api/ready' || !req.url?.startsWith('/api') },
    }),
  );
  const https = config.PUBLIC_URL.startsWith('https:');
  const videoOrigin = `https://${sessions.video.domain}`;
  // HSTS and upgrade-insecure-requests only make sense when the product is served over HTTPS.
  app.use(
    helmet({
      strictTransportSecurity: https,
      // The call page loads the video service's external_api.js and embeds its iframe: that one origin, nothing wider.
      contentSecurityPolicy: {
        directives: {
          upgradeInsecureRequests: https ? [] : null,
          scriptSrc: ["'self'", videoOrigin],
          frameSrc: ["'self'", videoOrigin],
          // Chat files come through the API with the bearer token and are shown from blob: URLs.
          imgSrc: ["'self'", 'data:', 'blob:'],
        },
      },
    }),
  );
  app.use(metrics.middleware);

  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  const apiRouter = Router();
  const endpoints: Endpoint[] = [
    ...healthEndpoints(database, { paymentsSandbox: Boolean(sandbox), demoMode: config.DEMO_MODE }, startup),
    ...authEndpoints(db, settings),
    ...usersEndpoints(db),
    ...notificationsEndpoints(notifications),
    // Availability's /api/mentors/me/… routes must be mounted before the mentors' /api/mentors/:slug.
    ...availabilityEndpoints(db),
    ...mentorsEndpoints({ db, dataDir: config.DATA_DIR, avatarMaxBytes: config.AVATAR_MAX_BYTES }),
    ...adminEndpoints(db, links),
    ...bookingsEndpoints(bookings),
    ...bookingPaymentsEndpoints(bookings),
    ...paymentsEndpoints(payments),
    ...sessionsEndpoints(sessions),
    ...disputesEndpoints({ db, bookings, sessions }),
    ...reviewsEndpoints(db),
    ...walletEndpoints(db),
    ...chatEndpoints({ db, dataDir: config.DATA_DIR }),
    ...payoutsEndpoints(payouts),
    ...financeEndpoints({ db, payments, payouts, withdrawalRecords: payoutRecords, logger }),
    ...auditEndpoints(db),
  ];

  let openApiDocument: ReturnType<typeof buildOpenApiDocument> | undefined;
  const docsEndpoints = [
    endpoint({
      method: 'get',
      path: '/api/openapi.json',
      summary: 'This OpenAPI 3.1 document',
      tag: 'docs',
      access: 'public',
      responses: { 200: { description: 'OpenAPI document', schema: z.object({}).loose() } },
      handler: async ({ res }) => {
        openApiDocument ??= buildOpenApiDocument([...endpoints, ...docsEndpoints], version, config.PUBLIC_URL);
        res.json(openApiDocument);
      },
    }),
    endpoint({
      method: 'get',
      path: '/api/docs',
      summary: 'Interactive API documentation',
      tag: 'docs',
      access: 'public',
      responses: { 200: { description: 'HTML page', contentType: 'text/html' } },
      handler: async ({ res }) => {
        res.type('html').send(docsPage);
      },
    }),
  ];
  const allEndpoints = [...endpoints, ...docsEndpoints];

  apiRouter.use(
    '/api',
    cors({ origin: config.CORS_ORIGIN.split(',').map((origin) => origin.trim()), credentials: true }),
    // The webhooks read their raw bodies themselves: their signatures cover the exact bytes.
    skipFor(['/payments/webhook', '/payouts/webhook', '/meetings/webhook'], express.json({ limit: '1mb' })),
    cookieParser(),
    authenticate(settings),
  );
  for (const def of allEndpoints) mountEndpoint(apiRouter, def);

  app.use('/api/docs/assets', express.static(path.dirname(require.resolve('swagger-ui-dist/package.json')), { index: false }));
  app.get('/api/docs/init.js', (_req, res) => {
    res.type('application/javascript').send(docsInit);
  });
  // Only avatars are public; a conversation's files (uploads/chat) are served by /api/attachments/:id to its members.
  app.use('/uploads/avatars', express.static(path.join(config.DATA_DIR, 'uploads', 'avatars'), { index: false, maxAge: '7d', fallthrough: false }));
  if (sandbox) app.use('/sandbox/razorpay', sandboxRouter({ db, settings: sandboxSettings(config), worker: sandbox, logger }));
  else app.use('/sandbox', apiNotFound);
  app.use(apiRouter);
  app.use('/api', apiNotFound);

  serveSpa(app, config.STATIC_DIR);
  app.use(errorMiddleware);
  return { app, apiRouter, endpoints: allEndpoints, mailer, bookings, payments, sessions, payouts, notifications, jobs, sandbox, markReady: () => void (startup.ready = true) };
}

function skipFor(paths: string[], middleware: RequestHandler): RequestHandler {
  return (req, res, next) => (paths.includes(req.path) ? next() : middleware(req, res, next));
}

function serveSpa(app: Express, staticDir: string): void {
  if (!existsSync(path.join(staticDir, 'index.html'))) return;
  // Hashed assets for a year, compressed at build time (lib/static-files.ts); the shell itself is asked for each visit.
  const files = staticEntries(staticDir);
  app.use(precompressedStatic(files, { exclude: ['/index.html'] }));
  // Client-side routes (/dashboard, /mentors/asha-rao…) all load the SPA shell.
  app.get(/^\/(?!api\/|metrics$).*/, shellSender(files));
}

const docsPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Mentor Connect API</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script></body></html>`;

const docsInit = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui' });`;
