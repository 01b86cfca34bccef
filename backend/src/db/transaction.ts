import type { Db } from './client.js';

/** What a transaction collects to run once it commits, and the handle it was opened on. */
interface Scope {
  root: Db;
  afterCommit: (() => void)[];
}

const scopes = new WeakMap<object, Scope>();

/**
 * Runs `work` in one database transaction. Inside an existing transaction it opens a savepoint, so a
 * service can be called on its own or as a step of a larger flow without changing its code. What `work`
 * registers with `afterCommit` runs after the outermost transaction commits — never if any level rolls back.
 */
export async function inTransaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  const outer = scopes.get(db);
  const scope: Scope = { root: outer?.root ?? db, afterCommit: [] };
  const result = await db.transaction((tx) => {
    scopes.set(tx, scope);
    return work(tx as unknown as Db);
  });
  if (outer) outer.afterCommit.push(...scope.afterCommit);
  else for (const callback of scope.afterCommit) callback();
  return result;
}

/** Runs `callback` once the transaction `db` belongs to has committed; at once when `db` is not a transaction. */
export function afterCommit(db: Db, callback: () => void): void {
  const scope = scopes.get(db);
  if (scope) scope.afterCommit.push(callback);
  else callback();
}

/** The handle a transaction was opened on (the handle itself outside a transaction). */
export function rootOf(db: Db): Db {
  return scopes.get(db)?.root ?? db;
}
