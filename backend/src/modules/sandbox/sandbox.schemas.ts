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
