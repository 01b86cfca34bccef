import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, bookableTimes, localDateOf, rangesForDate, weekKey, type EngineInput, type EngineSettings, type Interval } from './engine.js';
import { propertyRuns } from '../../test-support/properties.js';

const toMin = (iso: string) => Date.parse(iso) / 60_000;
const iso = (minute: number) => new Date(minute * 60_000).toISOString().replace(':00.000Z', 'Z');

/** Wall clock of an instant in a zone, computed independently of the engine (Intl parts). */
function wallClock(minute: number, timeZone: string): { date: string; minute: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(minute * 60_000))
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, minute: Number(parts.hour) * 60 + Number(parts.minute) };
}

const baseSettings: EngineSettings = {
  timeZone: 'UTC',
  bufferBeforeMinutes: 0,
  bufferAfterMinutes: 0,
  minNoticeMinutes: 0,
  horizonDays: 60,
  slotIntervalMinutes: 30,
  dailyLimit: null,
  weeklyLimit: null,
};

const input = (overrides: Omit<Partial<EngineInput>, 'settings'> & { settings?: Partial<EngineSettings> }): EngineInput => ({
  weekly: [],
  overrides: [],
  vacations: [],
  busy: [],
  bookingStarts: [],
  durationMinutes: 30,
  now: toMin('2026-01-01T00:00:00Z'),
  from: toMin('2026-01-01T00:00:00Z'),
  to: toMin('2026-01-08T00:00:00Z'),
  ...overrides,
  settings: { ...baseSettings, ...overrides.settings },
});

const everyDay = (startMinute: number, endMinute: number) => [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, startMinute, endMinute }));
const localTimes = (times: number[], zone: string) => times.map((t) => { const w = wallClock(t, zone); return `${w.date} ${String(Math.floor(w.minute / 60)).padStart(2, '0')}:${String(w.minute % 60).padStart(2, '0')}`; });

describe('bookable times across daylight-saving changes', () => {
  it('when New York springs forward, then 18:00 stays 18:00 local and the nonexistent 02:00–02:59 is skipped', () => {
    const times = bookableTimes(
      input({
        settings: { timeZone: 'America/New_York' },
        weekly: [{ weekday: 6, startMinute: 18 * 60, endMinute: 18 * 60 + 30 }, { weekday: 0, startMinute: 18 * 60, endMinute: 18 * 60 + 30 }, { weekday: 0, startMinute: 120, endMinute: 240 }],
        from: toMin('2026-03-07T00:00:00Z'),
        to: toMin('2026-03-09T12:00:00Z'),
        now: toMin('2026-03-01T00:00:00Z'),
      }),
    );
    expect(times.map(iso)).toEqual(['2026-03-07T23:00Z', '2026-03-08T07:00Z', '2026-03-08T07:30Z', '2026-03-08T22:00Z']);
    expect(localTimes(times, 'America/New_York')).toEqual(['2026-03-07 18:00', '2026-03-08 03:00', '2026-03-08 03:30', '2026-03-08 18:00']);
  });

  it('when New York falls back, then the ambiguous 01:00 and 01:30 are offered once each (first occurrence)', () => {
    const times = bookableTimes(
      input({
        settings: { timeZone: 'America/New_York' },
        weekly: [{ weekday: 0, startMinute: 60, endMinute: 120 }],
        from: toMin('2026-11-01T00:00:00Z'),
        to: toMin('2026-11-02T00:00:00Z'),
        now: toMin('2026-10-25T00:00:00Z'),
      }),
    );
    expect(times.map(iso)).toEqual(['2026-11-01T05:00Z', '2026-11-01T05:30Z']);
  });

  it.each([
    ['Europe/London', '2026-03-28', '2026-03-29', '2026-03-28T18:00Z', '2026-03-29T17:00Z'],
    ['Europe/London', '2026-10-24', '2026-10-25', '2026-10-24T17:00Z', '2026-10-25T18:00Z'],
    ['Australia/Sydney', '2026-04-04', '2026-04-05', '2026-04-04T07:00Z', '2026-04-05T08:00Z'],
    ['Australia/Sydney', '2026-10-03', '2026-10-04', '2026-10-03T08:00Z', '2026-10-04T07:00Z'],
    ['Asia/Kolkata', '2026-03-28', '2026-03-29', '2026-03-28T12:30Z', '2026-03-29T12:30Z'],
  ])('when %s changes clocks (%s → %s), then a weekly 18:00 rule stays at 18:00 local', (zone, before, after, utcBefore, utcAfter) => {
    const times = bookableTimes(
      input({
        settings: { timeZone: zone },
        weekly: everyDay(18 * 60, 18 * 60 + 30),
        from: toMin(`${before}T00:00:00Z`) - 720,
        to: toMin(`${after}T23:59:00Z`) + 720,
        now: toMin(`${before}T00:00:00Z`) - 1440,
      }),
    );
    const onDates = times.filter((t) => [before, after].includes(wallClock(t, zone).date));
    expect(onDates.map(iso)).toEqual([utcBefore, utcAfter]);
    expect(onDates.every((t) => wallClock(t, zone).minute === 18 * 60)).toBe(true);
  });

  it('when a student in New York looks at a Kolkata mentor, then the same instants are shown in the student’s zone', () => {
    const times = bookableTimes(
      input({
        settings: { timeZone: 'Asia/Kolkata' },
        weekly: [{ weekday: 1, startMinute: 9 * 60, endMinute: 10 * 60 }],
        now: toMin('2026-10-30T00:00:00Z'),
        from: toMin('2026-11-02T00:00:00Z') - 600,
        to: toMin('2026-11-03T00:00:00Z'),
      }),
    );
    expect(localTimes(times, 'Asia/Kolkata')).toEqual(['2026-11-02 09:00', '2026-11-02 09:30']);
    expect(localTimes(times, 'America/New_York')).toEqual(['2026-11-01 22:30', '2026-11-01 23:00']);
  });
});

