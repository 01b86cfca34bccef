import { createBookingContext } from './app.js';
import { parseConfig } from './config.js';
import { openDatabase } from './db/client.js';
import { drain } from './jobs/index.js';
import { createLogger } from './lib/logger.js';
import { createMailer } from './lib/mailer.js';
import path from 'node:path';
import { runCleanupExpiredSlots } from './modules/availability/availability.service.js';
import { runExpireHolds, runProcessRefunds, runProcessWebhooks, runReconcilePendingPayments } from './modules/bookings/payments.service.js';
import { runDeliverOutbox } from './modules/notifications/notifications.service.js';
import { seedDemoData } from './seed.js';

const JOBS = ['expire-holds', 'reconcile-payments', 'process-refunds', 'process-webhooks', 'deliver-outbox', 'cleanup-expired-slots'] as const;
type JobName = (typeof JOBS)[number];

function parseNow(args: string[]): Date {
  const i = args.indexOf('--now');
  if (i === -1) return new Date();
  const value = args[i + 1];
  const now = value ? new Date(value) : new Date(Number.NaN);
  if (Number.isNaN(now.getTime())) throw new Error(`--now needs an ISO date-time, got "${value ?? ''}"`);
  return now;
}

/**
 * `npm run db:migrate`, `npm run seed`, and `npm run job -- <name> [--now ISO]`: the same steps the server runs,
 * on demand, against DATABASE_URL (or the embedded database under DATA_DIR).
 */
async function main(command: string | undefined, args: string[]): Promise<void> {
  const config = parseConfig();
  const database = openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, poolSize: 2 });
  try {
    await database.migrate();
    if (command === 'migrate') {
      process.stdout.write(`Migrations applied (${database.kind}).\n`);
    } else if (command === 'seed') {
      const { created } = await seedDemoData(database.db);
      process.stdout.write(created.length ? `Created: ${created.join(', ')}\n` : 'Demo data already present; nothing added.\n');
    } else if (command === 'job') {
      const name = args[0] as JobName | undefined;
      if (!name || !JOBS.includes(name)) throw new Error(`Unknown job "${name ?? ''}". Jobs: ${JOBS.join(' | ')}`);
      const now = parseNow(args);
      const count = await runJob(name, config, database.db, now);
      process.stdout.write(`${name}: ${count} handled (now = ${now.toISOString()})\n`);
    } else {
      throw new Error(`Unknown command "${command}". Use: migrate | seed | job <name> [--now ISO]`);
    }
  } finally {
    await database.close();
  }
}

async function runJob(name: JobName, config: ReturnType<typeof parseConfig>, db: ReturnType<typeof openDatabase>['db'], now: Date): Promise<number> {
  const logger = createLogger(config.LOG_LEVEL);
  const ctx = createBookingContext(config, db, logger);
  switch (name) {
    case 'expire-holds':
      return drain(() => runExpireHolds(db, now));
    case 'reconcile-payments':
      return drain(() => runReconcilePendingPayments(ctx, now));
    case 'process-refunds':
      return drain(() => runProcessRefunds(ctx, now));
    case 'process-webhooks':
      return drain(() => runProcessWebhooks(ctx, now));
    case 'cleanup-expired-slots':
      return runCleanupExpiredSlots(db, now);
    case 'deliver-outbox': {
      const mailer = createMailer({ smtpUrl: config.SMTP_URL, mailDir: path.join(config.DATA_DIR, 'mail'), from: config.MAIL_FROM, logger });
      try {
        return await drain(() => runDeliverOutbox(db, mailer, logger, now));
      } finally {
        mailer.close();
      }
    }
  }
}

main(process.argv[2], process.argv.slice(3)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
