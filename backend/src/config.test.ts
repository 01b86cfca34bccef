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

  it.each([
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
