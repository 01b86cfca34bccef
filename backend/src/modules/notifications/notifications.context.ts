import type { Db } from '../../db/client.js';
import type { Logger } from '../../lib/logger.js';
import type { Mailer } from '../../lib/mailer.js';

/** What emails link to: the product's address, and the key unsubscribe links are signed with. */
export interface EmailLinks {
  /** Without a trailing slash. */
  publicUrl: string;
  /** HMAC key of the unsubscribe tokens, derived from JWT_SECRET (never the secret itself). */
  unsubscribeKey: string;
}

/** What the outbox and the unsubscribe endpoints need, built once by the app (or the job runner). */
export interface NotificationsContext {
  db: Db;
  mailer: Mailer;
  logger: Logger;
  links: EmailLinks;
}
