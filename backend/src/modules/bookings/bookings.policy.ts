import { randomInt } from 'node:crypto';
import type { BookingRow } from './bookings.transitions.js';

/** The money and time rules of PRODUCT.md §4–6, in one place; the numbers come from the configuration. */
export interface BookingPolicy {
  holdMinutes: number;
  commissionBps: number;
  gatewayFeeBps: number;
  gstOnFeeBps: number;
  fullRefundHours: number;
  halfRefundHours: number;
  rescheduleMinNoticeHours: number;
  reconcileAfterMinutes: number;
  /** The call opens this long before the start… */
  joinOpensMinutesBefore: number;
  /** …and stays open this long after the end; a session settles once it has passed. */
  joinGraceMinutes: number;
  /** A student present for less than this percentage of the session did not show up. */
  noShowBelowPercent: number;
  /** A completed session's money is released this long after it settles, unless the student disputes. */
  releaseAfterHours: number;
}

export interface CancellationQuote {
  refundPaise: number;
  percent: 0 | 50 | 100;
  reason: string;
}

const HOUR = 3_600_000;

/**
 * What a cancellation gives back. A mentor cancelling refunds in full; a student gets 100% more than
 * `fullRefundHours` ahead, 50% from `halfRefundHours` up to that, nothing later. Refunds are floored to the paisa.
 * "Ahead" is measured from `measuredFrom`, the earliest start the booking has had: a reschedule never improves
 * the refund (PRODUCT.md §5).
 */
export function cancellationQuote(policy: BookingPolicy, input: { pricePaise: number; measuredFrom: Date; now: Date; by: 'student' | 'mentor' }): CancellationQuote {
  if (input.by === 'mentor') return { refundPaise: input.pricePaise, percent: 100, reason: 'The mentor cancelled, so the full amount is refunded.' };
  const ahead = input.measuredFrom.getTime() - input.now.getTime();
  if (ahead > policy.fullRefundHours * HOUR) {
    return { refundPaise: input.pricePaise, percent: 100, reason: `Cancelled more than ${policy.fullRefundHours} hours before the session: full refund.` };
  }
  if (ahead >= policy.halfRefundHours * HOUR) {
    return {
      refundPaise: Math.floor(input.pricePaise / 2),
      percent: 50,
      reason: `Cancelled between ${policy.halfRefundHours} and ${policy.fullRefundHours} hours before the session: 50% refund.`,
    };
  }
  return { refundPaise: 0, percent: 0, reason: `Cancelled less than ${policy.halfRefundHours} hours before the session: no refund.` };
}

/** Why an action is not possible now: a snake_case code the UI keys on, and a sentence for people. */
export interface Refusal {
  code: string;
  message: string;
}

export type Decision = { ok: true } | ({ ok: false } & Refusal);

const yes: Decision = { ok: true };
const no = (code: string, message: string): Decision => ({ ok: false, code, message });

type Viewer = 'student' | 'mentor';
type Facts = Pick<BookingRow, 'status' | 'settlement' | 'startsAt' | 'endsAt' | 'slotId' | 'rescheduleCount'>;

/**
 * Whether `by` may cancel the booking now — the one rule behind the booking's `actions.cancel`, the refund quote
 * and the cancel itself. Waiting for payment: the student may give the hold up (the mentor waits for it to
 * expire). Confirmed: either of them, until it starts, while the money is still held.
 */
export function canCancel(b: Facts, by: Viewer, now: Date): Decision {
  if (b.status === 'pending_payment') return by === 'student' ? yes : no('not_cancellable', 'The student has not paid yet; the hold expires on its own');
  if (b.status !== 'confirmed' || b.startsAt.getTime() <= now.getTime() || b.settlement !== 'held') return no('not_cancellable', 'This booking can no longer be cancelled');
  return yes;
}

/**
 * Whether the booking may be moved now: a confirmed 1-to-1 session, once, while it is more than the notice away
 * (the new time must be too; see `rescheduleTarget`). A group seat follows its session: cancel it instead.
 */
