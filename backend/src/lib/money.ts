/** Money is integer paise everywhere. These helpers only format; arithmetic stays in integers. */
export const RUPEE = 100;

export function assertPaise(value: number, what = 'amount'): number {
  if (!Number.isSafeInteger(value)) throw new Error(`${what} must be a safe integer number of paise, got ${value}`);
  return value;
}

/** ₹1,00,000 style (Indian digit grouping), for emails and logs. */
export function formatInr(paise: number): string {
  assertPaise(paise);
  const rupees = paise / RUPEE;
  return `₹${rupees.toLocaleString('en-IN', { minimumFractionDigits: paise % RUPEE === 0 ? 0 : 2, maximumFractionDigits: 2 })}`;
}