describe('bookable times: rules', () => {
  const week = { from: toMin('2026-01-05T00:00:00Z'), to: toMin('2026-01-12T00:00:00Z'), now: toMin('2026-01-01T00:00:00Z') };

  it('when an override changes a date’s hours or blocks it, or a vacation covers it, then the weekly hours give way', () => {
    const times = bookableTimes(
      input({
        ...week,
        weekly: everyDay(9 * 60, 10 * 60),
        overrides: [{ date: '2026-01-06', ranges: [{ startMinute: 14 * 60, endMinute: 15 * 60 }] }, { date: '2026-01-07', ranges: [] }],
        vacations: [{ startDate: '2026-01-09', endDate: '2026-01-10' }],
      }),
    );
    const byDate = new Map<string, string[]>();
    for (const t of times) byDate.set(wallClock(t, 'UTC').date, [...(byDate.get(wallClock(t, 'UTC').date) ?? []), iso(t).slice(11)]);
    expect(Object.fromEntries(byDate)).toEqual({
      '2026-01-05': ['09:00Z', '09:30Z'],
      '2026-01-06': ['14:00Z', '14:30Z'],
      '2026-01-08': ['09:00Z', '09:30Z'],
      '2026-01-11': ['09:00Z', '09:30Z'],
    });
  });

  it('when bookings, buffers, notice, horizon and limits apply, then each removes exactly what it should', () => {
    const base = { ...week, weekly: everyDay(9 * 60, 12 * 60) };
    const busy: Interval[] = [{ start: toMin('2026-01-05T10:00:00Z'), end: toMin('2026-01-05T10:30:00Z') }];
    expect(bookableTimes(input({ ...base, busy, to: toMin('2026-01-06T00:00:00Z') })).map(iso)).toEqual(
      ['09:00', '09:30', '10:30', '11:00', '11:30'].map((h) => `2026-01-05T${h}Z`),
    );
    expect(bookableTimes(input({ ...base, busy, to: toMin('2026-01-06T00:00:00Z'), settings: { bufferBeforeMinutes: 15, bufferAfterMinutes: 15 } })).map(iso)).toEqual(
      ['09:00', '11:00', '11:30'].map((h) => `2026-01-05T${h}Z`),
    );
    expect(bookableTimes(input({ ...base, now: toMin('2026-01-05T08:00:00Z'), to: toMin('2026-01-06T00:00:00Z'), settings: { minNoticeMinutes: 180 } })).map(iso)).toEqual(
      ['11:00', '11:30'].map((h) => `2026-01-05T${h}Z`),
    );
    expect(bookableTimes(input({ ...base, now: toMin('2026-01-04T12:00:00Z'), settings: { horizonDays: 2 } })).map((t) => wallClock(t, 'UTC').date)).toEqual(
      [...Array(6).fill('2026-01-05'), ...Array(6).fill('2026-01-06')],
    );
    const starts = [toMin('2026-01-05T09:00:00Z'), toMin('2026-01-07T09:00:00Z')];
    const limited = bookableTimes(input({ ...base, busy: starts.map((s) => ({ start: s, end: s + 30 })), bookingStarts: starts, settings: { dailyLimit: 1 } }));
    expect(new Set(limited.map((t) => wallClock(t, 'UTC').date))).toEqual(new Set(['2026-01-06', '2026-01-08', '2026-01-09', '2026-01-10', '2026-01-11']));
    const weekly = bookableTimes(input({ ...base, busy: starts.map((s) => ({ start: s, end: s + 30 })), bookingStarts: starts, settings: { weeklyLimit: 2 } }));
    expect(weekly).toEqual([]);
  });
});

