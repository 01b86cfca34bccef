import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPg, openPglite, type Database, type OpenOptions } from './client.js';

/**
 * A fresh, migrated database for one test file: an in-memory PGlite by default, or a new database on
 * the server named by TEST_DATABASE_URL (dropped again by `close`). Race and locking tests need the latter.
 */
export async function createTestDatabase(options: OpenOptions = {}): Promise<Database & { url?: string }> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const database = openPglite(undefined, options);
    await database.migrate();
    return database;
  }
  const name = `mc_test_${randomBytes(8).toString('hex')}`;
  await withAdminClient(serverUrl, (client) => client.query(`create database ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = openPg(url.toString(), 20, options);
  await database.migrate();
  return {
    ...database,
    /** The server database's URL, for child processes (the job runner) that must reach the same data. */
    url: url.toString(),
    close: async () => {
      await database.close();
      await withAdminClient(serverUrl, (client) => client.query(`drop database if exists ${name} with (force)`));
    },
  };
}

export const usingServerPostgres = () => Boolean(process.env.TEST_DATABASE_URL);

async function withAdminClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
