import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.js';
import { slotCards } from '../availability/availability.service.js';
import { userCards } from '../users/users.service.js';
import { bookings } from './bookings.tables.js';
import type { BookingStatus } from './bookings.transitions.js';

/**
 * What the reminders module reads of bookings (PRODUCT.md §6): the seats of sessions about to take place, with
 * their people, and — inside the transaction that tells them — which of those still take place at that time.
 */

/** A session taking place: paid and not over (under way counts: a group's mentor may have opened the call already). */
const TAKING_PLACE: BookingStatus[] = ['confirmed', 'in_progress'];

const mentorUser = alias(userCards, 'mentor_user');
const studentUser = alias(userCards, 'student_user');

const at = (instant: Date) => sql`${instant.toISOString()}::timestamptz`;

export interface StartRange {
  /** Exclusive. */
  after: Date;
  /** Inclusive. */
  notAfter: Date;
}

/** Every seat (a 1-to-1 booking, or one student's seat of a group session) taking place with a start inside one of `ranges`, in one statement. */
export async function seatsStartingWithin(db: Db, ranges: StartRange[]) {
  if (ranges.length === 0) return [];
  return db
    .select({
      bookingId: bookings.id,
      code: bookings.code,
      kind: bookings.kind,
      slotId: bookings.slotId,
      slotTitle: slotCards.title,
      startsAt: bookings.startsAt,
      endsAt: bookings.endsAt,
      topic: bookings.topic,
      mentor: { id: mentorUser.id, name: mentorUser.name, email: mentorUser.email, timeZone: mentorUser.timeZone },
      student: { id: studentUser.id, name: studentUser.name, email: studentUser.email, timeZone: studentUser.timeZone },
    })
    .from(bookings)
    .innerJoin(mentorUser, eq(mentorUser.id, bookings.mentorId))
    .innerJoin(studentUser, eq(studentUser.id, bookings.studentId))
    .leftJoin(slotCards, eq(slotCards.id, bookings.slotId))
    .where(and(inArray(bookings.status, TAKING_PLACE), or(...ranges.map((r) => sql`(${bookings.startsAt} > ${at(r.after)} and ${bookings.startsAt} <= ${at(r.notAfter)})`))))
    .orderBy(asc(bookings.startsAt), asc(bookings.id));
}

export type UpcomingSeat = Awaited<ReturnType<typeof seatsStartingWithin>>[number];

/**
 * Which of `bookingIds` still take place, with the start they have now, share-locked until the caller's transaction
 * ends: a cancellation or a reschedule of one of them waits for it (so nothing is said about a session that was
 * called off before), and one already being changed is skipped — a later pass sees how that change ended.
 */
export async function lockSeatsTakingPlace(tx: Db, bookingIds: string[]): Promise<{ id: string; startsAt: Date }[]> {
  if (bookingIds.length === 0) return [];
  return tx
    .select({ id: bookings.id, startsAt: bookings.startsAt })
    .from(bookings)
    .where(and(inArray(bookings.id, bookingIds), inArray(bookings.status, TAKING_PLACE)))
    .orderBy(bookings.id)
    .for('share', { skipLocked: true });
}
