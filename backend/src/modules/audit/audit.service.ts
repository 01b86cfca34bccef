import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db } from '../../db/client.js';
import { invalidField } from '../../lib/errors.js';
import { offsetOf } from '../../lib/pagination.js';
import { ledgerMovements } from '../ledger/ledger.service.js';
import { userCards } from '../users/users.service.js';
import type { AuditQuery } from './audit.schemas.js';
import { auditLog } from './audit.tables.js';
import { clock } from '../../lib/clock.js';

export interface AuditEntry {
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  data?: Record<string, unknown>;
}

/** Written in the same transaction as the action, so the log never claims what didn't happen. */
export async function recordAudit(tx: Db, entry: AuditEntry, at = clock.now()): Promise<void> {
  await tx.insert(auditLog).values({ ...entry, data: entry.data ?? {}, at });
}

// ---- the admin's audit trail ----------------------------------------------------------------------------

const MONEY = 'money.';

/** `dispute.resolve` is exact; `money.` and `withdrawal.*` are prefixes. */
function actionFilter(action: string | undefined): { exact: string } | { prefix: string } | null {
  if (!action) return null;
  if (action.endsWith('*')) return { prefix: action.slice(0, -1) };
  if (action.endsWith('.')) return { prefix: action };
  return { exact: action };
}

/** Whether the filter can match a money movement's action (`money.<code>`) at all. */
function mayBeMoney(filter: ReturnType<typeof actionFilter>): boolean {
  if (!filter) return true;
  if ('exact' in filter) return filter.exact.startsWith(MONEY);
  return filter.prefix.startsWith(MONEY) || MONEY.startsWith(filter.prefix);
}

const matches = (column: SQL, filter: ReturnType<typeof actionFilter>): SQL | undefined =>
  !filter ? undefined : 'exact' in filter ? sql`${column} = ${filter.exact}` : sql`starts_with(${column}, ${filter.prefix})`;

const where = (conditions: Array<SQL | undefined>): SQL => {
  const given = conditions.filter((c): c is SQL => c !== undefined);
  return given.length ? sql`where ${sql.join(given, sql` and `)}` : sql``;
};

/**
 * Every admin action (the audit log) and every money movement (the ledger's transfers, through the view it
 * publishes) as one trail, newest first: one statement for a page and its total (a second only to count for a page
 * past the end). A money movement's action is `money.<code>`; it has no actor, and its subject is what its
 * transfer id names (`booking:<id>:capture` → booking <id>).
 */
export async function listAuditTrail(db: Db, query: AuditQuery) {
  if (query.from && query.to && query.to <= query.from) throw invalidField('to', 'Must be after from');
  const filter = actionFilter(query.action);
  const at = (column: SQL) => [
    query.from ? sql`${column} >= ${query.from.toISOString()}::timestamptz` : undefined,
    query.to ? sql`${column} < ${query.to.toISOString()}::timestamptz` : undefined,
  ];
  const admin = sql`
    select a.id::text as id, a.at, 'admin' as kind, a.actor_id, a.action, a.subject_type, a.subject_id, a.data
    from ${auditLog} a
    ${where([query.actor ? sql`a.actor_id = ${query.actor}::uuid` : undefined, matches(sql`a.action`, filter), ...at(sql`a.at`)])}`;
  const money = sql`
    select m.id, m.at, 'money' as kind, null::uuid as actor_id, ${MONEY} || m.code as action,
      split_part(m.id, ':', 1) as subject_type, split_part(m.id, ':', 2) as subject_id,
      jsonb_build_object('transferId', m.id, 'kind', m.kind, 'debit', m.debit_account_id, 'credit', m.credit_account_id,
        'amountPaise', m.amount, 'code', m.code, 'bookingId', m.booking_id, 'externalRef', m.external_ref) as data
    from ${ledgerMovements} m
    ${where([matches(sql`(${MONEY} || m.code)`, filter), ...at(sql`m.at`)])}`;
  const entries = !query.actor && mayBeMoney(filter) ? sql`${admin} union all ${money}` : admin;

  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      with entries as (${entries})
      select e.id, e.at, e.kind, e.actor_id, u.name as actor_name, e.action, e.subject_type, e.subject_id, e.data,
        count(*) over () as total
      from entries e left join ${userCards} u on u.id = e.actor_id
      order by e.at desc, e.id desc
      limit ${query.limit} offset ${offsetOf(query.page, query.limit)}`),
  );
  let total = Number(rows[0]?.total ?? 0);
  if (rows.length === 0 && query.page > 1) {
    total = Number(rowsOf<{ total: unknown }>(await db.execute(sql`with entries as (${entries}) select count(*) as total from entries`))[0]?.total ?? 0);
  }
  return {
    items: rows.map((r) => ({
      id: String(r.id),
      at: new Date(r.at as string | Date).toISOString(),
      kind: r.kind as 'admin' | 'money',
      actor: r.actor_id ? { id: String(r.actor_id), name: String(r.actor_name ?? '') } : null,
      action: String(r.action),
      subjectType: String(r.subject_type),
      subjectId: String(r.subject_id),
      data: (typeof r.data === 'string' ? JSON.parse(r.data) : (r.data ?? {})) as Record<string, unknown>,
    })),
    page: query.page,
    limit: query.limit,
    total,
  };
}
