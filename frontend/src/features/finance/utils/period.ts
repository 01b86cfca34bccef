import { addDays, formatCalendarDate, todayIn, weekdayOf, zonedParts } from '@/lib/time-zone-clock';
import type { DayRange } from '../types';

/** The business's days and weeks are India's, whoever looks (the server counts them so too). */
export const BUSINESS_TIME_ZONE = 'Asia/Kolkata';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date (YYYY-MM-DD), or null. */
export function dateIn(value: string | null | undefined): string | null {
  if (!value || !DATE.test(value)) return null;
  return addDays(value, 0) === value ? value : null;
}

/** The API's half-open period for days picked with both ends included. */
export const apiPeriod = (range: DayRange) => ({ from: range.from, to: addDays(range.to, 1) });

/** The Monday (ISO weeks) on or before a date. */
export const mondayOf = (date: string) => addDays(date, -((weekdayOf(date) + 6) % 7));

/** Today in India. */
export const businessToday = (now: Date = new Date()) => todayIn(BUSINESS_TIME_ZONE, now);

/** This week and the `weeks - 1` before it, up to today. */
export function lastWeeks(weeks: number, now: Date = new Date()): DayRange {
  const today = businessToday(now);
  return { from: mondayOf(addDays(today, -7 * (weeks - 1))), to: today };
}

/** Yesterday in India, the day the nightly reconciliation looks at. */
export function yesterday(now: Date = new Date()): DayRange {
  const day = addDays(businessToday(now), -1);
  return { from: day, to: day };
}

/** The days a half-open API period covers (its end is the start of the day after the last). */
export function dayRangeOf(period: { from: string; to: string }): DayRange {
  return { from: zonedParts(period.from, BUSINESS_TIME_ZONE).date, to: addDays(zonedParts(period.to, BUSINESS_TIME_ZONE).date, -1) };
}

/** "Mon, 9 Nov, 2026" for one day, "Mon, 2 Nov, 2026 – Sun, 8 Nov, 2026" for more. */
export function formatDayRange(range: DayRange): string {
  const from = formatCalendarDate(range.from, 'medium');
  return range.from === range.to ? from : `${from} – ${formatCalendarDate(range.to, 'medium')}`;
}

/** How many days a range spans, both ends included. */
export function daysIn(range: DayRange): number {
  const [a, b] = [range.from, range.to].map((d) => Date.parse(`${d}T00:00:00Z`));
  return Math.round((b! - a!) / 86_400_000) + 1;
}

/** The range in a URL's `from` and `to`, when both are real dates in order; else `fallback`. */
export function rangeIn(params: URLSearchParams, fallback: DayRange): DayRange {
  const from = dateIn(params.get('from'));
  const to = dateIn(params.get('to'));
  return from && to && from <= to ? { from, to } : fallback;
}
