import type { Logger } from '../lib/logger.js';

export interface KickWorker {
  /** Asks for a pass soon; calls made while one is running coalesce into one more pass. */
  kick(): void;
  /** Resolves when no pass is running or queued (tests and shutdown wait on it). */
  idle(): Promise<void>;
  /** Whether a pass is running or queued right now. */
  busy(): boolean;
}

/**
 * Runs `step` right after something asked for it (a change that queued work), draining until a step finds
 * nothing to do. The cron schedule kicks it too, so work left by a crash or another instance is picked up.
 */
export function createKickWorker(name: string, step: () => Promise<number>, logger: Logger): KickWorker {
  let running: Promise<void> | undefined;
  let again = false;
  const pass = async (): Promise<void> => {
    try {
      while ((await step()) > 0);
    } catch (err) {
      logger.error({ err, worker: name }, 'background pass failed');
    }
  };
  const loop = async () => {
    do {
      again = false;
      await pass();
    } while (again);
    running = undefined;
  };
  return {
    kick() {
      if (running) {
        again = true;
        return;
      }
      running = loop();
    },
    idle: async () => {
      while (running) await running;
    },
    busy: () => running !== undefined,
  };
}
