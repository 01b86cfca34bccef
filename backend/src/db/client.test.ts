import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf, type Database } from './client.js';
import { createTestDatabase, usingServerPostgres } from './test-database.js';

// The pg driver only: PGlite has no connections to keep statements on.
describe.runIf(usingServerPostgres())('prepared statements on the server PostgreSQL', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  it('when a parameterised query runs again on a connection, then it is the same prepared statement, parsed once', async () => {
    const marker = `prepared-${Date.now()}`;
    const prepared = await database.db.transaction(async (tx) => {
      for (let i = 0; i < 3; i++) expect(rowsOf<{ n: number }>(await tx.execute(sql`select ${i}::int as n, ${marker}::text as m`))[0]!.n).toBe(i);
      return rowsOf<{ name: string; statement: string }>(await tx.execute(sql`select name, statement from pg_prepared_statements where statement like ${'%::text as m%'}`));
    });
    expect(prepared).toHaveLength(1);
    expect(prepared[0]!.name).toMatch(/^mc_[\w-]{24}$/);
  });

  it('when a query has no parameters, then it is sent as it is, unnamed', async () => {
    const prepared = await database.db.transaction(async (tx) => {
      await tx.execute(sql`select 42 as unnamed_probe`);
      return rowsOf<{ name: string }>(await tx.execute(sql`select name from pg_prepared_statements where statement like ${'%unnamed_probe%'} and statement not like ${'%pg_prepared_statements%'}`));
    });
    expect(prepared).toEqual([]);
  });
});
