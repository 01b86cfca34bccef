import { TZDate, tzOffset } from '@date-fns/tz';

/**
 * Bookable-times engine: a pure function in integer minutes. Every instant inside is UTC epoch minutes;
 * the mentor's time zone is used only to expand local rules into UTC (per local date, DST-aware) and to
 * group bookings into local days and weeks for the limits.
 */

export interface MinuteRange {
  /** Minutes after local midnight, [start, end). */
  startMinute: number;
  endMinute: number;
}

export interface WeeklyRule extends MinuteRange {
  /** 0 = Sunday … 6 = Saturday, as Date#getDay. */
  weekday: number;
}

export interface DateOverride {
  /** Local calendar date, YYYY-MM-DD. */
  date: string;
  /** Empty = the whole date is blocked; otherwise these hours replace the weekly ones on that date. */
  ranges: MinuteRange[];
}

export interface Vacation {
  /** Inclusive local dates. */
  startDate: string;
  endDate: string;
}

export interface Interval {
  /** UTC epoch minutes, [start, end). */
  start: number;
  end: number;
}

export interface EngineSettings {
  timeZone: string;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  minNoticeMinutes: number;
  horizonDays: number;
  slotIntervalMinutes: number;
  dailyLimit: number | null;
  weeklyLimit: number | null;
}

export interface EngineInput {
  settings: EngineSettings;
  weekly: WeeklyRule[];
  overrides: DateOverride[];
  vacations: Vacation[];
  /** Time already taken (bookings, holds, slots), each already widened by its own buffers. */
  busy: Interval[];
  /** Start instants of the mentor's active bookings, for the daily and weekly limits. */
  bookingStarts: number[];
  durationMinutes: number;
  now: number;
  /** The window asked for, UTC epoch minutes [from, to). */
  from: number;
  to: number;
}

export const MINUTES_PER_DAY = 1440;

// ---- calendar helpers (pure date arithmetic, no time zone) ---------------------------------------------

export function parseDate(date: string): { y: number; m: number; d: number } {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return { y, m, d };
}

export function formatDate(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function addDays(date: string, days: number): string {
  const { y, m, d } = parseDate(date);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return formatDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

const weekdayOf = (date: string) => {
  const { y, m, d } = parseDate(date);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
};

/** Monday of the ISO week holding `date`: the key the weekly limit counts by. */
export const weekKey = (date: string) => addDays(date, -((weekdayOf(date) + 6) % 7));

// ---- the time-zone edge -------------------------------------------------------------------------------

/** The local calendar date of an instant in a zone. */
export function localDateOf(epochMinute: number, timeZone: string): string {
  const local = new TZDate(epochMinute * 60_000, timeZone);
  return formatDate(local.getFullYear(), local.getMonth() + 1, local.getDate());
}

/**
 * The local dates of a zone between two dates, with the UTC instant each begins at. Built with one time-zone
 * lookup per date, it then places any instant on its local date by binary search, so work per booking or per
 * returned time is integer arithmetic.
 */
export class ZoneCalendar {
  readonly dates: string[] = [];
  readonly starts: number[] = [];

  constructor(
    readonly timeZone: string,
    firstDate: string,
    lastDate: string,
  ) {
    const exactStart = (date: string) => {
      const { y, m, d } = parseDate(date);
      return new TZDate(y, m - 1, d, 0, 0, timeZone).getTime() / 60_000;
    };
    // The next midnight is 24 h later unless the offset changed in between. Then that date is resolved exactly,
    // and so is the one after (the changed day may have begun off midnight, e.g. a gap at 00:00).
    let previous = 0;
    let previousOffset = 0;
    let forceExact = true;
    for (let date = firstDate; date <= addDays(lastDate, 1); date = addDays(date, 1)) {
      let start: number;
      let offset: number;
      const guess = previous + MINUTES_PER_DAY;
      const guessOffset = forceExact ? NaN : tzOffset(timeZone, new Date(guess * 60_000));
      if (guessOffset === previousOffset) {
        start = guess;
        offset = guessOffset;
      } else {
        const offsetChanged: boolean = !forceExact;
        start = exactStart(date);
        offset = tzOffset(timeZone, new Date(start * 60_000));
        forceExact = offsetChanged;
      }
      this.dates.push(date);
      this.starts.push(start);
      previous = start;
      previousOffset = offset;
    }
  }

  /** Local date and minute of the day of an instant; falls back to a direct lookup outside the table. */
  locate(epochMinute: number): { date: string; minute: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    if (epochMinute < this.starts[0]! || epochMinute >= this.starts[hi]!) {
      const local = new TZDate(epochMinute * 60_000, this.timeZone);
      return { date: formatDate(local.getFullYear(), local.getMonth() + 1, local.getDate()), minute: local.getHours() * 60 + local.getMinutes() };
    }
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid]! <= epochMinute) lo = mid;
      else hi = mid;
    }
    const date = this.dates[lo]!;
    const offsetInDay = epochMinute - this.starts[lo]!;
    if (this.starts[lo + 1]! - this.starts[lo]! === MINUTES_PER_DAY) return { date, minute: offsetInDay };
    // A day with a clock change: the wall clock isn't midnight + elapsed minutes.
    const local = new TZDate(epochMinute * 60_000, this.timeZone);
    return { date, minute: local.getHours() * 60 + local.getMinutes() };
  }

  /** The UTC start of a date in the table and of the next one. */
  bounds(date: string): { start: number; next: number } | undefined {
    const i = this.dates.indexOf(date);
    return i >= 0 && i + 1 < this.starts.length ? { start: this.starts[i]!, next: this.starts[i + 1]! } : undefined;
  }
}

