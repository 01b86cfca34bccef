import { describe, expect, it } from 'vitest';
import { formatPaise, paiseToRupees, rupeesToPaise } from './money';

describe('formatPaise', () => {
  it.each([
    [0, '₹0'],
    [100_00, '₹100'],
    [1_500_00, '₹1,500'],
    [1_00_000_00, '₹1,00,000'],
    [12_34_567_00, '₹12,34,567'],
    [1_499_50, '₹1,499.50'],
    [1, '₹0.01'],
  ])('when given %i paise, then it shows %s', (paise, expected) => {
    expect(formatPaise(paise)).toBe(expected);
  });

  it('when given a fraction of a paisa, then it refuses rather than rounding silently', () => {
    expect(() => formatPaise(10.5)).toThrow(RangeError);
  });
});

describe('rupeesToPaise', () => {
  it.each<[string | number | null | undefined, number | null]>([
    [1500, 1_500_00],
    ['1500', 1_500_00],
    ['1,00,000', 1_00_000_00],
    ['₹ 2,500', 2_500_00],
    ['1499.5', 1_499_50],
    [19.99, 19_99],
    [0.07, 7],
    ['12.', 12_00],
    ['-5', -5_00],
    ['-0', 0],
    ['', null],
    ['abc', null],
    ['1.999', null],
    ['1e3', null],
    [Number.NaN, null],
    [Number.POSITIVE_INFINITY, null],
    [null, null],
    [undefined, null],
  ])('when given %j, then it is %j paise', (input, expected) => {
    expect(rupeesToPaise(input)).toBe(expected);
  });

  it('when converted there and back, then every paisa survives', () => {
    for (let paise = 0; paise <= 100_000; paise += 7) {
      expect(rupeesToPaise(paiseToRupees(paise))).toBe(paise);
    }
  });
});
