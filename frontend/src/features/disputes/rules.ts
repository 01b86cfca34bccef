/**
 * The server's rules for disputes (backend disputes.schemas.ts), mirrored so the forms can say what's wrong
 * before a round trip. The server stays the judge: its 422 lands on the same fields if the two ever drift.
 */
export const DISPUTE_RULES = {
  reasonMinLength: 10,
  reasonMaxLength: 2000,
  noteMinLength: 3,
  noteMaxLength: 1000,
} as const;
