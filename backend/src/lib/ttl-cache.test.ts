import { describe, expect, it } from 'vitest';
import { TtlCache } from './ttl-cache.js';

describe('TtlCache', () => {
  it('when an entry is older than the TTL, then it is gone; fresh ones are served', () => {
    let now = 1_000;
    const cache = new TtlCache<string>(100, 10, () => now);
    cache.set('a', 'A');
    now += 99;
    expect(cache.get('a')).toBe('A');
    now += 1;
    expect(cache.get('a')).toBeUndefined();
  });

  it('when more entries than the bound arrive, then the least recently used go first', () => {
    const cache = new TtlCache<number>(10_000, 2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1);
    cache.set('c', 3);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
  });

  it('when cleared or given a TTL of 0, then nothing is served', () => {
    const cache = new TtlCache<number>(10_000, 5);
    cache.set('a', 1);
    cache.clear();
    expect(cache.get('a')).toBeUndefined();
    const off = new TtlCache<number>(0, 5);
    off.set('a', 1);
    expect(off.get('a')).toBeUndefined();
  });
});
