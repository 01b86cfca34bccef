/**
 * When a session's reminders are due (PRODUCT.md §6), as pure time maths. Each kind has a moment before the start
 * and a late limit: it is sent from its moment until `lateMinutes` after it, and never later — a reminder that would
 * come long after its moment (the 24-hour one of a session booked 2 hours ahead, or any of them after the job was
 * down) is dropped, and the next one covers it:
 *
 * - `day_before`: 24 h before the start, up to 1 h late (a booking made under 23 h ahead gets none);
 * - `soon`: 15 min before, up to 5 min late (by then the call is about to open);
 * - `starting`: when the call opens (the join window, `joinOpensMinutesBefore` — 10 min — before the start), up to
 *   10 min late (with the defaults: until the start).
 */

export type ReminderKind = 'day_before' | 'soon' | 'starting';

export interface ReminderRule {
  kind: ReminderKind;
  /** How long before the start the reminder is due. */
  leadMinutes: number;
  /** How long after that moment it may still go out. */
  lateMinutes: number;
}

const MINUTE = 60_000;

export function reminderRules(joinOpensMinutesBefore: number): ReminderRule[] {
  return [
    { kind: 'day_before', leadMinutes: 24 * 60, lateMinutes: 60 },
    { kind: 'soon', leadMinutes: 15, lateMinutes: 5 },
    { kind: 'starting', leadMinutes: joinOpensMinutesBefore, lateMinutes: 10 },
  ];
}

/**
 * The starts whose reminder of `rule` is due at `now`: its moment (start − lead) in (now − late, now], that is a
 * start in (now + lead − late, now + lead].
 */
export function dueStarts(rule: ReminderRule, now: Date): { after: Date; notAfter: Date } {
  const notAfter = now.getTime() + rule.leadMinutes * MINUTE;
  return { after: new Date(notAfter - rule.lateMinutes * MINUTE), notAfter: new Date(notAfter) };
}

/** The kinds of reminder due at `now` for a session starting at `startsAt`. */
export function dueKinds(rules: ReminderRule[], startsAt: Date, now: Date): ReminderKind[] {
  return rules
    .filter((rule) => {
      const { after, notAfter } = dueStarts(rule, now);
      return startsAt.getTime() > after.getTime() && startsAt.getTime() <= notAfter.getTime();
    })
    .map((rule) => rule.kind);
}
