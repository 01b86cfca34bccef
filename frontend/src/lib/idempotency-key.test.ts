import { describe, expect, it, vi } from 'vitest';
import { newIdempotencyKey } from './idempotency-key';

const uuidV4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('newIdempotencyKey', () => {
  it('when called twice, then it gives two different version-4 UUIDs', () => {
    const first = newIdempotencyKey();
    const second = newIdempotencyKey();
    expect(first).toMatch(uuidV4);
    expect(second).toMatch(uuidV4);
    expect(first).not.toBe(second);
  });

  it('when crypto.randomUUID is missing (an insecure context), then it still builds distinct version-4 UUIDs from random bytes', () => {
    const real = globalThis.crypto;
    vi.stubGlobal('crypto', { getRandomValues: real.getRandomValues.bind(real) });

    const keys = new Set([newIdempotencyKey(), newIdempotencyKey(), newIdempotencyKey()]);

    expect(keys.size).toBe(3);
    for (const key of keys) expect(key).toMatch(uuidV4);
  });
});
