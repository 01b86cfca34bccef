import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { slots } from '../availability/availability.tables.js';
import { users } from '../users/users.tables.js';

export const bookingStatus = pgEnum('booking_status', [
  'pending_payment',
  'confirmed',
  'in_progress',
  'completed',
  'cancelled',
  'no_show_mentor',
  'no_show_student',
  'expired',
]);

export const settlementStatus = pgEnum('booking_settlement', ['held', 'released', 'refunded', 'partially_refunded', 'disputed']);
export const bookingKind = pgEnum('booking_kind', ['one_to_one', 'group']);
export const cancelledBy = pgEnum('booking_cancelled_by', ['student', 'mentor', 'system']);

/**
 * A student's booking of a mentor's time (1-to-1) or of a seat in a group slot. The price and its split are
 * fixed when the booking is created, so later changes to the mentor's prices or the platform's rates never
 * change what was agreed. While `pending_payment` the time is held (an `occupancies` row of kind `hold`);
 * once confirmed it becomes kind `booking`.
 */
export const bookings = pgTable(
  'bookings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull().unique(),
    mentorId: uuid('mentor_id')
      .notNull()
      .references(() => users.id),
    studentId: uuid('student_id')
      .notNull()
      .references(() => users.id),
    kind: bookingKind('kind').notNull(),
    slotId: uuid('slot_id').references(() => slots.id),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    topic: text('topic').notNull(),
    agenda: text('agenda').notNull().default(''),
    status: bookingStatus('status').notNull().default('pending_payment'),
    settlement: settlementStatus('settlement'),
    pricePaise: bigint('price_paise', { mode: 'number' }).notNull(),
    commissionPaise: bigint('commission_paise', { mode: 'number' }).notNull(),
    gatewayFeePaise: bigint('gateway_fee_paise', { mode: 'number' }).notNull(),
    mentorSharePaise: bigint('mentor_share_paise', { mode: 'number' }).notNull(),
    holdExpiresAt: timestamp('hold_expires_at', { withTimezone: true }).notNull(),
    rescheduleCount: integer('reschedule_count').notNull().default(0),
    previousStartsAt: timestamp('previous_starts_at', { withTimezone: true }),
    // The earliest start the booking has ever had: a student's refund tier is measured from it, so moving a
    // session later never buys a better refund (PRODUCT.md §5).
    earliestStartsAt: timestamp('earliest_starts_at', { withTimezone: true }).notNull(),
    cancelledBy: cancelledBy('cancelled_by'),
    cancelReason: text('cancel_reason'),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    // When the session was settled (its outcome decided), when its escrow is due to be released unless disputed,
    // and when it was released.
    settledAt: timestamp('settled_at', { withTimezone: true }),
    releaseAt: timestamp('release_at', { withTimezone: true }),
    releasedAt: timestamp('released_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('bookings_student_start_idx').on(t.studentId, t.startsAt),
    index('bookings_mentor_start_idx').on(t.mentorId, t.startsAt),
    // Settlement counts a pair's completed sessions (the mentor's repeat students) for a whole batch at once.
    index('bookings_pair_completed_idx').on(t.mentorId, t.studentId).where(sql`${t.status} = 'completed'`),
    index('bookings_slot_idx').on(t.slotId),
    // One seat per student in a session.
    uniqueIndex('bookings_one_seat_per_student').on(t.slotId, t.studentId).where(sql`${t.slotId} is not null and ${t.status} in ('pending_payment', 'confirmed', 'in_progress')`),
    index('bookings_hold_due_idx').on(t.holdExpiresAt).where(sql`${t.status} = 'pending_payment'`),
    // What the settlement and release jobs look for: sessions still to settle, and held money due for release.
    index('bookings_settle_due_idx').on(t.endsAt).where(sql`${t.status} in ('confirmed', 'in_progress')`),
    // What the reminders job looks for every minute: sessions taking place that start within the next day.
    index('bookings_upcoming_start_idx').on(t.startsAt).where(sql`${t.status} in ('confirmed', 'in_progress')`),
    index('bookings_release_due_idx').on(t.releaseAt).where(sql`${t.settlement} = 'held' and ${t.releaseAt} is not null`),
    check('bookings_time_order', sql`${t.startsAt} < ${t.endsAt}`),
    check('bookings_split_exact', sql`${t.commissionPaise} + ${t.gatewayFeePaise} + ${t.mentorSharePaise} = ${t.pricePaise}`),
    check('bookings_amounts_nonnegative', sql`${t.pricePaise} > 0 and ${t.commissionPaise} >= 0 and ${t.gatewayFeePaise} >= 0 and ${t.mentorSharePaise} >= 0`),
    check('bookings_reschedule_once', sql`${t.rescheduleCount} between 0 and 1`),
    check('bookings_earliest_start', sql`${t.earliestStartsAt} <= ${t.startsAt}`),
    check('bookings_group_has_slot', sql`${t.kind} = 'one_to_one' or ${t.slotId} is not null`),
    // Money is held from the confirmation on: a booking waiting for payment holds none, a confirmed one always
    // some (a cancelled or expired one may be either — a payment can arrive after a hold lapsed).
    check('bookings_settlement_follows_status', sql`${t.status} in ('cancelled', 'expired') or (${t.status} = 'pending_payment') = (${t.settlement} is null)`),
  ],
);

/**
 * The moves a booking's `status` and `settlement` may make, as data: a trigger on `bookings` refuses any other
 * (migration 0010), whichever code writes the row. `bookings.transitions.ts` holds the same table in TypeScript
 * and a test checks the two agree. `machine` is `status` or `settlement`; a settlement not yet set is `none`.
 */
export const bookingTransitions = pgTable(
  'booking_transitions',
  {
    machine: text('machine').notNull(),
    fromState: text('from_state').notNull(),
    toState: text('to_state').notNull(),
  },
  (t) => [primaryKey({ columns: [t.machine, t.fromState, t.toState] })],
);
