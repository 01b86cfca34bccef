import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import request from 'supertest';
import { createApp } from '../app.js';
import { parseConfig, type Config } from '../config.js';
import type { Database } from '../db/client.js';
import { createTestDatabase } from '../db/test-database.js';
import { redactPaths } from '../lib/logger.js';

export interface TestApp {
  app: ReturnType<typeof createApp>['app'];
  built: ReturnType<typeof createApp>;
  database: Database;
  config: Config;
  /** Every log line the app wrote, for asserting what reaches (and what never reaches) the log. */
  logs: string[];
  http: () => ReturnType<typeof request>;
  close: () => Promise<void>;
}

export async function createTestApp(env: Record<string, string> = {}, database?: Database): Promise<TestApp> {
  const config = parseConfig({
    NODE_ENV: 'test',
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'mc-test-')),
    JWT_SECRET: 'test-secret-that-is-long-enough-0123456789',
    LOG_LEVEL: 'info',
    STATIC_DIR: path.join(tmpdir(), 'mc-no-static'),
    ...env,
  });
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logs.push(chunk.toString());
      done();
    },
  });
  const logger = pino({ level: config.LOG_LEVEL, redact: { paths: redactPaths, censor: '[redacted]' } }, sink);
  const db = database ?? (await createTestDatabase());
  const built = createApp({ config, database: db, logger });
  return {
    app: built.app,
    built,
    database: db,
    config,
    logs,
    http: () => request(built.app),
    close: () => db.close(),
  };
}

let counter = 0;
export const uniqueEmail = (prefix = 'user') => `${prefix}-${Date.now()}-${++counter}@example.test`;

export async function registerUser(t: TestApp, overrides: Partial<{ name: string; email: string; password: string }> = {}) {
  const body = { name: 'Test User', email: uniqueEmail(), password: 'correct horse 1', ...overrides };
  const res = await t.http().post('/api/auth/register').send(body).expect(201);
  return {
    ...body,
    user: res.body.user as { id: string; email: string; role: string },
    accessToken: res.body.accessToken as string,
    cookie: refreshCookie(res.headers['set-cookie']),
  };
}

/** The `mc_refresh=…` pair from a Set-Cookie header, ready to send back. */
export function refreshCookie(setCookie: string | string[] | undefined): string {
  const all = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const line = all.find((c) => c.startsWith('mc_refresh='));
  if (!line) throw new Error('no mc_refresh cookie was set');
  return line.split(';')[0]!;
}
