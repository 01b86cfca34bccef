import { describe, expect, it } from 'vitest';
import { paths, safeNextPath } from './paths';

describe('safeNextPath', () => {
  it.each([
    ['/profile', '/profile'],
    ['/profile?tab=language#top', '/profile?tab=language#top'],
    [null, '/dashboard'],
    ['', '/dashboard'],
    ['https://evil.example/steal', '/dashboard'],
    ['//evil.example/steal', '/dashboard'],
    ['/\\evil.example', '/dashboard'],
    ['javascript:alert(1)', '/dashboard'],
    ['/login?next=%2Fprofile', '/dashboard'],
    ['/register', '/dashboard'],
  ])('when next is %j, then the user goes to %j', (next, expected) => {
    expect(safeNextPath(next)).toBe(expected);
  });
});

describe('checkout links', () => {
  it('when a 1-to-1 time is chosen, then the link carries the start and length', () => {
    const href = paths.app.checkout.getHref('asha-rao', { startsAt: '2026-11-25T03:30:00.000Z', durationMinutes: 60 });
    const url = new URL(href, 'http://app.invalid');
    expect(url.pathname).toBe('/book/asha-rao');
    expect(Object.fromEntries(url.searchParams)).toEqual({ start: '2026-11-25T03:30:00.000Z', duration: '60' });
  });

  it('when a slot is chosen, then the link carries the slot id and its start', () => {
    const href = paths.app.checkout.getHref('asha rao', { slotId: 'slot-1', startsAt: '2026-11-27T10:30:00.000Z' });
    const url = new URL(href, 'http://app.invalid');
    expect(url.pathname).toBe('/book/asha%20rao');
    expect(Object.fromEntries(url.searchParams)).toEqual({ slot: 'slot-1', start: '2026-11-27T10:30:00.000Z' });
  });
});
