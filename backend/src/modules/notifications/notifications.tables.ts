import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../users/users.tables.js';

export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    actionUrl: text('action_url'),
    // The business event this notification is about; the unique index makes a second notification for it impossible.
    dedupeKey: text('dedupe_key').notNull().unique(),
    readAt: timestamp('read_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('notifications_user_created_idx').on(t.userId, t.createdAt.desc())],
);

export const outboxStatus = pgEnum('outbox_status', ['pending', 'sent', 'failed']);

/** Emails written in the same transaction as the change they report, delivered after commit by a worker. */
export const emailOutbox = pgTable(
  'email_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    dedupeKey: text('dedupe_key').notNull().unique(),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    // Rendered when it is sent, from its template and context (a change that tells thousands renders nothing);
    // html and text are for emails written already rendered.
    template: text('template'),
    context: jsonb('context').$type<Record<string, unknown>>(),
    html: text('html'),
    text: text('text'),
    attachments: jsonb('attachments').$type<{ filename: string; contentType: string; content: string }[]>(),
    // Whom it tells and about what (the notification's type): the unsubscribe link added at send time names both.
    // Null for emails queued before they were kept, or written already rendered.
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    type: text('type'),
    status: outboxStatus('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    index('email_outbox_due_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    check('email_outbox_attempts_nonnegative', sql`${t.attempts} >= 0`),
    check('email_outbox_has_body', sql`${t.template} is not null or (${t.html} is not null and ${t.text} is not null)`),
  ],
);

/**
 * A person's choices per notification category (notifications.categories.ts), in-app and email. Everything is on
 * by default, so only changes are rows: a category switched back fully on has none (the check keeps it that way).
 */
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    category: text('category').notNull(),
    inApp: boolean('in_app').notNull(),
    email: boolean('email').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.category] }), check('notification_preferences_a_change', sql`not (${t.inApp} and ${t.email})`)],
);
