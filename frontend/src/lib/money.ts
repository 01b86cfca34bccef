/**
 * Money crosses the API as integer paise (₹1 = 100 paise) and is shown as rupees with Indian digit
 * grouping (₹1,00,000). Every conversion goes through here, so a rupee amount never reaches the
 * server by mistake and a fraction of a paisa never appears.
 */

const PAISE_PER_RUPEE = 100;

const wholeRupees = new Intl.NumberFormat('en-IN', {
  style: 'currency',
  currency: 'INR',
  minimumFractionDigits: 0,
  maximumFractionDigits: 0,
});

const rupeesAndPaise = new Intl.NumberFormat('en-IN', {
  style: 'currency',
  currency: 'INR',
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});

/** "₹1,00,000" for 1_00_000_00 paise; "₹1,499.50" when there are paise to show. */
export function formatPaise(paise: number): string {
  if (!Number.isInteger(paise)) throw new RangeError(`paise must be a whole number, got ${paise}`);
  const rupees = paise / PAISE_PER_RUPEE;
  return paise % PAISE_PER_RUPEE === 0 ? wholeRupees.format(rupees) : rupeesAndPaise.format(rupees);
}

/** Rupees as a number for an input showing rupees: 150050 → 1500.5. */
export function paiseToRupees(paise: number): number {
  return paise / PAISE_PER_RUPEE;
}

/**
 * What a person typed or an input holds, in rupees, as whole paise; null when it is not an amount.
 * Accepts "1,00,000", "₹ 1500", "1499.5" and numbers; more than two decimals is not an amount of money.
 * Rounding goes through the decimal string, so 19.99 becomes 1999 paise, not 1998.9999.
 */
export function rupeesToPaise(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value.replace(/[₹,\s]/g, '');
  const match = /^(-?)(\d+)(?:\.(\d{0,2}))?$/.exec(text);
  if (!match) return null;
  const [, sign, whole, fraction = ''] = match;
  const paise = Number(whole) * PAISE_PER_RUPEE + Number(fraction.padEnd(2, '0'));
  if (!Number.isSafeInteger(paise)) return null;
  return sign === '-' && paise !== 0 ? -paise : paise;
}
