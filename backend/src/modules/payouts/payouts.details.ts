import { createRequire } from 'node:module';
import { z } from 'zod';

/**
 * Where a mentor's money goes (PRODUCT.md §8, property 7): a bank account or a UPI id, checked before anything is
 * stored. The IFSC is checked offline against the codes Razorpay's `ifsc` package ships (ADR 0011); the bank's name
 * comes from the same data. Only a masked form (`XXXXXX1234`) ever leaves the server.
 */

const require = createRequire(import.meta.url);
const ifsc = require('ifsc') as { validate(code: string): boolean };
const bankNames = require('ifsc/src/banknames.json') as Record<string, string>;

export const IFSC_PATTERN = /^[A-Z]{4}0[A-Z0-9]{6}$/;
/** name@handle, as NPCI allows: 2–256 of letters, digits, dot, hyphen, underscore; then a 2–64-letter handle. */
export const VPA_PATTERN = /^[A-Za-z0-9._-]{2,256}@[A-Za-z]{2,64}$/;

/** The bank an IFSC belongs to, from its first four letters; null when the code is not one the banks published. */
export function bankOfIfsc(code: string): { ifsc: string; bankName: string } | null {
  const upper = code.toUpperCase();
  if (!IFSC_PATTERN.test(upper) || !ifsc.validate(upper)) return null;
  return { ifsc: upper, bankName: bankNames[upper.slice(0, 4)] ?? upper.slice(0, 4) };
}

const password = z.string('Enter your password').min(1, 'Enter your password to change where your money goes');

export const bankDetailsSchema = z
  .strictObject({
    type: z.literal('bank'),
    holderName: z
      .string('The account holder’s name, as the bank has it')
      .trim()
      .min(2, 'The account holder’s name, as the bank has it')
      .max(100, 'At most 100 characters')
      .regex(/^[\p{L}][\p{L} .'-]*$/u, 'Letters, spaces, dots, apostrophes and hyphens only'),
    accountNumber: z.string('Digits only, 9 to 18 of them').trim().regex(/^\d{9,18}$/, 'Digits only, 9 to 18 of them'),
    accountNumberConfirm: z.string('Type the account number again').trim(),
    ifsc: z
      .string('11 characters, like HDFC0001234')
      .trim()
      .transform((v) => v.toUpperCase())
      .refine((v) => IFSC_PATTERN.test(v), '11 characters: 4 letters, a zero, then 6 letters or digits (like HDFC0001234)')
      .refine((v) => !IFSC_PATTERN.test(v) || bankOfIfsc(v) !== null, 'No bank branch has this IFSC; check it on your cheque book or bank app'),
    password,
  })
  .refine((v) => v.accountNumber === v.accountNumberConfirm, { path: ['accountNumberConfirm'], message: 'The two account numbers differ' });

export const upiDetailsSchema = z.strictObject({
  type: z.literal('upi'),
  vpa: z.string('A UPI id, like name@okhdfcbank').trim().regex(VPA_PATTERN, 'A UPI id, like name@okhdfcbank'),
  password,
});

export const payoutMethodSchema = z.discriminatedUnion('type', [bankDetailsSchema, upiDetailsSchema], 'Must be "bank" or "upi"').meta({ id: 'PayoutMethodInput' });
export type PayoutMethodInput = z.infer<typeof payoutMethodSchema>;

/** What may be shown of a payout method: never the whole number or id. */
export function maskedPayoutMethod(method: { type: 'bank'; accountNumber: string; ifsc: string } | { type: 'upi'; vpa: string }) {
  if (method.type === 'bank') {
    const bank = bankOfIfsc(method.ifsc);
    return { type: 'bank' as const, masked: `XXXXXX${method.accountNumber.slice(-4)}`, ifsc: method.ifsc, bankName: bank?.bankName ?? null };
  }
  const [name = '', handle = ''] = method.vpa.split('@');
  return { type: 'upi' as const, masked: `${name.slice(0, 2)}${'X'.repeat(Math.max(2, name.length - 2))}@${handle}` };
}
