import { describe, expect, it } from 'vitest';
import { safeNextPath } from './paths';

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
