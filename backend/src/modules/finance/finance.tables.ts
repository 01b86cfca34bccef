import { index, integer, jsonb, pgEnum, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../users/users.tables.js';

export const reconciliationTrigger = pgEnum('reconciliation_trigger', ['nightly', 'manual']);

/**
 * One reconciliation of a period: our ledger and records against the gateway's payments, refunds and payouts.
 * Kept whole (what was checked and every mismatch with both sides), so the admin sees what the nightly run found.
 */
export const reconciliationRuns = pgTable(
  'reconciliation_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    periodFrom: timestamp('period_from', { withTimezone: true }).notNull(),
    periodTo: timestamp('period_to', { withTimezone: true }).notNull(),
    trigger: reconciliationTrigger('trigger').notNull(),
    actorId: uuid('actor_id').references(() => users.id),
    checked: jsonb('checked').$type<{ payments: number; refunds: number; payouts: number }>().notNull(),
    mismatches: jsonb('mismatches').$type<Array<{ kind: string; id: string; ours: unknown; gateway: unknown }>>().notNull(),
    mismatchCount: integer('mismatch_count').notNull(),
    ranAt: timestamp('ran_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('reconciliation_runs_ran_at_idx').on(t.ranAt.desc())],
);