// ---- properties -------------------------------------------------------------------------------------------

const ZONES = ['UTC', 'Asia/Kolkata', 'America/New_York', 'Europe/London', 'Australia/Sydney', 'Asia/Kathmandu', 'America/Santiago'];
// Windows that straddle the 2026 transitions of the zones above.
const ANCHORS = ['2026-03-06', '2026-03-27', '2026-04-03', '2026-09-04', '2026-10-02', '2026-10-23', '2026-10-30', '2026-06-15'].map((d) => toMin(`${d}T00:00:00Z`));

const rangeArb = fc
  .tuple(fc.integer({ min: 0, max: 95 }), fc.integer({ min: 1, max: 24 }))
  .map(([start, len]) => ({ startMinute: start * 15, endMinute: Math.min(1440, start * 15 + len * 15) }));

/** Non-overlapping ranges for one day, as a mentor could enter them. */
const dayRangesArb = fc.array(rangeArb, { maxLength: 3 }).map((ranges) => {
  const sorted = [...ranges].sort((a, b) => a.startMinute - b.startMinute);
  const out: { startMinute: number; endMinute: number }[] = [];
  for (const r of sorted) if (!out.length || r.startMinute >= out[out.length - 1]!.endMinute) out.push(r);
  return out;
});

const scenarioArb = fc
  .record({
    zone: fc.constantFrom(...ZONES),
    anchor: fc.constantFrom(...ANCHORS),
    nowOffset: fc.integer({ min: -3 * 1440, max: 3 * 1440 }),
    windowDays: fc.integer({ min: 1, max: 14 }),
    weekly: fc.array(dayRangesArb, { minLength: 7, maxLength: 7 }),
    overrideDays: fc.array(fc.tuple(fc.integer({ min: 0, max: 16 }), dayRangesArb), { maxLength: 4 }),
    vacation: fc.option(fc.tuple(fc.integer({ min: 0, max: 16 }), fc.integer({ min: 0, max: 3 }))),
    busyRaw: fc.array(fc.tuple(fc.integer({ min: -1440, max: 16 * 1440 }), fc.integer({ min: 15, max: 180 })), { maxLength: 25 }),
    buffers: fc.tuple(fc.constantFrom(0, 5, 10, 15, 30), fc.constantFrom(0, 5, 10, 15, 30)),
    notice: fc.constantFrom(0, 60, 720, 1440),
    horizonDays: fc.integer({ min: 1, max: 30 }),
    interval: fc.constantFrom(15, 30, 60),
    duration: fc.constantFrom(30, 60),
    dailyLimit: fc.option(fc.integer({ min: 1, max: 4 })),
    weeklyLimit: fc.option(fc.integer({ min: 1, max: 8 })),
  })
  .map((s) => {
    const startDate = localDateOf(s.anchor, s.zone);
    const busy = s.busyRaw.map(([offset, len]) => ({ start: s.anchor + offset, end: s.anchor + offset + len }));
    const engineInput: EngineInput = {
      settings: {
        timeZone: s.zone,
        bufferBeforeMinutes: s.buffers[0],
        bufferAfterMinutes: s.buffers[1],
        minNoticeMinutes: s.notice,
        horizonDays: s.horizonDays,
        slotIntervalMinutes: s.interval,
        dailyLimit: s.dailyLimit,
        weeklyLimit: s.weeklyLimit,
      },
      weekly: s.weekly.flatMap((ranges, weekday) => ranges.map((r) => ({ weekday, ...r }))),
      overrides: [...new Map(s.overrideDays.map(([day, ranges]) => [addDays(startDate, day), ranges])).entries()].map(([date, ranges]) => ({ date, ranges })),
      vacations: s.vacation ? [{ startDate: addDays(startDate, s.vacation[0]), endDate: addDays(startDate, s.vacation[0] + s.vacation[1]) }] : [],
      busy,
      bookingStarts: busy.filter((_, i) => i % 2 === 0).map((b) => b.start),
      durationMinutes: s.duration,
      now: s.anchor + s.nowOffset,
      from: s.anchor,
      to: s.anchor + s.windowDays * 1440,
    };
    return engineInput;
  });

