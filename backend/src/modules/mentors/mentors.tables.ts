import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  customType,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  pgView,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from '../users/users.tables.js';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export interface ExperienceItem {
  company: string;
  role: string;
  years: number;
}

export const applicationStatus = pgEnum('mentor_application_status', ['draft', 'pending', 'approved', 'rejected']);

/** One application per user; a rejected applicant edits and resubmits the same row. */
export const mentorApplications = pgTable(
  'mentor_applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .unique()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: applicationStatus('status').notNull().default('draft'),
    headline: text('headline'),
    bio: text('bio'),
    experience: jsonb('experience').$type<ExperienceItem[]>().notNull().default([]),
    expertise: text('expertise').array().notNull().default(sql`'{}'`),
    sessionTopics: text('session_topics').array().notNull().default(sql`'{}'`),
    languages: text('languages').array().notNull().default(sql`'{}'`),
    linkedinUrl: text('linkedin_url'),
    price30Paise: bigint('price30_paise', { mode: 'number' }),
    price60Paise: bigint('price60_paise', { mode: 'number' }),
    timeZone: text('time_zone'),
    rejectionReason: text('rejection_reason'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: uuid('decided_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('mentor_applications_status_idx').on(t.status, t.submittedAt)],
);

/** The public mentor profile, created when an application is approved. */
export const mentors = pgTable(
  'mentors',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    // Slugs are never reassigned: rows are not deleted, and the unique index outlives any rename.
    slug: text('slug').notNull(),
    headline: text('headline').notNull(),
    bio: text('bio').notNull(),
    experience: jsonb('experience').$type<ExperienceItem[]>().notNull(),
    expertise: text('expertise').array().notNull(),
    sessionTopics: text('session_topics').array().notNull(),
    languages: text('languages').array().notNull(),
    companies: text('companies').array().notNull(),
    linkedinUrl: text('linkedin_url'),
    price30Paise: bigint('price30_paise', { mode: 'number' }).notNull(),
    price60Paise: bigint('price60_paise', { mode: 'number' }).notNull(),
    timeZone: text('time_zone').notNull(),
    acceptingBookings: boolean('accepting_bookings').notNull().default(true),
    approvedAt: timestamp('approved_at', { withTimezone: true }).notNull(),
    ratingAvg: numeric('rating_avg', { precision: 3, scale: 2, mode: 'number' }),
    ratingCount: integer('rating_count').notNull().default(0),
    sessionsCompleted: integer('sessions_completed').notNull().default(0),
    sessionsCancelledByMentor: integer('sessions_cancelled_by_mentor').notNull().default(0),
    distinctStudents: integer('distinct_students').notNull().default(0),
    repeatStudents: integer('repeat_students').notNull().default(0),
    // Sessions this mentor never joined (settled as no_show_mentor), and sessions that were confirmed (paid).
    mentorNoShows: integer('mentor_no_shows').notNull().default(0),
    sessionsConfirmed: integer('sessions_confirmed').notNull().default(0),
    // Maintained by a trigger (see the migration) from the name, headline, expertise, companies and bio.
    search: tsvector('search'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('mentors_slug_key').on(t.slug),
    index('mentors_search_idx').using('gin', t.search),
    index('mentors_expertise_idx').using('gin', t.expertise),
    index('mentors_topics_idx').using('gin', t.sessionTopics),
    index('mentors_languages_idx').using('gin', t.languages),
    index('mentors_companies_idx').using('gin', t.companies),
    index('mentors_price30_idx').on(t.price30Paise).where(sql`${t.acceptingBookings}`),
    index('mentors_rating_idx').on(t.ratingAvg.desc().nullsLast(), t.ratingCount.desc()).where(sql`${t.acceptingBookings}`),
    index('mentors_sessions_idx').on(t.sessionsCompleted.desc()).where(sql`${t.acceptingBookings}`),
    check('mentors_price30_range', sql`${t.price30Paise} between 10000 and 10000000`),
    check('mentors_price60_range', sql`${t.price60Paise} between ${t.price30Paise} and 10000000`),
    check('mentors_slug_format', sql`${t.slug} ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`),
    check('mentors_rating_count_nonnegative', sql`${t.ratingCount} >= 0`),
  ],
);

/**
 * What other modules may read of a mentor in their list queries (a booking's mentor, a slot's mentor, the
 * schedule of a mentor found by slug): a view, joined in the same statement, never written (ADR 0006).
 */
export const mentorCards = pgView('mentor_cards').as((qb) =>
  qb
    .select({
      userId: mentors.userId,
      slug: mentors.slug,
      timeZone: mentors.timeZone,
      acceptingBookings: mentors.acceptingBookings,
      price30Paise: mentors.price30Paise,
      price60Paise: mentors.price60Paise,
    })
    .from(mentors),
);
