import cron from 'node-cron';
import type { Logger } from '../lib/logger.js';
import type { OutboxWorker } from './outbox-worker.js';

/**
 * Schedules only: each job calls a module's `run…` function. Work is claimed in PostgreSQL with SKIP LOCKED,
 * so every instance may run the schedule.
 */
export function startJobs(deps: { outbox: OutboxWorker; logger: Logger }): { stop: () => void } {
  const tasks = [cron.schedule('*/15 * * * * *', () => deps.outbox.kick(), { name: 'deliver-outbox' })];
  deps.logger.info({ jobs: tasks.length }, 'background jobs scheduled');
  return {
    stop: () => {
      for (const task of tasks) void task.stop();
    },
  };
}
