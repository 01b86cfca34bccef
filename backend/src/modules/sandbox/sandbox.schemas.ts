import { z } from 'zod';

/**
 * Request bodies the sandbox accepts, with Razorpay's own wording in the messages: the product's code sees
 * the same errors here as it will from Razorpay. Bodies sent with the API keys are strict, as Razorpay's are
 * ("… is/are not required and should not be sent"), so a misspelt field fails in development, not in production.
 */

/** Razorpay's upper bound for one order in INR is far below this; it only keeps amounts safe integers. */
const MAX_AMOUNT = 1_000_000_000_00;

const amount = z
  .number('The amount must be an integer.')
  .int('The amount must be an integer.')
  .min(100, 'The amount must be atleast INR 1.00')
  .max(MAX_AMOUNT, 'The amount exceeds the maximum amount allowed.');

const currency = z.literal('INR', 'Currency is not supported');

/** Up to 15 key-value pairs of at most 256 characters each, as Razorpay allows. */
const notes = z
  .record(z.string().max(256, 'The notes key may not be greater than 256 characters.'), z.union([z.string().max(256, 'The notes value may not be greater than 256 characters.'), z.number()]), 'The notes field must be an object.')
  .refine((value) => Object.keys(value).length <= 15, 'The notes may not have more than 15 items.');

const receipt = z.string('The receipt must be a string.').max(40, 'The receipt may not be greater than 40 characters.');

/** Razorpay takes `payment_capture` as a boolean or 0/1; without it the account's setting applies (automatic by default). */
const paymentCapture = z.union([z.boolean(), z.literal(0), z.literal(1)], 'The payment capture field must be a boolean.');

export const createOrderSchema = z.strictObject({ amount, currency, receipt: receipt.optional(), notes: notes.optional(), payment_capture: paymentCapture.optional() });
export type CreateOrderInput = z.infer<typeof createOrderSchema>;

export const captureSchema = z.strictObject({ amount, currency });
export type CaptureInput = z.infer<typeof captureSchema>;

export const refundSchema = z.strictObject({
  amount: amount.optional(),
  speed: z.enum(['normal', 'optimum'], 'The selected speed is invalid.').optional(),
  receipt: receipt.optional(),
  notes: notes.optional(),
});
export type RefundInput = z.infer<typeof refundSchema>;

/** Razorpay's rule for the `X-Refund-Idempotency` header. */
export const refundIdempotencyKeySchema = z.string().regex(/^[A-Za-z0-9_-]{10,100}$/, 'The idempotency key must be 10 or more letters, digits, hyphens or underscores.');

export const listQuerySchema = z.object({
  count: z.coerce.number('The count must be an integer.').int('The count must be an integer.').min(1, 'The count must be at least 1.').max(100, 'The count may not be greater than 100.').default(10),
  skip: z.coerce.number('The skip must be an integer.').int('The skip must be an integer.').min(0, 'The skip must be at least 0.').default(0),
});
export type ListQuery = z.infer<typeof listQuerySchema>;

/** What the sandbox checkout page posts on behalf of the browser; lenient, like a payment form. */
export const checkoutPaySchema = z.object({
  key_id: z.string('The api key provided is invalid').min(1, 'The api key provided is invalid'),
  order_id: z.string('The order_id field is required.').min(1, 'The order_id field is required.'),
  outcome: z.enum(['success', 'failure'], 'The outcome must be success or failure.'),
  method: z.enum(['card', 'upi', 'netbanking'], 'The method is invalid.').default('card'),
  description: z.string().max(255, 'The description may not be greater than 255 characters.').optional(),
  email: z.email('The email must be a valid email address.').max(254).optional(),
  contact: z.string().regex(/^\+?[0-9]{8,15}$/, 'The contact must be a valid phone number.').optional(),
});
export type CheckoutPayInput = z.infer<typeof checkoutPaySchema>;

export const checkoutOrderQuerySchema = z.object({ key_id: z.string('The api key provided is invalid').min(1, 'The api key provided is invalid') });

/** Razorpay's `from`/`to` (unix seconds, on `created_at`) with `count` (≤ 100) and `skip`, for collections. */
const unixSecondsParam = (name: string) =>
  z.coerce.number(`The ${name} must be an integer.`).int(`The ${name} must be an integer.`).min(0, `The ${name} must be at least 0.`).max(9_999_999_999, `The ${name} is too large.`);

export const periodQuerySchema = listQuerySchema.extend({ from: unixSecondsParam('from').optional(), to: unixSecondsParam('to').optional() });
export type PeriodQuery = z.infer<typeof periodQuerySchema>;

