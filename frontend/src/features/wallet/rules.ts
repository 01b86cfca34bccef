/**
 * The server's rules for withdrawals and payout details (backend payouts.details.ts, payouts.service.ts), mirrored so
 * the forms can say what's wrong before a round trip. The server stays the judge: its 422 lands on the same fields if
 * the two ever drift.
 */
export const WALLET_RULES = {
  /** ₹500, the smallest withdrawal. */
  minWithdrawalPaise: 50_000,
  accountNumber: /^\d{9,18}$/,
  /** 4 letters, a zero, 6 letters or digits (whether a branch has it is the server's call). */
  ifsc: /^[A-Z]{4}0[A-Z0-9]{6}$/,
  /** name@handle, as NPCI allows. */
  vpa: /^[A-Za-z0-9._-]{2,256}@[A-Za-z]{2,64}$/,
  holderName: /^[\p{L}][\p{L} .'-]*$/u,
} as const;
