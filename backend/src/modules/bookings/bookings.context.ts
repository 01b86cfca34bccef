import type { Db } from '../../db/client.js';
import type { Logger } from '../../lib/logger.js';
import type { SplitRates } from '../../lib/money.js';
import type { PaymentsContext } from '../payments/payments.context.js';
import type { BookingPolicy } from './bookings.policy.js';

/** What the booking services need from the outside, built once by the app (or the job runner). */
export interface BookingContext {
  db: Db;
  /** Orders, captures and refunds: the only way bookings reach the gateway. */
  payments: PaymentsContext;
  policy: BookingPolicy;
  publicUrl: string;
  logger: Logger;
  /**
   * Told in the confirming transaction (a port: bookings import nothing of who listens). The app opens the pair's
   * conversation here, or seats the student in the group session's.
   */
  onConfirmed?: (tx: Db, booking: { id: string; mentorId: string; studentId: string; slotId: string | null; slotTitle: string | null }) => Promise<void>;
}

export const splitRates = (policy: BookingPolicy): SplitRates => ({
  commissionBps: policy.commissionBps,
  gatewayFeeBps: policy.gatewayFeeBps,
  gstOnFeeBps: policy.gstOnFeeBps,
});
