import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
/**
 * A database handle or an open transaction: services accept either, so callers choose the boundary. Queries are
 * built from each module's own tables; the handle knows no schema (relational queries are not used).
 */
export type Db = PgDatabase<PgQueryResultHKT>;

/** The rows of a raw `db.execute(sql…)`: node-postgres wraps them in `{ rows }`, PGlite's Drizzle driver too, in some versions not. */
export const rowsOf = <T>(result: unknown): T[] => ((result as { rows?: T[] }).rows ?? (result as T[]));

export interface Database {
  db: Db;
  kind: 'pglite' | 'pg';
  /** Applies the committed SQL migrations; safe to call from several instances at once. */
  migrate(): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../migrations');

/** An arbitrary constant that all instances agree on, so only one of them migrates at a time. */
const MIGRATION_LOCK_KEY = 727_274_001;

export interface OpenOptions {
  /** Called with every SQL statement Drizzle sends (tests count queries with it). */
  onQuery?: (query: string) => void;
}

const queryLogger = (options: OpenOptions) => (options.onQuery ? { logger: { logQuery: options.onQuery } } : {});

export function openPglite(dataDir: string | undefined, options: OpenOptions = {}): Database {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const client = new PGlite({ ...(dataDir ? { dataDir } : {}), extensions: { btree_gist, pg_trgm } });
  const db = drizzlePglite(client, { ...queryLogger(options) }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    migrate: () => migratePglite(db as never, { migrationsFolder }),
    ping: async () => {
      await client.query('select 1');
    },
    close: () => client.close(),
  };
}

const statementNames = new Map<string, string>();
/**
 * Query texts are a fixed set of shapes, but `IN` lists of every length are each a text of their own: past this many
 * texts, new ones run unnamed, so no connection (here or in PostgreSQL) keeps more prepared statements than this.
 */
const MAX_NAMED_TEXTS = 1_000;

function statementName(text: string): string | undefined {
  let name = statementNames.get(text);
  if (!name && statementNames.size < MAX_NAMED_TEXTS) {
    name = `mc_${createHash('sha1').update(text).digest('base64url').slice(0, 24)}`;
    statementNames.set(text, name);
  }
  return name;
}

type QueryConfigLike = { text?: unknown; name?: unknown; values?: unknown };

/**
 * Sends every parameterised query as a named prepared statement, named after its text. PostgreSQL then parses
 * a query once per connection and, once it has seen it run a few times, reuses its plan — planning cost more than
 * running for most of our short queries. The text decides the name, so a name always means the same statement.
 */
class PreparingClient extends pg.Client {
  override query(...args: unknown[]): never {
    const config = args[0] as QueryConfigLike | null;
    // Drizzle passes the values beside the config; a config may also carry them itself.
    const values = Array.isArray(args[1]) ? args[1] : config?.values;
    const name = config && typeof config === 'object' && typeof config.text === 'string' && !config.name && Array.isArray(values) && values.length > 0 ? statementName(config.text) : undefined;
    if (name) args[0] = { ...config, name };
    return (super.query as (...a: unknown[]) => never).apply(this, args);
  }
}

export function openPg(connectionString: string, poolSize: number, options: OpenOptions = {}): Database {
  const pool = new pg.Pool({ connectionString, max: poolSize, Client: PreparingClient });
  // An idle client that loses its connection emits 'error'; without a listener that would crash the process.
  pool.on('error', () => undefined);
  const db = drizzlePg(pool, { ...queryLogger(options) }) as unknown as Db;
  return {
    db,
    kind: 'pg',
    migrate: async () => {
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
        await migratePg(drizzlePg(client), { migrationsFolder });
      } finally {
        await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
        client.release();
      }
    },
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    close: () => pool.end(),
  };
}

export function openDatabase(options: { databaseUrl?: string | undefined; dataDir: string; poolSize: number }): Database {
  return options.databaseUrl
    ? openPg(options.databaseUrl, options.poolSize)
    : openPglite(path.join(options.dataDir, 'pglite'));
}
