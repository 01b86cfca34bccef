import argon2 from 'argon2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from './db/client.js';
import { createTestDatabase } from './db/test-database.js';
import { createLogger } from './lib/logger.js';
import { users } from './modules/users/users.tables.js';
import { DEMO_PASSWORD, demoAccounts, seedDemoData, seedIfEmpty } from './seed.js';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

describe('demo data', () => {
  it('when an empty database starts, then the three demo accounts exist with the demo password; a restart adds nothing', async () => {
    await seedIfEmpty(database.db, createLogger('silent'));
    await seedIfEmpty(database.db, createLogger('silent'));
    expect((await seedDemoData(database.db)).created).toEqual([]);
    const rows = await database.db.select().from(users);
    expect(rows.map((r) => r.email).sort()).toEqual(demoAccounts.map((a) => a.email).sort());
    expect(rows.find((r) => r.email === 'admin@example.com')!.role).toBe('admin');
    for (const row of rows) expect(await argon2.verify(row.passwordHash, DEMO_PASSWORD)).toBe(true);
  });
});