// ---------------------------------------------------------------------------------------------------------
// RazorpayX (RAZORPAY.md "RazorpayX payouts" and "Formats")

export const IFSC_PATTERN = /^[A-Z]{4}0[A-Z0-9]{6}$/;
export const ACCOUNT_NUMBER_PATTERN = /^\d{9,18}$/;
export const VPA_PATTERN = /^[a-zA-Z0-9.\-_]{2,256}@[a-zA-Z]{2,64}$/;
/** `X-Payout-Idempotency`: 4–36 letters, digits, spaces, hyphens or underscores. */
export const PAYOUT_IDEMPOTENCY_PATTERN = /^[A-Za-z0-9 _-]{4,36}$/;

const referenceId = z.string('The reference id must be a string.').max(40, 'The reference id may not be greater than 40 characters.');

export const createContactSchema = z.strictObject({
  name: z.string('The name field is required.').trim().min(1, 'The name field is required.').max(50, 'The name may not be greater than 50 characters.'),
  email: z.email('The email must be a valid email address.').max(254, 'The email may not be greater than 254 characters.').optional(),
  contact: z.string('The contact must be a string.').regex(/^\+?[0-9]{8,15}$/, 'The contact must be a valid phone number.').optional(),
  type: z.enum(['vendor', 'customer', 'employee', 'self'], 'The selected type is invalid.').optional(),
  reference_id: referenceId.optional(),
  notes: notes.optional(),
});
export type CreateContactInput = z.infer<typeof createContactSchema>;

const contactId = z.string('The contact id field is required.').min(1, 'The contact id field is required.');

export const createFundAccountSchema = z.discriminatedUnion(
  'account_type',
  [
    z.strictObject({
      contact_id: contactId,
      account_type: z.literal('bank_account'),
      bank_account: z.strictObject(
        {
          name: z.string('The name field is required.').trim().min(1, 'The name field is required.').max(120, 'The name may not be greater than 120 characters.'),
          ifsc: z.string('The ifsc field is required.').regex(IFSC_PATTERN, 'The ifsc must be 11 characters: 4 letters, a zero, then 6 letters or digits.'),
          account_number: z.string('The account number field is required.').regex(ACCOUNT_NUMBER_PATTERN, 'The account number must be 9 to 18 digits.'),
        },
        'The bank account field is required.',
      ),
    }),
    z.strictObject({
      contact_id: contactId,
      account_type: z.literal('vpa'),
      vpa: z.strictObject({ address: z.string('The address field is required.').regex(VPA_PATTERN, 'Invalid VPA. Please enter a valid Virtual Payment Address') }, 'The vpa field is required.'),
    }),
  ],
  'The account type must be bank_account or vpa.',
);
export type CreateFundAccountInput = z.infer<typeof createFundAccountSchema>;

export const createPayoutSchema = z.strictObject({
  account_number: z.string('The account number field is required.').regex(/^\d{6,20}$/, 'The account number is invalid.'),
  fund_account_id: z.string('The fund account id field is required.').min(1, 'The fund account id field is required.'),
  amount,
  currency,
  mode: z.enum(['IMPS', 'NEFT', 'RTGS', 'UPI'], 'The selected mode is invalid.'),
  purpose: z.string('The purpose field is required.').min(1, 'The purpose field is required.').max(30, 'The purpose may not be greater than 30 characters.'),
  queue_if_low_balance: z.boolean('The queue if low balance field must be a boolean.').optional(),
  reference_id: referenceId.optional(),
  // RazorpayX: up to 30 characters, letters, digits and spaces only.
  narration: z.string('The narration must be a string.').regex(/^[A-Za-z0-9 ]{0,30}$/, 'The narration may only contain letters, digits and spaces, up to 30 characters.').optional(),
  notes: notes.optional(),
});
export type CreatePayoutInput = z.infer<typeof createPayoutSchema>;

export const payoutIdempotencyKeySchema = z.string().regex(PAYOUT_IDEMPOTENCY_PATTERN, 'The X-Payout-Idempotency header must be 4 to 36 letters, digits, spaces, hyphens or underscores.');

export const payoutListQuerySchema = periodQuerySchema.extend({
  account_number: z.string('The account number field is required.').min(1, 'The account number field is required.'),
  reference_id: referenceId.optional(),
  fund_account_id: z.string().optional(),
});
export type PayoutListQuery = z.infer<typeof payoutListQuerySchema>;

/** The bank's stand-in: what happens to a payout now. */
export const simulatePayoutSchema = z.object({ outcome: z.enum(['processed', 'failed', 'reversed'], 'The outcome must be processed, failed or reversed.') });
export type SimulatePayoutInput = z.infer<typeof simulatePayoutSchema>;
