import type { Db } from '../../db/client.js';
import type { Logger } from '../../lib/logger.js';
import type { BookingContext } from '../bookings/bookings.service.js';
import type { VideoSettings } from './sessions.video.js';

/** What the sessions services need, built once by the app (or the job runner). */
export interface SessionsContext {
  db: Db;
  /** Bookings owns the booking and its money; sessions decides from the evidence how a session ended. */
  bookings: BookingContext;
  video: VideoSettings;
  /** A browser's presence lapses when its heartbeats stop for longer than this. */
  heartbeatTimeoutMs: number;
  /** Signs the video server's webhooks; null: the webhook accepts nothing. */
  webhookSecret: string | null;
  logger: Logger;
}
