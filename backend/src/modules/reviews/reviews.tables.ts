import { sql } from 'drizzle-orm';
import { boolean, check, index, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { mentors } from '../mentors/mentors.tables.js';
import { users } from '../users/users.tables.js';

export const reviews = pgTable(
  'reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    mentorId: uuid('mentor_id')
      .notNull()
      .references(() => mentors.userId, { onDelete: 'cascade' }),
    studentId: uuid('student_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    // One review per completed booking; the bookings table and its foreign key arrive with bookings.
    bookingId: uuid('booking_id').unique(),
    rating: smallint('rating').notNull(),
    text: text('text').notNull().default(''),
    isPublic: boolean('is_public').notNull().default(true),
    hidden: boolean('hidden').notNull().default(false),
    mentorReply: text('mentor_reply'),
    mentorRepliedAt: timestamp('mentor_replied_at', { withTimezone: true }),
    // Someone reported it and no admin has looked yet: it is in the admin's queue.
    reportedAt: timestamp('reported_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('reviews_mentor_created_idx').on(t.mentorId, t.createdAt.desc()),
    index('reviews_reported_idx').on(t.reportedAt).where(sql`${t.reportedAt} is not null`),
    check('reviews_rating_range', sql`${t.rating} between 1 and 5`),
    check('reviews_text_length', sql`char_length(${t.text}) <= 1000`),
    check('reviews_reply_length', sql`${t.mentorReply} is null or char_length(${t.mentorReply}) <= 500`),
  ],
);

/** Reports of a review: one per person per review, with the reason the admin reads. */
export const reviewReports = pgTable(
  'review_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reviewId: uuid('review_id')
      .notNull()
      .references(() => reviews.id, { onDelete: 'cascade' }),
    reporterId: uuid('reporter_id').notNull(),
    reason: text('reason').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('review_reports_one_per_person').on(t.reviewId, t.reporterId)],
);
