import type { Db } from '../../db/client.js';
import type { Logger } from '../../lib/logger.js';
import type { PaymentsContext } from '../payments/payments.context.js';
import type { PayoutsContext } from '../payouts/payouts.context.js';

/** The gateway's words for payments, refunds and payouts, as the providers report them in our terms. */
export type GatewayPayment = Awaited<ReturnType<PaymentsContext['provider']['fetchPayment']>>;
export type GatewayRefund = Awaited<ReturnType<PaymentsContext['provider']['fetchRefunds']>>[number];
export type GatewayPayout = Awaited<ReturnType<PayoutsContext['provider']['fetchPayout']>>;

/** A withdrawal as reconciliation compares it with the gateway's payout (the payouts module's records). */
export interface WithdrawalRecord {
  withdrawalId: string;
  mentorId: string;
  payoutId: string | null;
  amountPaise: number;
  status: 'requested' | 'approved' | 'processing' | 'processed' | 'rejected' | 'failed' | 'reversed';
  requestedAt: Date;
}

/**
 * What the finance services need, built once by the app (or the job runner): the payment and payout gateways (only
 * ever read here), and the payouts module's records of withdrawals requested in a period, wired in by the app so
 * finance knows withdrawals only by what it compares.
 */
export interface FinanceContext {
  db: Db;
  payments: Pick<PaymentsContext, 'provider'>;
  payouts: Pick<PayoutsContext, 'provider'>;
  withdrawalRecords: (db: Db, period: { from: Date; to: Date }) => Promise<WithdrawalRecord[]>;
  logger: Logger;
}
