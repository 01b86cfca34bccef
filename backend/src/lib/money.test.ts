import { describe, expect, it } from 'vitest';
import { formatInr } from './money.js';

describe('formatting for people', () => {
  it('when amounts are shown, then in rupees with Indian digit grouping, paise only when there are some', () => {
    expect(formatInr(1_00_000_00)).toBe('₹1,00,000');
    expect(formatInr(23_60)).toBe('₹23.60');
    expect(formatInr(50)).toBe('₹0.50');
    expect(formatInr(12_34_567_05)).toBe('₹12,34,567.05');
    expect(() => formatInr(1.5)).toThrow();
  });
});
