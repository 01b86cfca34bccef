/**
 * Wall-clock arithmetic in a named IANA zone, with nothing but Intl: which local date and minute an
 * instant falls on, and which instant a local date and minute denote. Calendar dates are
 * 'YYYY-MM-DD' strings and times of day are minutes after local midnight, as on the wire; a Date is
 * only ever an instant. Offsets are looked up per instant, so daylight-saving changes come out right.
 */

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** Dates and times on screen read the same for everyone ("Wednesday, 25 November 2026"), like our money. */
export const DATE_LOCALE = 'en-IN';

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = partsFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      // h23, not hour12: false, which some engines answer with "24" at midnight.
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      weekday: 'short',
    });
    partsFormatters.set(timeZone, formatter);
  }
  return formatter;
}

const weekdayNumbers: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

export interface ZonedParts {
  /** The local calendar date, YYYY-MM-DD. */
  date: string;
  /** Minutes after local midnight, 0–1439. */
  minuteOfDay: number;
  /** 0 = Sunday … 6 = Saturday, as Date#getDay. */
  weekday: number;
}

const toDate = (instant: Date | string | number) => (instant instanceof Date ? instant : new Date(instant));

/** Where an instant falls on the clocks of `timeZone`. */
export function zonedParts(instant: Date | string | number, timeZone: string): ZonedParts {
  const values: Record<string, string> = {};
  for (const part of partsFormatter(timeZone).formatToParts(toDate(instant))) values[part.type] = part.value;
  return {
    date: `${values.year}-${values.month}-${values.day}`,
    minuteOfDay: Number(values.hour) * 60 + Number(values.minute),
    weekday: weekdayNumbers[values.weekday ?? ''] ?? 0,
  };
}

/** How far `timeZone`'s clocks are ahead of UTC at `instantMs`, in whole minutes (Kolkata: 330). */
function offsetMinutes(instantMs: number, timeZone: string): number {
  const { date, minuteOfDay } = zonedParts(instantMs, timeZone);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wallClockAsUtc = Date.UTC(y, m - 1, d) + minuteOfDay * MINUTE_MS;
  return Math.round((wallClockAsUtc - Math.floor(instantMs / MINUTE_MS) * MINUTE_MS) / MINUTE_MS);
}

/**
 * The instant at which `timeZone`'s clocks show `date` and `minuteOfDay`. The offset is taken at the
 * answer itself (a second look when a DST change lies between the guess and the answer); a time
 * skipped by a spring-forward gap comes out as the same wall-clock reading under the earlier offset.
 */
export function zonedTimeToInstant(date: string, minuteOfDay: number, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wallClockAsUtc = Date.UTC(y, m - 1, d) + minuteOfDay * MINUTE_MS;
  const firstGuess = wallClockAsUtc - offsetMinutes(wallClockAsUtc, timeZone) * MINUTE_MS;
  const offsetThere = offsetMinutes(firstGuess, timeZone);
  return new Date(wallClockAsUtc - offsetThere * MINUTE_MS);
}

/** Today's date on `timeZone`'s calendar. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return zonedParts(now, timeZone).date;
}

/** Calendar arithmetic on YYYY-MM-DD dates; no zone involved. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) + days * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday for a calendar date. */
export function weekdayOf(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** "09:05" for 545; 1440 is "24:00", the end of a day. */
export function minutesToHhmm(minuteOfDay: number): string {
  return `${String(Math.floor(minuteOfDay / 60)).padStart(2, '0')}:${String(minuteOfDay % 60).padStart(2, '0')}`;
}

/** 545 for "09:05" (or "9:05"); null for anything that isn't a time between 00:00 and 24:00. */
export function hhmmToMinutes(text: string): number | null {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes > 0)) return null;
  return hours * 60 + minutes;
}

/** The local "HH:mm" an instant shows in `timeZone`. */
export function zonedHhmm(instant: Date | string | number, timeZone: string): string {
  return minutesToHhmm(zonedParts(instant, timeZone).minuteOfDay);
}

/**
 * A calendar date for people: "Wednesday, 25 November 2026" (`long`) or "Wed, 25 Nov" (`short`).
 * The date is read as a plain calendar date, so no zone can shift it by a day.
 */
export function formatCalendarDate(date: string, style: 'long' | 'short' | 'medium' = 'long'): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const options: Intl.DateTimeFormatOptions =
    style === 'long'
      ? { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }
      : style === 'medium'
        ? { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }
        : { weekday: 'short', day: 'numeric', month: 'short' };
  return new Intl.DateTimeFormat(DATE_LOCALE, { ...options, timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** A zone's name for people: "Asia/Kolkata" → "Asia/Kolkata", "America/New_York" → "America/New York". */
export function zoneLabel(timeZone: string): string {
  return timeZone.replaceAll('_', ' ');
}

/** The calendar date an instant falls on in `timeZone`, written for people (see formatCalendarDate). */
export function formatZonedDate(instant: Date | string | number, timeZone: string, style: 'long' | 'short' | 'medium' = 'long'): string {
  return formatCalendarDate(zonedParts(instant, timeZone).date, style);
}

/**
 * A session's date and times on `timeZone`'s clocks: "Wed, 25 Nov, 2026 · 09:00–10:00". A session
 * that runs past local midnight names the end's date too.
 */
export function formatZonedRange(startsAt: Date | string, endsAt: Date | string, timeZone: string, style: 'long' | 'medium' = 'medium'): string {
  const start = zonedParts(startsAt, timeZone);
  const end = zonedParts(endsAt, timeZone);
  const endText = end.date === start.date ? minutesToHhmm(end.minuteOfDay) : `${formatCalendarDate(end.date, 'short')} ${minutesToHhmm(end.minuteOfDay)}`;
  return `${formatCalendarDate(start.date, style)} · ${minutesToHhmm(start.minuteOfDay)}–${endText}`;
}
