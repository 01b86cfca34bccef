import { TZDate } from '@date-fns/tz';
import { z } from 'zod';

/**
 * The business's own calendar: its days and weeks are India's (Asia/Kolkata, no daylight saving), whatever zone a
 * server or a viewer is in. The admin's periods (a revenue week, a night's reconciliation, an audit filter) are
 * counted in it; instants on the wire stay UTC.
 */
export const BUSINESS_TIME_ZONE = 'Asia/Kolkata';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The instant a business day (`2026-11-09`) begins; null when the text is not a real calendar date. */
export function businessDayStart(date: string): Date | null {
  const match = DATE.exec(date);
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const start = new TZDate(y, m - 1, d, 0, 0, BUSINESS_TIME_ZONE);
  // 2026-02-30 would roll over into March: not a date.
  if (start.getFullYear() !== y || start.getMonth() !== m - 1 || start.getDate() !== d) return null;
  return new Date(start.getTime());
}

/** The business day (`2026-11-09`) an instant falls on. */
export function businessDateOf(instant: Date): string {
  const local = new TZDate(instant.getTime(), BUSINESS_TIME_ZONE);
  return `${String(local.getFullYear()).padStart(4, '0')}-${String(local.getMonth() + 1).padStart(2, '0')}-${String(local.getDate()).padStart(2, '0')}`;
}

/** The start of the business day `days` after (or before) the one `instant` falls on. */
export function businessDayStartFrom(instant: Date, days = 0): Date {
  const local = new TZDate(instant.getTime(), BUSINESS_TIME_ZONE);
  return new Date(new TZDate(local.getFullYear(), local.getMonth(), local.getDate() + days, 0, 0, BUSINESS_TIME_ZONE).getTime());
}

/** The start of the business week (Monday 00:00, ISO weeks) `instant` falls in. */
export function businessWeekStart(instant: Date): Date {
  const local = new TZDate(instant.getTime(), BUSINESS_TIME_ZONE);
  const sinceMonday = (local.getDay() + 6) % 7;
  return businessDayStartFrom(instant, -sinceMonday);
}

/** The whole business day before the one `instant` falls on, as a half-open period. */
export function previousBusinessDay(instant: Date): { from: Date; to: Date } {
  return { from: businessDayStartFrom(instant, -1), to: businessDayStartFrom(instant, 0) };
}

/**
 * A query parameter naming an instant: a business date (`2026-11-09`, the start of that day in India) or an ISO
 * date-time with its offset (`2026-11-09T18:30:00Z`). The message names what was expected, so a 422 can say it.
 */
export const instantParam = z.string('Must be a date (YYYY-MM-DD) or an ISO date-time').transform((value, ctx) => {
  const text = value.trim();
  const day = DATE.test(text) ? businessDayStart(text) : null;
  const parsed = day ?? (z.iso.datetime({ offset: true }).safeParse(text).success ? new Date(text) : null);
  if (!parsed || Number.isNaN(parsed.getTime())) {
    ctx.addIssue({ code: 'custom', message: 'Must be a date (YYYY-MM-DD) or an ISO date-time' });
    return z.NEVER;
  }
  return parsed;
});
