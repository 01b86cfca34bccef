import type { Db } from '../../db/client.js';
import { BUSINESS_TIME_ZONE } from '../../lib/business-time.js';
import { notify } from '../notifications/notifications.service.js';
import { listAdmins } from '../users/users.service.js';

const day = new Intl.DateTimeFormat('en-IN', { timeZone: BUSINESS_TIME_ZONE, day: 'numeric', month: 'short', year: 'numeric' });

/** "9 Nov 2026" for a one-day period, "2 Nov 2026 – 8 Nov 2026" for a longer one (the end is exclusive). */
export function periodLabel(from: Date, to: Date): string {
  const first = day.format(from);
  const last = day.format(new Date(to.getTime() - 1));
  return first === last ? first : `${first} – ${last}`;
}

/** Tells every admin, in-app, that a nightly reconciliation found mismatches; once per run. */
export async function notifyReconciliationMismatches(tx: Db, run: { id: string; periodFrom: Date; periodTo: Date; mismatchCount: number }): Promise<void> {
  const admins = await listAdmins(tx);
  const count = run.mismatchCount === 1 ? '1 mismatch' : `${run.mismatchCount} mismatches`;
  await notify(
    tx,
    admins.map((admin) => ({
      userId: admin.id,
      type: 'reconciliation_mismatches',
      title: `Reconciliation found ${count}`,
      body: `Our ledger and the gateway disagree for ${periodLabel(run.periodFrom, run.periodTo)}. Each mismatch is listed with both sides.`,
      eventKey: `reconciliation:${run.id}:mismatches`,
      data: { runId: run.id, mismatchCount: run.mismatchCount },
      actionUrl: '/admin/reconciliation',
    })),
  );
}
