import { sql } from 'drizzle-orm';
import { check, pgEnum, pgTable, pgView, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const userRole = pgEnum('user_role', ['student', 'mentor', 'admin']);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: userRole('role').notNull().default('student'),
    timeZone: text('time_zone').notNull().default('Asia/Kolkata'),
    language: text('language').notNull().default('en'),
    avatarUrl: text('avatar_url'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Emails are stored lower-cased; the index on lower() still protects against a write that forgot to.
    uniqueIndex('users_email_lower_key').on(sql`lower(${t.email})`),
    check('users_email_lowercase', sql`${t.email} = lower(${t.email})`),
    check('users_name_length', sql`char_length(${t.name}) between 1 and 100`),
  ],
);

export type UserRow = typeof users.$inferSelect;

/**
 * What other modules may read of a user, for list queries that show people (a booking's mentor and student, a
 * review's author): a view, so they join it in the same statement but never see a password hash or write a row
 * (ADR 0006). Single users are read through the users service.
 */
export const userCards = pgView('user_cards').as((qb) =>
  qb.select({ id: users.id, name: users.name, email: users.email, avatarUrl: users.avatarUrl, timeZone: users.timeZone, createdAt: users.createdAt }).from(users),
);
