import type { Db } from '../../db/client.js';
import type { Logger } from '../../lib/logger.js';
import type { SecretBox } from '../../lib/secret-box.js';
import type { PayoutProvider } from '../payments/payments.context.js';
import type { payoutMethods, withdrawals } from './payouts.tables.js';

export type WithdrawalRow = typeof withdrawals.$inferSelect;
export type PayoutMethodRow = typeof payoutMethods.$inferSelect;

/** What the payouts services need, built once by the app (or the job runner). */
export interface PayoutsContext {
  db: Db;
  /** RazorpayX (or the sandbox's RazorpayX), reached only through payments' payout adapter. */
  provider: PayoutProvider;
  /** Seals and opens payout details (PAYOUT_DETAILS_KEY). */
  box: SecretBox;
  logger: Logger;
  minWithdrawalPaise: number;
  /** Links in emails point here. */
  publicUrl: string;
}
