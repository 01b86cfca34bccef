import type { Db } from '../db/client.js';
import type { Logger } from '../lib/logger.js';
import type { Mailer } from '../lib/mailer.js';
import { runCleanupExpiredSlots } from '../modules/availability/availability.service.js';
import { runExpireHolds } from '../modules/bookings/bookings.jobs.js';
import type { BookingContext } from '../modules/bookings/bookings.context.js';
import type { PaymentsContext } from '../modules/payments/payments.context.js';
import { runReleaseDue } from '../modules/bookings/bookings.service.js';
import type { SessionsContext } from '../modules/sessions/sessions.context.js';
import { runSettleSessions } from '../modules/sessions/sessions.service.js';
import { runProcessRefunds } from '../modules/payments/payments.refunds.js';
import { runReconcilePendingPayments } from '../modules/payments/payments.service.js';
import { runProcessWebhooks } from '../modules/payments/payments.webhooks.js';
import type { NotificationsContext } from '../modules/notifications/notifications.context.js';
import { runDeliverOutbox } from '../modules/notifications/notifications.service.js';
import { runSendReminders } from '../modules/reminders/reminders.service.js';
import { runSendMessageEmails } from '../modules/chat/chat.emails.js';
import type { PayoutsContext } from '../modules/payouts/payouts.context.js';
import { runProcessPayouts } from '../modules/payouts/payouts.service.js';
import { runWeeklyPayouts } from '../modules/payouts/payouts.weekly.js';
import { payoutRecords } from '../modules/payouts/payouts.records.js';
import { runNightlyReconciliation } from '../modules/finance/finance.service.js';

/** What the jobs run against; built once by the app (or the job runner, which has no HTTP app). */
export interface JobServices {
  db: Db;
  bookings: BookingContext;
  payments: PaymentsContext;
  sessions: SessionsContext;
  payouts: PayoutsContext;
  /** The outbox: its mailer and the links (unsubscribe) its emails carry. */
  notifications: NotificationsContext;
  mailer: Mailer;
  logger: Logger;
}

export interface JobDefinition {
  name: string;
  /** node-cron expression (with seconds) for the schedule; changes also start a job right away (see app.ts). */
  schedule: string;
  /** The IANA zone the schedule is read in (default: the process's). */
  timezone?: string;
  description: string;
  /** One pass: claims a small batch of due work, handles it and returns how many it took (0 = nothing due). */
  step: (services: JobServices, now: Date) => Promise<number>;
}

/**
 * Every background job, named once (DESIGN.md §4.5): the scheduler, `npm run job -- <name>` and the tests all
 * read this list. Each step claims its rows in PostgreSQL (SKIP LOCKED, with a lease where work leaves the
 * transaction), so every instance may run every job, and a step can be killed at any point and run again.
 */
export const JOBS = [
  {
    name: 'deliver-outbox',
    schedule: '*/15 * * * * *',
    description: 'sends queued emails',
    step: (s, now) => runDeliverOutbox(s.notifications, now),
  },
  {
    name: 'process-webhooks',
    schedule: '*/15 * * * * *',
    description: 'applies received gateway webhooks',
    step: (s, now) => runProcessWebhooks(s.payments, now),
  },
  {
    name: 'process-refunds',
    schedule: '*/15 * * * * *',
    description: 'sends decided refunds to the gateway',
    step: (s, now) => runProcessRefunds(s.payments, now),
  },
  {
    name: 'expire-holds',
    schedule: '*/30 * * * * *',
    description: 'frees the time of bookings whose payment hold ran out',
    step: (s, now) => runExpireHolds(s.db, now),
  },
  {
    name: 'reconcile-payments',
    schedule: '0 * * * * *',
    description: 'asks the gateway about orders and refunds still open',
    step: (s, now) => runReconcilePendingPayments(s.payments, now),
  },
  {
    name: 'settle-sessions',
    schedule: '5 * * * * *',
    description: 'settles sessions whose call has closed: completed, or a no-show (refunded or paid)',
    step: (s, now) => runSettleSessions(s.sessions, now),
  },
  {
    name: 'release-escrow',
    schedule: '35 * * * * *',
    description: 'pays mentors for completed sessions whose dispute window has passed',
    step: (s, now) => runReleaseDue(s.bookings, now),
  },
  {
    name: 'send-reminders',
    schedule: '10 * * * * *',
    description: 'reminds both people of a session 24 h and 15 min before it, and when its call opens (in-app and email, once each)',
    step: (s, now) => runSendReminders(s.bookings, now),
  },
  {
    name: 'send-message-emails',
    schedule: '20 * * * * *',
    description: 'tells people of messages still unread after 5 minutes (in-app and email, once per burst until they read)',
    step: (s, now) => runSendMessageEmails({ db: s.db, publicUrl: s.bookings.publicUrl }, now),
  },
  {
    name: 'process-payouts',
    schedule: '*/20 * * * * *',
    description: 'sends approved withdrawals to the gateway and asks about payouts still on their way',
    step: (s, now) => runProcessPayouts(s.payouts, now),
  },
  {
    name: 'weekly-payouts',
    // Monday 06:00 in India; a start-up within the day after catches up (the step itself knows the window).
    schedule: '0 0 6 * * 1',
    timezone: 'Asia/Kolkata',
    description: 'pays opted-in mentors their whole available balance, Mondays 06:00 IST',
    step: (s, now) => runWeeklyPayouts(s.payouts, now),
  },
  {
    name: 'reconcile',
    // 02:30 in India, then hourly until 06:30: the step reconciles the day before once, so the later firings only
    // retry a night the gateway did not answer.
    schedule: '0 30 2-6 * * *',
    timezone: 'Asia/Kolkata',
    description: 'reconciles the previous day (India) against the gateway; tells the admins of any mismatch',
    step: (s, now) => runNightlyReconciliation({ db: s.db, payments: s.payments, payouts: s.payouts, withdrawalRecords: payoutRecords, logger: s.logger }, now),
  },
  {
    name: 'cleanup-expired-slots',
    schedule: '0 17 * * * *',
    description: 'removes slots that ended with nobody booked',
    step: (s, now) => runCleanupExpiredSlots(s.db, now),
  },
] as const satisfies readonly JobDefinition[];

export type JobName = (typeof JOBS)[number]['name'];

export const jobNames = JOBS.map((job) => job.name);

export function findJob(name: string): JobDefinition | undefined {
  return JOBS.find((job) => job.name === name);
}

/** Runs a job's steps at `now` until one finds nothing due; returns how many items were handled in all. */
export async function runJob(job: JobDefinition, services: JobServices, now: Date): Promise<number> {
  let total = 0;
  for (let n = await job.step(services, now); n > 0; n = await job.step(services, now)) total += n;
  return total;
}
