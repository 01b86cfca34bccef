import { and, gte, lt } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { withdrawals } from './payouts.tables.js';

export interface PayoutRecord {
  withdrawalId: string;
  mentorId: string;
  payoutId: string | null;
  amountPaise: number;
  status: 'requested' | 'approved' | 'processing' | 'processed' | 'rejected' | 'failed' | 'reversed';
  requestedAt: Date;
}

/** Withdrawals requested in [from, to), as reconciliation compares them with the gateway's payouts. */
export async function payoutRecords(db: Db, period: { from: Date; to: Date }): Promise<PayoutRecord[]> {
  return db
    .select({
      withdrawalId: withdrawals.id,
      mentorId: withdrawals.mentorId,
      payoutId: withdrawals.payoutId,
      amountPaise: withdrawals.amountPaise,
      status: withdrawals.status,
      requestedAt: withdrawals.requestedAt,
    })
    .from(withdrawals)
    .where(and(gte(withdrawals.requestedAt, period.from), lt(withdrawals.requestedAt, period.to)));
}
