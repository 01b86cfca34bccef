/**
 * The server's rules for reviews (backend reviews.schemas.ts), mirrored so the forms can say what's wrong before a
 * round trip. The server stays the judge: its 422 lands on the same fields if the two ever drift.
 */
export const REVIEW_RULES = {
  ratingMin: 1,
  ratingMax: 5,
  textMaxLength: 1000,
  replyMaxLength: 500,
  reportMinLength: 3,
  reportMaxLength: 500,
} as const;
