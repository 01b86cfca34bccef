import { describe, expect, it } from 'vitest';
import {
  addDays,
  formatCalendarDate,
  formatZonedDate,
  formatZonedRange,
  hhmmToMinutes,
  minutesToHhmm,
  todayIn,
  weekdayOf,
  zonedHhmm,
  zonedParts,
  zonedTimeToInstant,
} from './time-zone-clock';

describe('minutes of the day ⇄ "HH:mm"', () => {
  it('when minutes are written as a time, then hours and minutes are zero-padded and 1440 is 24:00', () => {
    expect(minutesToHhmm(0)).toBe('00:00');
    expect(minutesToHhmm(545)).toBe('09:05');
    expect(minutesToHhmm(1110)).toBe('18:30');
    expect(minutesToHhmm(1440)).toBe('24:00');
  });

  it('when a time is read back, then every quarter hour of the day round-trips', () => {
    for (let minute = 0; minute <= 1440; minute += 15) expect(hhmmToMinutes(minutesToHhmm(minute))).toBe(minute);
    expect(hhmmToMinutes('9:05')).toBe(545);
  });

  it('when the text is not a time of day, then it reads as null', () => {
    for (const text of ['', '9', '09:60', '25:00', '24:15', 'noon', '09:5']) expect(hhmmToMinutes(text)).toBeNull();
  });
});

describe('instants on a zone’s clocks', () => {
  it('when an instant is placed in Kolkata and London, then each shows its own date, time and weekday', () => {
    const instant = '2026-11-24T22:00:00.000Z';
    expect(zonedParts(instant, 'Asia/Kolkata')).toEqual({ date: '2026-11-25', minuteOfDay: 3 * 60 + 30, weekday: 3 });
    expect(zonedParts(instant, 'Europe/London')).toEqual({ date: '2026-11-24', minuteOfDay: 22 * 60, weekday: 2 });
    expect(zonedHhmm(instant, 'America/New_York')).toBe('17:00');
  });

  it('when a local date and time is turned into an instant, then it is the UTC moment those clocks show it', () => {
    expect(zonedTimeToInstant('2026-11-25', 9 * 60, 'Asia/Kolkata').toISOString()).toBe('2026-11-25T03:30:00.000Z');
    expect(zonedTimeToInstant('2026-11-25', 9 * 60, 'Europe/London').toISOString()).toBe('2026-11-25T09:00:00.000Z');
    expect(zonedTimeToInstant('2026-07-01', 9 * 60, 'Europe/London').toISOString()).toBe('2026-07-01T08:00:00.000Z');
  });

  it('when the date is a daylight-saving change day, then the offset of that very hour is used', () => {
    // London springs forward at 01:00 UTC on 29 March 2026 and falls back at 01:00 UTC on 25 October 2026.
    expect(zonedTimeToInstant('2026-03-29', 0, 'Europe/London').toISOString()).toBe('2026-03-29T00:00:00.000Z');
    expect(zonedTimeToInstant('2026-03-29', 3 * 60, 'Europe/London').toISOString()).toBe('2026-03-29T02:00:00.000Z');
    expect(zonedTimeToInstant('2026-10-25', 3 * 60, 'Europe/London').toISOString()).toBe('2026-10-25T03:00:00.000Z');
    expect(zonedTimeToInstant('2026-03-08', 12 * 60, 'America/New_York').toISOString()).toBe('2026-03-08T16:00:00.000Z');
  });

  it('when local times round-trip through instants across a year, then they come back unchanged', () => {
    for (const zone of ['Asia/Kolkata', 'Europe/London', 'America/New_York', 'Australia/Sydney', 'Asia/Kathmandu']) {
      for (let date = '2026-01-03'; date < '2027-01-01'; date = addDays(date, 17)) {
        const instant = zonedTimeToInstant(date, 14 * 60 + 45, zone);
        expect(zonedParts(instant, zone)).toMatchObject({ date, minuteOfDay: 14 * 60 + 45 });
      }
    }
  });

  it("when today is asked for, then it is the zone's calendar date at that moment", () => {
    const now = new Date('2026-11-24T20:00:00.000Z');
    expect(todayIn('Asia/Kolkata', now)).toBe('2026-11-25');
    expect(todayIn('America/Los_Angeles', now)).toBe('2026-11-24');
  });
});

describe('calendar dates', () => {
  it('when days are added across months and years, then the date rolls over and keeps its weekday maths', () => {
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(weekdayOf('2026-11-25')).toBe(3);
    expect(weekdayOf('2026-11-22')).toBe(0);
  });

  it('when a date is written for people, then it uses the app’s fixed locale, not the machine’s', () => {
    expect(formatCalendarDate('2026-11-25')).toBe('Wednesday, 25 November 2026');
    expect(formatCalendarDate('2026-11-25', 'short')).toBe('Wed, 25 Nov');
    expect(formatCalendarDate('2026-11-25', 'medium')).toBe('Wed, 25 Nov, 2026');
  });
});

describe('instants written for people in a zone', () => {
  it('when a session is written for two zones, then each reads its own date and clock times', () => {
    // 03:30Z on 25 Nov is 09:00 in Kolkata and 22:30 the evening before in New York.
    expect(formatZonedDate('2026-11-25T03:30:00.000Z', 'Asia/Kolkata')).toBe('Wednesday, 25 November 2026');
    expect(formatZonedDate('2026-11-25T03:30:00.000Z', 'America/New_York', 'short')).toBe('Tue, 24 Nov');
    expect(formatZonedRange('2026-11-25T03:30:00.000Z', '2026-11-25T04:30:00.000Z', 'Asia/Kolkata')).toBe('Wed, 25 Nov, 2026 · 09:00–10:00');
    expect(formatZonedRange('2026-11-25T03:30:00.000Z', '2026-11-25T04:30:00.000Z', 'America/New_York')).toBe('Tue, 24 Nov, 2026 · 22:30–23:30');
  });

  it('when a session runs past local midnight, then the end names its own date', () => {
    expect(formatZonedRange('2026-11-25T04:30:00.000Z', '2026-11-25T05:30:00.000Z', 'America/New_York')).toBe('Tue, 24 Nov, 2026 · 23:30–Wed, 25 Nov 00:30');
  });
});
