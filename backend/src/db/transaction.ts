import type { Db } from './client.js';

/**
 * Runs `work` in one database transaction. Inside an existing transaction it opens a savepoint, so a
 * service can be called on its own or as a step of a larger flow without changing its code.
 */
export function inTransaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction((tx) => work(tx as unknown as Db));
}
