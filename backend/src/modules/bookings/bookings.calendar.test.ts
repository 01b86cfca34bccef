import { describe, expect, it } from 'vitest';
import { formatWhen } from './bookings.calendar.js';

describe('session times for people', () => {
  it('when a session time is shown, then on the reader’s clock, each zone on its own, across a DST change', () => {
    const start = new Date('2026-11-01T05:30:00Z');
    const end = new Date('2026-11-01T06:30:00Z');
    expect(formatWhen(start, end, 'Asia/Kolkata')).toBe('Sun, 1 Nov 2026, 11:00–12:00 (Asia/Kolkata)');
    // New York falls back at 06:00 UTC that morning: 01:30 EDT, then 01:30 EST.
    expect(formatWhen(start, end, 'America/New_York')).toBe('Sun, 1 Nov 2026, 01:30–01:30 (America/New_York)');
    expect(formatWhen(start, end, 'Asia/Kolkata')).toBe('Sun, 1 Nov 2026, 11:00–12:00 (Asia/Kolkata)');
  });
});
