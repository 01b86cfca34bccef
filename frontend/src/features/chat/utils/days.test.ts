import { describe, expect, it } from 'vitest';
import { dayLabel, groupByDay, listTime } from './days';

// Days and times on the viewer's clock. "Now" is passed in: Tuesday 10 November 2026, 11:30 in Kolkata (06:00Z).
const NOW = new Date('2026-11-10T06:00:00.000Z');

describe('chat days', () => {
  it('when messages straddle midnight in the viewer’s zone, then they fall on that zone’s days, not UTC’s', () => {
    const instants = ['2026-11-09T18:00:00.000Z', '2026-11-09T18:45:00.000Z', '2026-11-10T05:00:00.000Z'];
    expect(groupByDay(instants, (i) => i, 'Asia/Kolkata').map((g) => [g.date, g.items.length])).toEqual([
      ['2026-11-09', 1],
      ['2026-11-10', 2],
    ]);
    expect(groupByDay(instants, (i) => i, 'UTC').map((g) => [g.date, g.items.length])).toEqual([
      ['2026-11-09', 2],
      ['2026-11-10', 1],
    ]);
  });

  it('when a day is today, yesterday or earlier, then its separator says so', () => {
    expect(dayLabel('2026-11-10', 'Asia/Kolkata', NOW)).toBe('Today');
    expect(dayLabel('2026-11-09', 'Asia/Kolkata', NOW)).toBe('Yesterday');
    expect(dayLabel('2026-11-03', 'Asia/Kolkata', NOW)).toBe('Tue, 3 Nov, 2026');
  });

  it('when the list shows a last message’s time, then it is the hour today, "Yesterday", the date this year, and the year before that', () => {
    expect(listTime('2026-11-10T04:05:00.000Z', 'Asia/Kolkata', NOW)).toBe('09:35');
    expect(listTime('2026-11-09T04:05:00.000Z', 'Asia/Kolkata', NOW)).toBe('Yesterday');
    expect(listTime('2026-11-02T04:05:00.000Z', 'Asia/Kolkata', NOW)).toBe('Mon, 2 Nov');
    expect(listTime('2025-12-30T04:05:00.000Z', 'Asia/Kolkata', NOW)).toBe('Tue, 30 Dec, 2025');
  });
});
