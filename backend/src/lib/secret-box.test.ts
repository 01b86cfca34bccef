import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyRuns } from '../test-support/properties.js';
import { createSecretBox, parseKeyRing } from './secret-box.js';

const key = (id: string) => ({ id, key: randomBytes(32) });

describe('the secret box (AES-256-GCM, rotating keys)', () => {
  it('for any text and owner, what is sealed opens to the same text for that owner only, and never shows the text', () => {
    const box = createSecretBox([key('k1')]);
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 300 }), fc.uuid(), fc.uuid(), (plain, owner, other) => {
        const sealed = box.seal(plain, owner);
        expect(box.open(sealed, owner)).toBe(plain);
        if (plain.length >= 4) expect(sealed).not.toContain(plain);
        if (other !== owner) expect(() => box.open(sealed, other)).toThrow();
      }),
      { numRuns: propertyRuns() },
    );
  });

  it('when one character of a sealed value changes, then it no longer opens', () => {
    const box = createSecretBox([key('k1')]);
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40 }), fc.nat(), (plain, at) => {
        const sealed = box.seal(plain, 'owner');
        const parts = sealed.split('.');
        const which = 2 + (at % 3);
        const part = parts[which]!;
        const i = Math.floor(at / 3) % part.length;
        parts[which] = part.slice(0, i) + (part[i] === 'A' ? 'B' : 'A') + part.slice(i + 1);
        const tampered = parts.join('.');
        if (tampered !== sealed) expect(() => box.open(tampered, 'owner')).toThrow();
      }),
      { numRuns: propertyRuns() },
    );
  });

  it('when the keys rotate, then old values still open and are known to be stale; new ones use the new key; an unknown key id does not open', () => {
    const old = key('2026a');
    const sealedOld = createSecretBox([old]).seal('123456789012', 'mentor-1');
    const rotated = createSecretBox([key('2026b'), old]);
    expect(rotated.open(sealedOld, 'mentor-1')).toBe('123456789012');
    expect(rotated.isStale(sealedOld)).toBe(true);
    const sealedNew = rotated.seal('123456789012', 'mentor-1');
    expect(sealedNew.split('.')[1]).toBe('2026b');
    expect(rotated.isStale(sealedNew)).toBe(false);
    expect(sealedNew).not.toBe(rotated.seal('123456789012', 'mentor-1'));
    expect(() => createSecretBox([key('other')]).open(sealedOld, 'mentor-1')).toThrow(/unknown key/);
  });

  it('the key ring is read from "id:base64[,id:base64]" and says what is wrong with a bad one', () => {
    const a = randomBytes(32).toString('base64');
    const b = randomBytes(32).toString('base64');
    expect(parseKeyRing(`one:${a}, two:${b}`).map((k) => k.id)).toEqual(['one', 'two']);
    expect(() => parseKeyRing(a)).toThrow(/id/);
    expect(() => parseKeyRing(`one:${randomBytes(16).toString('base64')}`)).toThrow(/32 bytes/);
    expect(() => parseKeyRing(`one:${a},one:${b}`)).toThrow(/differ/);
  });
});
