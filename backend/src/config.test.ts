import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config.js';

const dataDir = () => mkdtempSync(path.join(tmpdir(), 'mc-config-'));

describe('config', () => {
  it('when nothing is set, then it runs on defaults: port 3000, PGlite under DATA_DIR, a generated JWT secret kept across starts', () => {
    const dir = dataDir();
    const first = parseConfig({ DATA_DIR: dir });
    expect(first.PORT).toBe(3000);
    expect(first.DATABASE_URL).toBeUndefined();
    expect(first.JWT_SECRET.length).toBeGreaterThanOrEqual(32);
    expect(parseConfig({ DATA_DIR: dir }).JWT_SECRET).toBe(first.JWT_SECRET);
  });

  it('when PORT and DATA_DIR are set, then they are honoured', () => {
    const dir = dataDir();
    const config = parseConfig({ PORT: '3999', DATA_DIR: dir });
    expect(config.PORT).toBe(3999);
    expect(config.DATA_DIR).toBe(dir);
  });

  describe('in production', () => {
    const payoutKey = `k1:${Buffer.alloc(32, 7).toString('base64')}`;
    const production = (env: Record<string, string> = {}) => parseConfig({ DATA_DIR: dataDir(), NODE_ENV: 'production', PAYOUT_DETAILS_KEY: payoutKey, ...env });
    const generated = 'q2Vb8Nx4Lm7Kd1Rz5Tc9Hw3Pj6Fs0Gy_A8eU';

    it('when JWT_SECRET is missing, short, or a placeholder (the one compose used to default to), then start-up stops naming it', () => {
      for (const secret of [undefined, 'short', 'change-me-to-a-long-random-secret-of-32-chars', 'my-app-secret-0123456789-abcdefghij', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa']) {
        expect(() => production(secret === undefined ? {} : { JWT_SECRET: secret }), String(secret)).toThrowError(/JWT_SECRET:/);
      }
      expect(production({ JWT_SECRET: generated }).JWT_SECRET).toBe(generated);
    });

    it('when PAYOUT_DETAILS_KEY is missing outside a demo, or is not a key ring of 32-byte keys, then start-up stops naming it', () => {
      const { PAYOUT_DETAILS_KEY: _, ...withoutKey } = { DATA_DIR: dataDir(), NODE_ENV: 'production', JWT_SECRET: generated, PAYOUT_DETAILS_KEY: '' };
      expect(() => parseConfig(withoutKey)).toThrowError(/PAYOUT_DETAILS_KEY:/);
      for (const bad of ['k1', 'k1:short', `k1:${Buffer.alloc(32).toString('base64')},k1:${Buffer.alloc(32, 1).toString('base64')}`]) {
        expect(() => production({ JWT_SECRET: generated, PAYOUT_DETAILS_KEY: bad }), bad).toThrowError(/PAYOUT_DETAILS_KEY:/);
      }
      expect(production({ JWT_SECRET: generated }).PAYOUT_DETAILS_KEY).toBe(payoutKey);
      // A declared demo (sandbox money only) may seal under a key derived from JWT_SECRET.
      expect(parseConfig({ ...withoutKey, DEMO_MODE: 'true' }).PAYOUT_DETAILS_KEY).toMatch(/^local:/);
    });

    it('when the payment sandbox or a moved clock is asked for outside a declared demo, then start-up stops naming the variable', () => {
      expect(() => production({ JWT_SECRET: generated, SANDBOX_ENABLED: 'true' })).toThrowError(/SANDBOX_ENABLED:/);
      expect(() => production({ JWT_SECRET: generated, CLOCK_START: '2027-03-27T20:00:00Z' })).toThrowError(/CLOCK_START:/);
      expect(production({ JWT_SECRET: generated, DEMO_MODE: 'true', CLOCK_START: '2027-03-27T20:00:00Z' }).DEMO_MODE).toBe(true);
    });
  });

  it.each([
    ['CLOCK_START', 'next tuesday'],
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://nope'],
    ['JWT_SECRET', 'short'],
    ['LOG_LEVEL', 'loud'],
    ['SEED_DEMO_DATA', 'maybe'],
  ])('when %s=%s, then start-up stops with a message naming the variable', (name, value) => {
    expect(() => parseConfig({ DATA_DIR: dataDir(), [name]: value })).toThrowError(ConfigError);
    expect(() => parseConfig({ DATA_DIR: dataDir(), [name]: value })).toThrowError(new RegExp(`${name}:`));
  });
});
