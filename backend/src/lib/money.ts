/** Money is integer paise everywhere. These helpers only format; arithmetic stays in integers. */
export const RUPEE = 100;

export function assertPaise(value: number, what = 'amount'): number {
  if (!Number.isSafeInteger(value)) throw new Error(`${what} must be a safe integer number of paise, got ${value}`);
  return value;
}

// Building a number format is far dearer than using one, and emails format several amounts each.
const wholeRupees = new Intl.NumberFormat('en-IN', { minimumFractionDigits: 0, maximumFractionDigits: 2 });
const rupeesAndPaise = new Intl.NumberFormat('en-IN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** ₹1,00,000 style (Indian digit grouping), for emails and logs. */
export function formatInr(paise: number): string {
  assertPaise(paise);
  const rupees = paise / RUPEE;
  return `₹${(paise % RUPEE === 0 ? wholeRupees : rupeesAndPaise).format(rupees)}`;
}

export interface SplitRates {
  /** Platform commission in basis points (2000 = 20%). */
  commissionBps: number;
  /** Gateway fee in basis points of the amount (200 = 2%). */
  gatewayFeeBps: number;
  /** GST on the gateway fee in basis points (1800 = 18%). */
  gstOnFeeBps: number;
}

export interface PaymentSplit {
  amountPaise: number;
  commissionPaise: number;
  gatewayFeePaise: number;
  mentorSharePaise: number;
}

/**
 * Splits a paid amount: commission and gateway fee (with GST on the fee) are floored, the mentor gets the
 * remainder, so the parts always add up to the amount exactly (PRODUCT.md §4, property 5).
 */
export function splitPayment(amountPaise: number, rates: SplitRates): PaymentSplit {
  assertPaise(amountPaise, 'amountPaise');
  if (amountPaise <= 0) throw new Error('a payment must be positive');
  const commissionPaise = Math.floor((amountPaise * rates.commissionBps) / 10_000);
  const feePaise = Math.floor((amountPaise * rates.gatewayFeeBps) / 10_000);
  const gatewayFeePaise = feePaise + Math.floor((feePaise * rates.gstOnFeeBps) / 10_000);
  const mentorSharePaise = amountPaise - commissionPaise - gatewayFeePaise;
  if (mentorSharePaise < 0 || commissionPaise + gatewayFeePaise + mentorSharePaise !== amountPaise) {
    throw new Error(`split of ${amountPaise} does not add up`);
  }
  return { amountPaise, commissionPaise, gatewayFeePaise, mentorSharePaise };
}