export function canReschedule(policy: BookingPolicy, b: Facts, now: Date): Decision {
  if (b.status !== 'confirmed' || b.startsAt.getTime() <= now.getTime()) return no('not_reschedulable', 'Only a confirmed booking that has not started can be moved');
  if (b.slotId) return no('not_reschedulable', 'A session booked from a published slot cannot be moved; cancel it instead');
  if (b.rescheduleCount > 0) return no('already_rescheduled', 'This booking has already been rescheduled once');
  if (b.startsAt.getTime() - now.getTime() <= policy.rescheduleMinNoticeHours * HOUR) {
    return no('not_reschedulable', `A booking can be moved until ${policy.rescheduleMinNoticeHours} hours before it starts`);
  }
  return yes;
}

/** The new time of a reschedule: more than the notice ahead, and not the time it has. */
export function rescheduleTarget(policy: BookingPolicy, b: Pick<BookingRow, 'startsAt'>, startsAt: Date, now: Date): Decision {
  if (startsAt.getTime() - now.getTime() <= policy.rescheduleMinNoticeHours * HOUR) return no('startsAt', `Pick a time more than ${policy.rescheduleMinNoticeHours} hours from now`);
  if (startsAt.getTime() === b.startsAt.getTime()) return no('startsAt', 'Pick a different time');
  return yes;
}

/** The earliest start a booking has had, once it moves to `startsAt`: what its refund tier is measured from. */
export const earliestStartAfterMove = (b: Pick<BookingRow, 'earliestStartsAt'>, startsAt: Date): Date => (startsAt < b.earliestStartsAt ? startsAt : b.earliestStartsAt);

/** When the call can be entered: from `joinOpensMinutesBefore` the start until `joinGraceMinutes` after the end. */
export function joinWindow(policy: BookingPolicy, b: Pick<BookingRow, 'startsAt' | 'endsAt'>): { opensAt: Date; closesAt: Date } {
  return { opensAt: new Date(b.startsAt.getTime() - policy.joinOpensMinutesBefore * 60_000), closesAt: new Date(b.endsAt.getTime() + policy.joinGraceMinutes * 60_000) };
}

/** When a session settles: once its join window has closed (PRODUCT.md §6, property 3). */
export const settlesAt = (policy: BookingPolicy, b: Pick<BookingRow, 'endsAt'>) => new Date(b.endsAt.getTime() + policy.joinGraceMinutes * 60_000);

export type SessionOutcome = 'completed' | 'no_show_mentor' | 'no_show_student';

/**
 * How a session ended, from who was there (PRODUCT.md §6): the mentor never came → `no_show_mentor` (a full
 * refund); the mentor came and the student was present under `noShowBelowPercent` of it → `no_show_student` (the
 * mentor is paid); otherwise `completed`.
 */
export function sessionOutcome(policy: BookingPolicy, attendance: { mentorJoined: boolean; studentPercent: number }): SessionOutcome {
  if (!attendance.mentorJoined) return 'no_show_mentor';
  if (attendance.studentPercent < policy.noShowBelowPercent) return 'no_show_student';
  return 'completed';
}

/** Whether a participant may enter the call now (PRODUCT.md §6, property 1): a paid session, inside its window. */
export function canJoin(policy: BookingPolicy, b: Pick<BookingRow, 'status' | 'startsAt' | 'endsAt'>, now: Date): Decision {
  if (b.status !== 'confirmed' && b.status !== 'in_progress') return no('not_joinable', 'This session is not taking place');
  const { opensAt, closesAt } = joinWindow(policy, b);
  if (now.getTime() < opensAt.getTime()) return no('too_early', `The call opens ${policy.joinOpensMinutesBefore} minutes before the start`);
  if (now.getTime() > closesAt.getTime()) return no('too_late', 'The call has closed');
  return yes;
}

// No 0/O or 1/I/L: codes are read out over the phone and typed by hand.
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** `MC-YYYYMMDD-XXXX`: the booking's creation date (UTC) and four random characters. */
export function bookingCode(now: Date): string {
  const date = now.toISOString().slice(0, 10).replaceAll('-', '');
  let suffix = '';
  for (let i = 0; i < 4; i++) suffix += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return `MC-${date}-${suffix}`;
}

export const BOOKING_CODE_PATTERN = /^MC-\d{8}-[2-9A-HJKMNP-Z]{4}$/;
