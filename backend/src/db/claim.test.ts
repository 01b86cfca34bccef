import { eq, sql } from 'drizzle-orm';
import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimDue, lockDue, release, retryLater } from './claim.js';
import type { Database } from './client.js';
import { createTestDatabase, usingServerPostgres } from './test-database.js';
import { inTransaction } from './transaction.js';

// A table of work of its own, so the helper is tested apart from any module's.
const work = pgTable('claim_probe', {
  id: text('id').primaryKey(),
  status: text('status').notNull(),
  attempts: integer('attempts').notNull().default(0),
  dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

let database: Database;
const T0 = new Date('2031-05-01T00:00:00.000Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

beforeAll(async () => {
  database = await createTestDatabase();
  await database.db.execute(sql`create table claim_probe (id text primary key, status text not null, attempts int not null default 0, due_at timestamptz not null, created_at timestamptz not null)`);
});
afterAll(async () => {
  await database?.close();
});

async function fill(rows: { id: string; status?: string; due: number; created: number }[]) {
  await database.db.delete(work);
  await database.db.insert(work).values(rows.map((r) => ({ id: r.id, status: r.status ?? 'waiting', dueAt: at(r.due), createdAt: at(r.created) })));
}

const claim = (now: Date, batchSize = 10, leaseMs = 60_000) =>
  claimDue(database.db, work, { key: 'id', due: 'dueAt', waiting: eq(work.status, 'waiting'), orderBy: ['dueAt', 'createdAt'], now, leaseMs, batchSize, set: { attempts: sql`${work.attempts} + 1` } });

describe('claiming due work', () => {
  it('when rows are due, then the longest due are leased first, counted as an attempt, handed out in that order, and not claimed again until the lease ends', async () => {
    await fill([
      { id: 'late', due: 5, created: 0 },
      { id: 'second', due: 0, created: 2 },
      { id: 'first', due: 0, created: 1 },
      { id: 'not-yet', due: 60, created: 0 },
      { id: 'done', status: 'sent', due: 0, created: 0 },
    ]);
    const first = await claim(at(10), 2);
    expect(first.map((r) => r.id)).toEqual(['first', 'second']);
    expect(first.every((r) => r.attempts === 1 && r.dueAt.getTime() === at(11).getTime())).toBe(true);
    expect((await claim(at(10))).map((r) => r.id)).toEqual(['late']);
    expect(await claim(at(10))).toEqual([]);
    // The holder died: once the lease is over, the rows are due again — all since the same instant, so oldest first.
    expect((await claim(at(12))).map((r) => r.id)).toEqual(['late', 'first', 'second']);
  });

  it('when a claimed row fails or is done, then it is due again later or no longer waiting', async () => {
    await fill([{ id: 'a', due: 0, created: 0 }, { id: 'b', due: 0, created: 1 }]);
    await claim(at(0));
    await retryLater(database.db, work, { key: 'id', id: 'a', due: 'dueAt', next: at(30), set: { status: 'waiting' } });
    await release(database.db, work, { key: 'id', id: 'b', set: { status: 'done' } });
    expect(await claim(at(29))).toEqual([]);
    expect((await claim(at(30))).map((r) => r.id)).toEqual(['a']);
  });

  it('when work is done inside a transaction, then lockDue hands out the due rows, oldest first', async () => {
    await fill([{ id: 'x', due: 3, created: 0 }, { id: 'y', due: 1, created: 0 }, { id: 'z', due: 99, created: 0 }]);
    const locked = await inTransaction(database.db, (tx) => lockDue(tx, work, { due: sql`${work.dueAt} <= ${at(10).toISOString()}::timestamptz`, orderBy: work.dueAt, batchSize: 10 }));
    expect(locked.map((r) => r.id)).toEqual(['y', 'x']);
  });

  it.runIf(usingServerPostgres())('when five instances claim at once, then every due row is claimed by exactly one of them', async () => {
    await fill(Array.from({ length: 100 }, (_, i) => ({ id: `row-${String(i).padStart(3, '0')}`, due: 0, created: i })));
    const claims = await Promise.all(Array.from({ length: 5 }, async () => {
      const mine: string[] = [];
      for (let batch = await claim(at(1), 7); batch.length > 0; batch = await claim(at(1), 7)) mine.push(...batch.map((r) => r.id));
      return mine;
    }));
    const all = claims.flat();
    expect(all).toHaveLength(100);
    expect(new Set(all).size).toBe(100);
    expect(claims.filter((c) => c.length > 0).length, 'the work was shared').toBeGreaterThan(1);
  });
});