export interface LocalDay {
  /** UTC instant of a local minute of the date; null when that wall-clock time doesn't exist (spring forward). */
  exact(minute: number): number | null;
  /** UTC instant of a local minute, shifting a nonexistent time forward by the gap (for range ends). */
  shifted(minute: number): number;
}

/**
 * Maps the local minutes of one date to UTC. On a normal day that is one addition; on a day with a DST
 * change each minute is resolved on its own: a local time that doesn't exist gives null, and an ambiguous
 * one (fall back) resolves to its first occurrence, so it is offered once.
 */
export function localDay(date: string, timeZone: string, bounds?: { start: number; next: number }): LocalDay {
  const { y, m, d } = parseDate(date);
  const instant = (minute: number) => new TZDate(y, m - 1, d, Math.floor(minute / 60), minute % 60, timeZone).getTime() / 60_000;
  const midnight = bounds?.start ?? instant(0);
  const next = bounds?.next ?? instant(MINUTES_PER_DAY);
  // A 24-hour day has no clock change (a zone whose midnight falls in a gap has a 23-hour day).
  if (next - midnight === MINUTES_PER_DAY) {
    return { exact: (minute) => midnight + minute, shifted: (minute) => midnight + minute };
  }
  return {
    exact: (minute) => {
      if (minute === MINUTES_PER_DAY) return next;
      const candidate = instant(minute);
      return wallClockMinute(candidate, timeZone) === minute && localDateOf(candidate, timeZone) === date ? candidate : null;
    },
    shifted: (minute) => (minute === MINUTES_PER_DAY ? next : instant(minute)),
  };
}

function wallClockMinute(epochMinute: number, timeZone: string): number {
  const local = new TZDate(epochMinute * 60_000, timeZone);
  return local.getHours() * 60 + local.getMinutes();
}

// ---- the engine ---------------------------------------------------------------------------------------

