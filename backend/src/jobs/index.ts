import cron from 'node-cron';
import type { Db } from '../db/client.js';
import type { Logger } from '../lib/logger.js';
import { runCleanupExpiredSlots } from '../modules/availability/availability.service.js';
import type { OutboxWorker } from './outbox-worker.js';

/**
 * Schedules only: each job calls a module's `run…` function. Work is claimed in PostgreSQL with SKIP LOCKED,
 * so every instance may run the schedule.
 */
export function startJobs(deps: { db: Db; outbox: OutboxWorker; logger: Logger }): { stop: () => void } {
  const guarded = (name: string, work: () => Promise<unknown>) => () => {
    work().catch((err: unknown) => deps.logger.error({ err, job: name }, 'job failed'));
  };
  const tasks = [
    cron.schedule('*/15 * * * * *', () => deps.outbox.kick(), { name: 'deliver-outbox' }),
    cron.schedule('17 * * * *', guarded('cleanup-expired-slots', () => runCleanupExpiredSlots(deps.db)), { name: 'cleanup-expired-slots' }),
  ];
  deps.logger.info({ jobs: tasks.length }, 'background jobs scheduled');
  return {
    stop: () => {
      for (const task of tasks) void task.stop();
    },
  };
}
