import type { Db } from '../db/client.js';
import type { Logger } from '../lib/logger.js';
import type { Mailer } from '../lib/mailer.js';
import { runDeliverOutbox } from '../modules/notifications/notifications.service.js';

export interface OutboxWorker {
  /** Asks for a delivery pass soon; calls made while one is running coalesce into one more pass. */
  kick(): void;
  /** Resolves when no pass is running or queued (tests and shutdown wait on it). */
  idle(): Promise<void>;
}

export function createOutboxWorker(db: Db, mailer: Mailer, logger: Logger): OutboxWorker {
  let running: Promise<void> | undefined;
  let again = false;
  const pass = async (): Promise<void> => {
    try {
      // Drain in batches until a pass finds nothing due.
      while ((await runDeliverOutbox(db, mailer, logger)) > 0);
    } catch (err) {
      logger.error({ err }, 'outbox delivery pass failed');
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
  };
}