/** The local hours of one date: vacation and overrides win over the weekly rules. */
export function rangesForDate(date: string, input: Pick<EngineInput, 'weekly' | 'overrides' | 'vacations'>): MinuteRange[] {
  if (input.vacations.some((v) => v.startDate <= date && date <= v.endDate)) return [];
  const override = input.overrides.find((o) => o.date === date);
  if (override) return override.ranges;
  const weekday = weekdayOf(date);
  return input.weekly.filter((r) => r.weekday === weekday);
}

/** Index of the first interval whose end is after `t` (intervals sorted by start, merged, non-overlapping). */
function firstEndingAfter(sorted: Interval[], t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]!.end <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function mergeIntervals(intervals: Interval[]): Interval[] {
  const sorted = [...intervals].filter((i) => i.end > i.start).sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  for (const current of sorted) {
    const last = merged[merged.length - 1];
    if (last && current.start <= last.end) last.end = Math.max(last.end, current.end);
    else merged.push({ ...current });
  }
  return merged;
}

export function overlapsAny(sortedMerged: Interval[], start: number, end: number): boolean {
  const i = firstEndingAfter(sortedMerged, start);
  return i < sortedMerged.length && sortedMerged[i]!.start < end;
}

/** Bookable start instants (UTC epoch minutes), sorted and unique. */
export function bookableTimes(input: EngineInput): number[] {
  const { settings, durationMinutes } = input;
  const earliest = Math.max(input.from, input.now + settings.minNoticeMinutes);
  const latest = Math.min(input.to, input.now + settings.horizonDays * MINUTES_PER_DAY);
  if (earliest >= latest || durationMinutes <= 0 || settings.slotIntervalMinutes <= 0) return [];

  const busy = mergeIntervals(input.busy);
  // One local day either side covers zones up to ±14 h from UTC; the calendar reaches a week further
  // when a weekly limit has to count whole weeks.
  const firstDate = addDays(localDateOf(earliest, settings.timeZone), -1);
  const lastDate = addDays(localDateOf(latest, settings.timeZone), 1);
  const pad = settings.weeklyLimit === null ? 1 : 7;
  const calendar = new ZoneCalendar(settings.timeZone, addDays(firstDate, -pad), addDays(lastDate, pad));
  const perDay = new Map<string, number>();
  const perWeek = new Map<string, number>();
  const weekKeys = new Map<string, string>();
  const weekOf = (date: string) => {
    let key = weekKeys.get(date);
    if (key === undefined) weekKeys.set(date, (key = weekKey(date)));
    return key;
  };
  if (settings.dailyLimit !== null || settings.weeklyLimit !== null) {
    for (const start of input.bookingStarts) {
      const { date } = calendar.locate(start);
      perDay.set(date, (perDay.get(date) ?? 0) + 1);
      perWeek.set(weekOf(date), (perWeek.get(weekOf(date)) ?? 0) + 1);
    }
  }

  const result = new Set<number>();
  for (let date = firstDate; date <= lastDate; date = addDays(date, 1)) {
    if (settings.dailyLimit !== null && (perDay.get(date) ?? 0) >= settings.dailyLimit) continue;
    if (settings.weeklyLimit !== null && (perWeek.get(weekOf(date)) ?? 0) >= settings.weeklyLimit) continue;
    const ranges = rangesForDate(date, input);
    if (ranges.length === 0) continue;
    const day = localDay(date, settings.timeZone, calendar.bounds(date));
    for (const range of ranges) {
      const rangeEnd = day.shifted(range.endMinute);
      for (let minute = range.startMinute; minute + durationMinutes <= range.endMinute; minute += settings.slotIntervalMinutes) {
        const start = day.exact(minute);
        if (start === null || start < earliest || start >= latest) continue;
        const end = start + durationMinutes;
        // On a fall-back day a local range is longer in real time; on a spring-forward day shorter: the UTC end decides.
        if (end > rangeEnd) continue;
        if (overlapsAny(busy, start - settings.bufferBeforeMinutes, end + settings.bufferAfterMinutes)) continue;
        result.add(start);
      }
    }
  }
  return [...result].sort((a, b) => a - b);
}
