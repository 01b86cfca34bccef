import cron from 'node-cron';
import { clock } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';
import { createKickWorker, type KickWorker } from './kick-worker.js';
import { JOBS, type JobName, type JobServices } from './registry.js';

export interface JobRunners {
  /** Asks for a pass of one job soon (something queued work for it); kicks while it runs coalesce. */
  kick(name: JobName): void;
  /** Kicks every job: at start-up, work left by a crash or by another instance is picked up. */
  kickAll(): void;
  /** Resolves when no job pass is running or queued (tests and shutdown wait on it). */
  idle(): Promise<void>;
  /** Starts the cron schedules of the registry; returns a function that stops them. */
  schedule(): () => void;
}

/**
 * One coalescing worker per registered job, each running the job's steps on the process clock until nothing is
 * due. The cron schedule and the app's events (after a change commits) both only kick them.
 */
export function createJobRunners(services: JobServices, logger: Logger): JobRunners {
  const workers = new Map<JobName, KickWorker>(JOBS.map((job) => [job.name, createKickWorker(job.name, () => job.step(services, clock.now()), logger)]));
  const kick = (name: JobName) => workers.get(name)!.kick();
  return {
    kick,
    kickAll: () => {
      for (const worker of workers.values()) worker.kick();
    },
    idle: async () => {
      // A pass of one job may queue work for another (a webhook confirms a booking, which queues emails).
      for (let settled = false; !settled; ) {
        const busy = [...workers.values()].map((worker) => worker.busy());
        settled = !busy.some(Boolean);
        await Promise.all([...workers.values()].map((worker) => worker.idle()));
      }
    },
    schedule: () => {
      const tasks = JOBS.map((job) => cron.schedule(job.schedule, () => kick(job.name), { name: job.name, timezone: 'timezone' in job ? job.timezone : undefined }));
      logger.info({ jobs: tasks.length }, 'background jobs scheduled');
      return () => {
        for (const task of tasks) void task.stop();
      };
    },
  };
}