describe('bookable times: properties', () => {
  it('for any rules, overrides, bookings, buffers, notice, horizon, limits and zone: every returned time is allowed', () => {
    fc.assert(
      fc.property(scenarioArb, (input) => {
        const times = bookableTimes(input);
        const { settings: s } = input;
        // Sorted and unique.
        for (let i = 1; i < times.length; i++) expect(times[i]!).toBeGreaterThan(times[i - 1]!);
        const perDay = new Map<string, number>();
        const perWeek = new Map<string, number>();
        for (const b of input.bookingStarts) {
          const d = wallClock(b, s.timeZone).date;
          perDay.set(d, (perDay.get(d) ?? 0) + 1);
          perWeek.set(weekKey(d), (perWeek.get(weekKey(d)) ?? 0) + 1);
        }
        for (const t of times) {
          // Window, notice and horizon.
          expect(t).toBeGreaterThanOrEqual(input.from);
          expect(t).toBeLessThan(input.to);
          expect(t).toBeGreaterThanOrEqual(input.now + s.minNoticeMinutes);
          expect(t).toBeLessThan(input.now + s.horizonDays * 1440);
          // No overlap with anything busy, buffers included.
          for (const b of input.busy) expect(t - s.bufferBeforeMinutes < b.end && t + input.durationMinutes + s.bufferAfterMinutes > b.start).toBe(false);
          // Inside the hours of its own local date, on the interval grid of a range.
          const local = wallClock(t, s.timeZone);
          const ranges = rangesForDate(local.date, input);
          const holder = ranges.find((r) => r.startMinute <= local.minute && local.minute < r.endMinute && (local.minute - r.startMinute) % s.slotIntervalMinutes === 0);
          expect(holder, `${iso(t)} (${local.date} ${local.minute}) is outside the rules`).toBeDefined();
          const end = wallClock(t + input.durationMinutes, s.timeZone);
          const endMinute = end.date === local.date ? end.minute : end.minute + 1440;
          const dstDay = wallClock(t + 1440, s.timeZone).minute !== local.minute || wallClock(t - 1440, s.timeZone).minute !== local.minute;
          if (!dstDay) expect(endMinute).toBeLessThanOrEqual(holder!.endMinute);
          // Limits are never exceeded.
          if (s.dailyLimit !== null) expect(perDay.get(local.date) ?? 0).toBeLessThan(s.dailyLimit);
          if (s.weeklyLimit !== null) expect(perWeek.get(weekKey(local.date)) ?? 0).toBeLessThan(s.weeklyLimit);
        }
      }),
      { numRuns: propertyRuns() },
    );
    // About 11 s for 1,000 runs on a quiet machine; the limit only catches a hang, however loaded the machine is.
  }, 300_000);

  it('for UTC with nothing busy and no limits: exactly the grid of the rules is returned (nothing valid is dropped)', () => {
    fc.assert(
      fc.property(scenarioArb, (generated) => {
        const input: EngineInput = { ...generated, busy: [], bookingStarts: [], settings: { ...generated.settings, timeZone: 'UTC', dailyLimit: null, weeklyLimit: null } };
        const expected: number[] = [];
        const earliest = Math.max(input.from, input.now + input.settings.minNoticeMinutes);
        const latest = Math.min(input.to, input.now + input.settings.horizonDays * 1440);
        for (let day = Math.floor(input.from / 1440) - 1; day <= Math.ceil(input.to / 1440) + 1; day++) {
          const date = new Date(day * 1440 * 60_000).toISOString().slice(0, 10);
          for (const r of rangesForDate(date, input)) {
            for (let m = r.startMinute; m + input.durationMinutes <= r.endMinute; m += input.settings.slotIntervalMinutes) {
              const t = day * 1440 + m;
              if (t >= earliest && t < latest) expected.push(t);
            }
          }
        }
        expect(bookableTimes(input)).toEqual([...new Set(expected)].sort((a, b) => a - b));
      }),
      { numRuns: propertyRuns() },
    );
  });
});
