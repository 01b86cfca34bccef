import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * A student's report of a problem with a completed session (PRODUCT.md §7): one per booking. While it is open the
 * booking's money stays held; an admin resolves it by releasing, refunding, or refunding part.
 */
export const disputes = pgTable(
  'disputes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    bookingId: uuid('booking_id').notNull().unique(),
    bookingCode: text('booking_code').notNull(),
    studentId: uuid('student_id').notNull(),
    mentorId: uuid('mentor_id').notNull(),
    pricePaise: integer('price_paise').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    reason: text('reason').notNull(),
    status: text('status', { enum: ['open', 'resolved'] }).notNull().default('open'),
    outcome: text('outcome', { enum: ['release', 'refund', 'partial'] }),
    refundPaise: integer('refund_paise'),
    note: text('note'),
    resolvedBy: uuid('resolved_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  },
  (t) => [
    index('disputes_status_created_idx').on(t.status, t.createdAt.desc()),
    check('disputes_status', sql`${t.status} in ('open', 'resolved')`),
    check('disputes_resolution', sql`(${t.status} = 'resolved') = (${t.outcome} is not null and ${t.resolvedAt} is not null and ${t.note} is not null)`),
    check('disputes_refund', sql`${t.refundPaise} is null or (${t.refundPaise} > 0 and ${t.refundPaise} <= ${t.pricePaise})`),
  ],
);
