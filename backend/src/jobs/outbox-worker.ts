import type { Db } from '../db/client.js';
import type { Logger } from '../lib/logger.js';
import type { Mailer } from '../lib/mailer.js';
import { runDeliverOutbox } from '../modules/notifications/notifications.service.js';
import { createKickWorker, type KickWorker } from './kick-worker.js';

export type OutboxWorker = KickWorker;

export function createOutboxWorker(db: Db, mailer: Mailer, logger: Logger): OutboxWorker {
  return createKickWorker('deliver-outbox', () => runDeliverOutbox(db, mailer, logger), logger);
}
