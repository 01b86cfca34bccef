import { and, getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from './client.js';

/**
 * Background work lives in rows (emails to send, webhooks to apply, refunds to send, orders to check). Every job
 * takes its rows the same way, so any number of instances can run every job and a job can die at any point:
 *
 * - `claimDue`: due rows are leased in one statement — their due time moves past the lease while rows another
 *   instance is claiming are skipped (FOR UPDATE SKIP LOCKED) — and the work then happens outside any
 *   transaction (a gateway call, an email). A row whose holder died is due again when its lease ends.
 * - `lockDue`: for work done inside the caller's transaction (expiring holds, removing slots): the due rows stay
 *   locked until it commits, so no lease is needed.
 * - `retryLater` / `release`: the outcome of one claimed row — due again later, or done.
 */

type Columns<T extends PgTable> = T['_']['columns'];
type ColumnName<T extends PgTable> = keyof Columns<T> & string;

function column<T extends PgTable>(table: T, name: ColumnName<T>): PgColumn {
  return (getTableColumns(table) as Record<string, PgColumn>)[name]!;
}

const at = (instant: Date) => sql`${instant.toISOString()}::timestamptz`;

export interface ClaimSpec<T extends PgTable> {
  /** The row's key column. */
  key: ColumnName<T>;
  /** When the row is next due; claiming moves it to `now + leaseMs`. */
  due: ColumnName<T>;
  /** Which rows are waiting at all (a status), besides being due. */
  waiting: SQL | undefined;
  /** Which due rows go first (ascending); the claimed batch comes back in this order. */
  orderBy: ColumnName<T>[];
  now: Date;
  leaseMs: number;
  batchSize: number;
  /** Columns also set on claim, e.g. `{ attempts: sql\`attempts + 1\` }`. */
  set?: Partial<Record<ColumnName<T>, unknown>>;
}

/**
 * Leases a batch of due rows in one statement and returns them as claimed, in `orderBy` order (see the header).
 * An UPDATE's RETURNING keeps no order of its own, so the batch is ranked by `orderBy` over the rows as they were
 * before the lease (every part of one statement sees the same snapshot), to the microsecond.
 */
export async function claimDue<T extends PgTable>(db: Db, table: T, spec: ClaimSpec<T>): Promise<T['$inferSelect'][]> {
  const key = column(table, spec.key);
  const due = column(table, spec.due);
  const order = spec.orderBy.map((name) => column(table, name));
  const candidates = db.$with('due_rows').as(
    db
      .select({ key })
      .from(table as PgTable)
      .where(and(spec.waiting, sql`${due} <= ${at(spec.now)}`))
      .orderBy(...order)
      .limit(spec.batchSize)
      .for('update', { skipLocked: true }),
  );
  const ranked = db.$with('ranked_rows').as(
    db
      .select({ key: sql`${key}`.as('claimed_key'), rank: sql<number>`row_number() over (order by ${sql.join(order, sql`, `)})`.as('claim_rank') })
      .from(table as PgTable)
      .innerJoin(candidates, sql`${candidates.key} = ${key}`),
  );
  const rows = await db
    .with(candidates, ranked)
    .update(table as PgTable)
    .set({ ...spec.set, [spec.due]: new Date(spec.now.getTime() + spec.leaseMs) } as never)
    .from(ranked)
    .where(sql`${key} = ${ranked.key}`)
    .returning({ ...getTableColumns(table as PgTable), claimRank: ranked.rank });
  return rows.sort((a, b) => Number(a.claimRank) - Number(b.claimRank)).map(({ claimRank: _rank, ...row }) => row) as T['$inferSelect'][];
}

export interface LockSpec {
  /** Which rows are due. */
  due: SQL | undefined;
  orderBy: PgColumn | SQL;
  batchSize: number;
}

/** Locks a batch of due rows for the caller's transaction, skipping rows another transaction holds. */
export async function lockDue<T extends PgTable>(tx: Db, table: T, spec: LockSpec): Promise<T['$inferSelect'][]> {
  const rows = await tx
    .select()
    .from(table as PgTable)
    .where(spec.due)
    .orderBy(spec.orderBy)
    .limit(spec.batchSize)
    .for('update', { skipLocked: true });
  return rows as T['$inferSelect'][];
}

/** A claimed row failed: it is due again at `next` (see lib/backoff), with whatever else to record (the error). */
export async function retryLater<T extends PgTable>(db: Db, table: T, spec: { key: ColumnName<T>; id: unknown; due: ColumnName<T>; next: Date; set?: Partial<Record<ColumnName<T>, unknown>> }): Promise<void> {
  await db
    .update(table as PgTable)
    .set({ ...spec.set, [spec.due]: spec.next } as never)
    .where(sql`${column(table, spec.key)} = ${spec.id}`);
}

/** A claimed row is done: its final state is recorded (it no longer counts as waiting). */
export async function release<T extends PgTable>(db: Db, table: T, spec: { key: ColumnName<T>; id: unknown; set: Partial<Record<ColumnName<T>, unknown>> }): Promise<void> {
  await db
    .update(table as PgTable)
    .set(spec.set as never)
    .where(sql`${column(table, spec.key)} = ${spec.id}`);
}
