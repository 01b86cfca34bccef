import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Every session reminder decided, one row per reminder (`event_key`: the booking — or, for a group session's mentor,
 * the slot —, the kind and the start it was for). The primary key is what makes "once" hold when several instances
 * run the job at once: a reminder is told in the transaction that inserts its row, and a second insert of the key
 * waits for the first and then does nothing. A rescheduled booking has a new start, hence new keys.
 */
export const sessionReminders = pgTable(
  'session_reminders',
  {
    eventKey: text('event_key').primaryKey(),
    kind: text('kind').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    check('session_reminders_kind', sql`${t.kind} in ('day_before', 'soon', 'starting')`),
    // Rows of sessions long past can be cleared by their start.
    index('session_reminders_starts_idx').on(t.startsAt),
  ],
);
