import type { Db } from '../../db/client.js';
import type { Logger } from '../../lib/logger.js';
import type { SplitRates } from '../../lib/money.js';
import type { Gateway } from '../payments/gateway.js';
import type { BookingPolicy } from './policy.js';

/** What the booking and payment services need from the outside, built once by the app (or a job runner). */
export interface BookingContext {
  db: Db;
  gateway: Gateway;
  policy: BookingPolicy;
  publicUrl: string;
  logger: Logger;
  /** Called after a change that queued background work (refunds, webhooks, emails), to start it now. */
  onWork?: () => void;
}

export const splitRates = (policy: BookingPolicy): SplitRates => ({
  commissionBps: policy.commissionBps,
  gatewayFeeBps: policy.gatewayFeeBps,
  gstOnFeeBps: policy.gstOnFeeBps,
});
