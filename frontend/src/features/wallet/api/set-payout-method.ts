import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { WALLET_RULES } from '../rules';
import { payoutMethodSchema, type PayoutMethod } from '../types';

const password = z.string().min(1, 'Enter your password to change where your money goes');

export const bankInputSchema = z
  .object({
    type: z.literal('bank'),
    holderName: z
      .string()
      .trim()
      .min(2, 'The account holder’s name, as the bank has it')
      .max(100, 'At most 100 characters')
      .regex(WALLET_RULES.holderName, 'Letters, spaces, dots, apostrophes and hyphens only'),
    accountNumber: z.string().trim().regex(WALLET_RULES.accountNumber, 'Digits only, 9 to 18 of them'),
    accountNumberConfirm: z.string().trim().min(1, 'Type the account number again'),
    ifsc: z
      .string()
      .trim()
      .transform((value) => value.toUpperCase())
      .refine((value) => WALLET_RULES.ifsc.test(value), '11 characters: 4 letters, a zero, then 6 letters or digits (like HDFC0001234)'),
    password,
  })
  .refine((value) => value.accountNumber === value.accountNumberConfirm, { path: ['accountNumberConfirm'], message: 'The two account numbers differ' });

export const upiInputSchema = z.object({
  type: z.literal('upi'),
  vpa: z.string().trim().regex(WALLET_RULES.vpa, 'A UPI id, like name@okhdfcbank'),
  password,
});

export type BankInput = z.infer<typeof bankInputSchema>;
export type UpiInput = z.infer<typeof upiInputSchema>;
export type PayoutMethodInput = BankInput | UpiInput;

/**
 * PUT /api/wallet/payout-method (mentors): a bank account or a UPI id, with the password again. The server checks the
 * IFSC against the banks' list and answers with the masked method and the bank's name; it is audited and the mentor
 * is told.
 */
export async function setPayoutMethod(input: PayoutMethodInput): Promise<PayoutMethod> {
  return payoutMethodSchema.parse(await apiClient.put('/api/wallet/payout-method', input));
}

export function useSetPayoutMethod() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setPayoutMethod,
    onSuccess: (method) => queryClient.setQueryData(queryKeys.wallet.payoutMethod, method),
  });
}
