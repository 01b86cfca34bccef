import cron from 'node-cron';
import type { Db } from '../db/client.js';
import type { Logger } from '../lib/logger.js';
import { runCleanupExpiredSlots } from '../modules/availability/availability.service.js';
import type { BookingContext } from '../modules/bookings/context.js';
import { runExpireHolds, runReconcilePendingPayments } from '../modules/bookings/payments.service.js';
import type { KickWorker } from './kick-worker.js';
import type { OutboxWorker } from './outbox-worker.js';

/** Runs a job until a pass finds nothing left (each pass handles one small batch). */
export async function drain(step: () => Promise<number>): Promise<number> {
  let total = 0;
  for (let n = await step(); n > 0; n = await step()) total += n;
  return total;
}

/**
 * Schedules only: each job calls a module's `run…` function. Work is claimed in PostgreSQL with SKIP LOCKED,
 * so every instance may run the schedule.
 */
export function startJobs(deps: { db: Db; outbox: OutboxWorker; payments: KickWorker; bookings: BookingContext; logger: Logger }): { stop: () => void } {
  const guarded = (name: string, work: () => Promise<unknown>) => () => {
    work().catch((err: unknown) => deps.logger.error({ err, job: name }, 'job failed'));
  };
  const tasks = [
    cron.schedule('*/15 * * * * *', () => deps.outbox.kick(), { name: 'deliver-outbox' }),
    cron.schedule('*/15 * * * * *', () => deps.payments.kick(), { name: 'process-webhooks-and-refunds' }),
    cron.schedule('*/30 * * * * *', guarded('expire-holds', () => drain(() => runExpireHolds(deps.db))), { name: 'expire-holds' }),
    cron.schedule('*/1 * * * *', guarded('reconcile-payments', () => drain(() => runReconcilePendingPayments(deps.bookings))), { name: 'reconcile-payments' }),
    cron.schedule('17 * * * *', guarded('cleanup-expired-slots', () => runCleanupExpiredSlots(deps.db)), { name: 'cleanup-expired-slots' }),
  ];
  deps.logger.info({ jobs: tasks.length }, 'background jobs scheduled');
  return {
    stop: () => {
      for (const task of tasks) void task.stop();
    },
  };
}
