import { createServer } from 'node:http';
import { authSettings, createApp } from './app.js';
import { seedDemoSessions, seedDemoWallet } from './demo-session.js';
import { ConfigError, parseConfig } from './config.js';
import { sandboxEnabled } from './gateway-settings.js';
import { clock, clockStartingAt, setClock } from './lib/clock.js';
import { openDatabase } from './db/client.js';
import { createLogger } from './lib/logger.js';
import { demoAccountsBanner, seedIfEmpty } from './seed.js';
import { attachRealtime } from './realtime/index.js';

async function main(): Promise<void> {
  const config = parseConfig();
  if (config.CLOCK_START) setClock(clockStartingAt(new Date(config.CLOCK_START)));
  const logger = createLogger(config.LOG_LEVEL);
  if (config.CLOCK_START) logger.warn({ now: clock.now().toISOString() }, 'the clock was moved (CLOCK_START): every date and job runs on it');
  const database = openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, poolSize: config.DATABASE_POOL_SIZE });
  await database.migrate();
  const seeded = config.SEED_DEMO_DATA ? await seedIfEmpty(database.db, logger, config.PUBLIC_URL) : false;

  const seedingDemo = seeded && sandboxEnabled(config);
  // While a demo's sessions and wallet are booked through this server's own API (the clock stands days back for a
  // moment), /api/ready says "starting", so nobody is sent here before they are in.
  const { app, mailer, jobs, sandbox, sessions, bookings, payouts, markReady } = createApp({ config, database, logger, startingUp: seedingDemo });
  sandbox?.kick();
  const server = createServer(app);
  const realtime = await attachRealtime(server, { db: database.db, auth: authSettings(config), logger, redisUrl: config.REDIS_URL, redisKeyPrefix: config.REDIS_KEY_PREFIX, messageLimit: { count: config.CHAT_MESSAGES_PER_10S, windowMs: 10_000 } });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.PORT, config.HOST, resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  logger.info({ port, database: database.kind, dataDir: config.DATA_DIR }, 'Mentor Connect is listening');
  if (seedingDemo) {
    const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? '127.0.0.1' : config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST;
    const baseUrl = `http://${host}:${port}`;
    await seedDemoSessions(sessions, baseUrl, authSettings(config), logger).catch((error: unknown) => logger.warn({ err: error }, 'the demo sessions could not be booked'));
    await seedDemoWallet({ sessions, bookings, payouts }, baseUrl, authSettings(config), logger).catch((error: unknown) => logger.warn({ err: error }, 'the demo wallet could not be set up'));
  }
  markReady();
  // The jobs start once the demo sessions are in: seeding the past one stands the clock a day back for a moment.
  const stopSchedules = config.JOBS_ENABLED ? jobs.schedule() : undefined;
  if (config.JOBS_ENABLED) jobs.kickAll();
  if (sandboxEnabled(config)) {
    const message = 'payments go through the built-in sandbox gateway: checkouts confirm bookings and no real money moves';
    if (config.NODE_ENV === 'production') logger.warn({ demoMode: config.DEMO_MODE }, `DEMO MODE: ${message}`);
    else logger.info(message);
  }
  if (config.SEED_DEMO_DATA) process.stdout.write(`\nMentor Connect: http://localhost:${port}\n${demoAccountsBanner()}\n\n`);

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: no new connections, finishing in-flight requests');
    const forceTimer = setTimeout(() => {
      logger.warn('in-flight requests did not finish in time; closing connections');
      server.closeAllConnections();
    }, config.SHUTDOWN_TIMEOUT_MS);
    forceTimer.unref();
    stopSchedules?.();
    sandbox?.stop();
    void realtime.close();
    server.close(() => {
      Promise.all([jobs.idle(), sandbox?.idle()])
        .then(() => jobs.idle())
        .then(() => mailer.close())
        .then(() => database.close())
        .catch((err: unknown) => logger.error({ err }, 'error while closing down'))
        .finally(() => {
          logger.info('stopped');
          process.exit(0);
        });
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection'));
  process.on('uncaughtException', (err) => {
    logger.fatal({ err }, 'uncaught exception; exiting');
    process.exit(1);
  });
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`Mentor Connect failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
