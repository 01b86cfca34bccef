import path from 'node:path';
import { createBookingServices } from './app.js';
import { parseConfig, type Config } from './config.js';
import { openDatabase, type Database } from './db/client.js';
import { findJob, jobNames, runJob, type JobServices } from './jobs/registry.js';
import { clock, clockStartingAt, fixedClock, setClock } from './lib/clock.js';
import { createLogger } from './lib/logger.js';
import { createMailer } from './lib/mailer.js';
import { emailLinks } from './modules/notifications/notifications.unsubscribe.js';
import { seedDemoData } from './seed.js';

function parseNow(args: string[]): Date {
  const i = args.indexOf('--now');
  if (i === -1) return clock.now();
  const value = args[i + 1];
  const now = value ? new Date(value) : new Date(Number.NaN);
  if (Number.isNaN(now.getTime())) throw new Error(`--now needs an ISO date-time, got "${value ?? ''}"`);
  return now;
}

/** The services a job runs against, as the server builds them (the mailer is the caller's to close). */
export function jobServices(config: Config, db: Database['db']): JobServices {
  const logger = createLogger(config.LOG_LEVEL);
  const mailer = createMailer({ smtpUrl: config.SMTP_URL, mailDir: path.join(config.DATA_DIR, 'mail'), from: config.MAIL_FROM, logger });
  return { db, ...createBookingServices(config, db, logger), notifications: { db, mailer, logger, links: emailLinks(config) }, mailer, logger };
}

/**
 * `npm run job -- <name> [--now ISO]`: one job of the registry, run until nothing is due, at `now` (every step
 * of it, and whatever it calls, reads that one instant). Returns the line the command prints.
 */
export async function runJobCommand(args: string[], config: Config, database: Database): Promise<string> {
  const job = findJob(args[0] ?? '');
  if (!job) throw new Error(`Unknown job "${args[0] ?? ''}". Jobs: ${jobNames.join(' | ')}`);
  const now = parseNow(args);
  const previous = setClock(fixedClock(now));
  const services = jobServices(config, database.db);
  try {
    const count = await runJob(job, services, now);
    return `${job.name}: ${count} handled (now = ${now.toISOString()})`;
  } finally {
    services.mailer.close();
    setClock(previous);
  }
}

/**
 * `npm run db:migrate`, `npm run seed`, and `npm run job -- <name> [--now ISO]`: the same steps the server runs,
 * on demand, against DATABASE_URL (or the embedded database under DATA_DIR).
 */
async function main(command: string | undefined, args: string[]): Promise<void> {
  const config = parseConfig();
  if (config.CLOCK_START) setClock(clockStartingAt(new Date(config.CLOCK_START)));
  const database = openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, poolSize: 2 });
  try {
    await database.migrate();
    if (command === 'migrate') {
      process.stdout.write(`Migrations applied (${database.kind}).\n`);
    } else if (command === 'seed') {
      const { created } = await seedDemoData(database.db);
      process.stdout.write(created.length ? `Created: ${created.join(', ')}\n` : 'Demo data already present; nothing added.\n');
    } else if (command === 'job') {
      process.stdout.write(`${await runJobCommand(args, config, database)}\n`);
    } else {
      throw new Error(`Unknown command "${command}". Use: migrate | seed | job <name> [--now ISO]`);
    }
  } finally {
    await database.close();
  }
}

// Run as a command, not when imported (the crash test's child imports runJobCommand).
if (process.argv[1] && /cli\.(ts|js)$/.test(process.argv[1])) {
  main(process.argv[2], process.argv.slice(3)).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
