import { describe, expect, it } from 'vitest';
import { canonicalTimeZone, isValidTimeZone } from './time.js';

describe('time zones', () => {
  it.each([
    ['Asia/Kolkata', 'Asia/Kolkata'],
    ['asia/kolkata', 'Asia/Kolkata'],
    ['Asia/Calcutta', 'Asia/Kolkata'],
    ['Europe/Kiev', 'Europe/Kyiv'],
    ['america/new_york', 'America/New_York'],
    ['UTC', 'UTC'],
  ])('when %s is given, then %s is stored', (input, expected) => {
    expect(isValidTimeZone(input)).toBe(true);
    expect(canonicalTimeZone(input)).toBe(expected);
  });

  it.each(['Mars/Olympus', '', 'Asia/Kolkata/Extra', 'x'.repeat(80)])('when %s is given, then it is refused', (input) => {
    expect(isValidTimeZone(input)).toBe(false);
  });
});
