import type { Db } from '../../db/client.js';
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
