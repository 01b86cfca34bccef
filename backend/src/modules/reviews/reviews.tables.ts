import { sql } from 'drizzle-orm';
import { boolean, check, index, pgTable, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
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
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('reviews_mentor_created_idx').on(t.mentorId, t.createdAt.desc()),
    check('reviews_rating_range', sql`${t.rating} between 1 and 5`),
    check('reviews_text_length', sql`char_length(${t.text}) <= 1000`),
    check('reviews_reply_length', sql`${t.mentorReply} is null or char_length(${t.mentorReply}) <= 500`),
  ],
);
