import { describe, expect, it } from 'vitest';
import { formatWhen } from '../modules/bookings/calendar.js';
import { formatInr } from './money.js';

describe('formatting for people', () => {
  it('when amounts are shown, then in rupees with Indian digit grouping, paise only when there are some', () => {
    expect(formatInr(1_00_000_00)).toBe('₹1,00,000');
    expect(formatInr(23_60)).toBe('₹23.60');
    expect(formatInr(50)).toBe('₹0.50');
    expect(formatInr(12_34_567_05)).toBe('₹12,34,567.05');
    expect(() => formatInr(1.5)).toThrow();
  });

  it('when a session time is shown, then on the reader’s clock, each zone on its own, across a DST change', () => {
    const start = new Date('2026-11-01T05:30:00Z');
    const end = new Date('2026-11-01T06:30:00Z');
    expect(formatWhen(start, end, 'Asia/Kolkata')).toBe('Sun, 1 Nov 2026, 11:00–12:00 (Asia/Kolkata)');
    // New York falls back at 06:00 UTC that morning: 01:30 EDT, then 01:30 EST.
    expect(formatWhen(start, end, 'America/New_York')).toBe('Sun, 1 Nov 2026, 01:30–01:30 (America/New_York)');
    expect(formatWhen(start, end, 'Asia/Kolkata')).toBe('Sun, 1 Nov 2026, 11:00–12:00 (Asia/Kolkata)');
  });
});
