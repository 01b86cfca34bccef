import { sql } from 'drizzle-orm';
import { bigint, boolean, check, customType, date, index, integer, jsonb, pgEnum, pgTable, pgView, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../users/users.tables.js';

/** PostgreSQL tstzrange, written and read as its text form '[start,end)'. */
export const tstzrange = customType<{ data: string }>({ dataType: () => 'tstzrange' });

export interface LocalRange {
  startMinute: number;
  endMinute: number;
}

export const availabilitySettings = pgTable(
  'availability_settings',
  {
    mentorId: uuid('mentor_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    timeZone: text('time_zone').notNull(),
    sessionLengths: integer('session_lengths').array().notNull().default(sql`'{30,60}'`),
    bufferBeforeMinutes: integer('buffer_before_minutes').notNull().default(0),
    bufferAfterMinutes: integer('buffer_after_minutes').notNull().default(0),
    minNoticeMinutes: integer('min_notice_minutes').notNull().default(720),
    horizonDays: integer('horizon_days').notNull().default(28),
    slotIntervalMinutes: integer('slot_interval_minutes').notNull().default(30),
    dailyLimit: integer('daily_limit'),
    weeklyLimit: integer('weekly_limit'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('availability_buffers_range', sql`${t.bufferBeforeMinutes} between 0 and 120 and ${t.bufferAfterMinutes} between 0 and 120`),
    check('availability_notice_range', sql`${t.minNoticeMinutes} between 0 and 20160`),
    check('availability_horizon_range', sql`${t.horizonDays} between 1 and 90`),
    check('availability_interval_range', sql`${t.slotIntervalMinutes} in (15, 30, 60)`),
    check('availability_limits_positive', sql`coalesce(${t.dailyLimit}, 1) > 0 and coalesce(${t.weeklyLimit}, 1) > 0`),
  ],
);

/** Recurring hours, in the mentor's zone: minutes after local midnight, [start, end). */
export const weeklyRules = pgTable(
  'availability_weekly_rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    mentorId: uuid('mentor_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    weekday: smallint('weekday').notNull(),
    startMinute: smallint('start_minute').notNull(),
    endMinute: smallint('end_minute').notNull(),
  },
  (t) => [
    index('availability_weekly_rules_mentor_idx').on(t.mentorId),
    check('weekly_rules_weekday', sql`${t.weekday} between 0 and 6`),
    check('weekly_rules_minutes', sql`0 <= ${t.startMinute} and ${t.startMinute} < ${t.endMinute} and ${t.endMinute} <= 1440`),
  ],
);

/**
 * Date overrides and vacations, one table: other hours on the dates from `startDate` to `endDate`
 * (inclusive), or — with no ranges — those dates blocked. Overlapping overrides are refused by an
 * exclusion constraint (see the migration).
 */
export const dateOverrides = pgTable(
  'availability_overrides',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    mentorId: uuid('mentor_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    startDate: date('start_date').notNull(),
    endDate: date('end_date').notNull(),
    ranges: jsonb('ranges').$type<LocalRange[]>().notNull().default([]),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('availability_overrides_mentor_idx').on(t.mentorId, t.startDate), check('overrides_dates', sql`${t.startDate} <= ${t.endDate}`)],
);

export const slotStatus = pgEnum('slot_status', ['published', 'cancelled']);

/** Specific-date sessions: 1-to-1 (capacity 1) or group (2–20 seats), each with its own title and price. */
export const slots = pgTable(
  'slots',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    mentorId: uuid('mentor_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    capacity: integer('capacity').notNull(),
    seatsTaken: integer('seats_taken').notNull().default(0),
    title: text('title').notNull(),
    pricePaise: bigint('price_paise', { mode: 'number' }).notNull(),
    status: slotStatus('status').notNull().default('published'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('slots_mentor_start_idx').on(t.mentorId, t.startsAt),
    check('slots_time_order', sql`${t.startsAt} < ${t.endsAt}`),
    check('slots_capacity_range', sql`${t.capacity} between 1 and 20`),
    // The guarded seat counter of DESIGN.md §4.1 can never overbook, even if a caller forgets to check.
    check('slots_seats_range', sql`${t.seatsTaken} between 0 and ${t.capacity}`),
    check('slots_price_range', sql`${t.pricePaise} between 10000 and 10000000`),
    check('slots_title_length', sql`char_length(${t.title}) between 3 and 120`),
  ],
);

export const occupancyKind = pgEnum('occupancy_kind', ['slot', 'hold', 'booking']);

/**
 * Whatever occupies a mentor's time — a published slot, a payment hold, an active booking — as one row whose
 * range is already widened by that occupation's buffers. The exclusion constraint in the migration makes two
 * overlapping active rows of one mentor impossible, whatever the application code does (DESIGN.md §4.1).
 */
export const occupancies = pgTable(
  'occupancies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    mentorId: uuid('mentor_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    occupied: tstzrange('occupied').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    kind: occupancyKind('kind').notNull(),
    sourceId: uuid('source_id').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('occupancies_source_idx').on(t.sourceId)],
);

/** What a booking shows of its group session (ADR 0006: other modules join this view, never the table). */
export const slotCards = pgView('slot_cards').as((qb) => qb.select({ id: slots.id, title: slots.title, capacity: slots.capacity }).from(slots));
