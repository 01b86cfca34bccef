import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Anchor, Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useId, useMemo, useRef, useState } from 'react';
import { useForm, type UseFormSetError } from 'react-hook-form';
import { z } from 'zod';
import { FormAlert } from '@/components/form-alert';
import { ApiError } from '@/lib/api-client';
import { applyServerErrors } from '@/lib/form-errors';
import { newIdempotencyKey } from '@/lib/idempotency-key';
import { formatPaise, rupeesToPaise } from '@/lib/money';
import { useRequestWithdrawal } from '../api/request-withdrawal';
import { WALLET_RULES } from '../rules';
import type { PayoutMethod, Wallet, Withdrawal } from '../types';
import { methodText } from '../utils/labels';

interface WithdrawCardProps {
  wallet: Wallet;
  /** Null when the mentor has not said where the money goes yet. */
  payoutMethod: PayoutMethod | null;
  /** The withdrawal still on its way, if any: one at a time. */
  openWithdrawal: Withdrawal | null;
}

type WithdrawValues = { amount: string };

/** What a rupee input shows for an amount of paise: "1397.52", or "1500" when there are no paise. */
const rupeesInputText = (paise: number) => {
  const rest = paise % 100;
  const rupees = (paise - rest) / 100;
  return rest === 0 ? String(rupees) : `${rupees}.${String(rest).padStart(2, '0')}`;
};

/** Why a withdrawal can't be asked for now, or null when it can. */
export function withdrawBlockedReason({ wallet, payoutMethod, openWithdrawal }: WithdrawCardProps): string | null {
  if (!payoutMethod) return 'Add a bank account or UPI id first, so we know where to send your money.';
  if (openWithdrawal) return `Your withdrawal of ${formatPaise(openWithdrawal.amountPaise)} is on its way. You can ask for another once it is done.`;
  if (wallet.availablePaise < WALLET_RULES.minWithdrawalPaise) {
    return `You can withdraw from ${formatPaise(WALLET_RULES.minWithdrawalPaise)}; you have ${formatPaise(wallet.availablePaise)} available.`;
  }
  return null;
}

function withdrawSchema(availablePaise: number) {
  return z.object({
    amount: z
      .string()
      .trim()
      .min(1, 'Enter an amount in rupees')
      .refine((text) => rupeesToPaise(text) !== null && rupeesToPaise(text)! > 0, 'Enter an amount in rupees, like 1500 or 1500.50')
      .refine((text) => (rupeesToPaise(text) ?? 0) >= WALLET_RULES.minWithdrawalPaise || rupeesToPaise(text) === null, `The smallest withdrawal is ${formatPaise(WALLET_RULES.minWithdrawalPaise)}`)
      .refine((text) => (rupeesToPaise(text) ?? 0) <= availablePaise, `You can withdraw at most ${formatPaise(availablePaise)}`),
  });
}

/**
 * Asks for a withdrawal: an amount in rupees from ₹500 up to what is available, to the payout method shown. Disabled,
 * with the reason said, when there is no payout method, too little money, or a withdrawal already on its way.
 */
export function WithdrawCard(props: WithdrawCardProps) {
  const { wallet, payoutMethod } = props;
  const reasonId = useId();
  const blocked = withdrawBlockedReason(props);
  const request = useRequestWithdrawal();
  const [formError, setFormError] = useState<string | null>(null);
  // One key per attempt: a retry after a lost answer reuses it, so the server counts the withdrawal once.
  const attemptKey = useRef<string | null>(null);
  const schema = useMemo(() => withdrawSchema(wallet.availablePaise), [wallet.availablePaise]);
  const {
    register,
    handleSubmit,
    setError,
    setValue,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<WithdrawValues>({ resolver: zodResolver(schema), defaultValues: { amount: '' } });

  // The server names `amountPaise`; the input here holds rupees.
  const setServerError: UseFormSetError<{ amountPaise: string }> = (_path, error, options) => setError('amount', error, options);

  const submit = handleSubmit(async ({ amount }) => {
    setFormError(null);
    const amountPaise = rupeesToPaise(amount)!;
    attemptKey.current ??= newIdempotencyKey();
    try {
      const withdrawal = await request.mutateAsync({ amountPaise, idempotencyKey: attemptKey.current });
      attemptKey.current = null;
      reset({ amount: '' });
      notifications.show({
        color: 'teal',
        title: 'Withdrawal requested',
        message: `${formatPaise(withdrawal.amountPaise)} to ${methodText({ ...withdrawal.method, bankName: payoutMethod?.bankName })}. We’ll tell you at each step.`,
      });
    } catch (error) {
      // The server answered: the next attempt is a new request. Otherwise the answer was lost and a retry keeps the key.
      if (error instanceof ApiError && error.status >= 400 && error.status < 500) attemptKey.current = null;
      setFormError(applyServerErrors(error, setServerError, { fields: ['amountPaise'] }));
    }
  });

  const disabled = blocked !== null;
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="withdraw-heading">
      <Stack gap="sm">
        <Title order={2} size="h4" id="withdraw-heading">
          Withdraw
        </Title>
        {payoutMethod ? (
          <Text size="sm" data-testid="withdraw-destination">
            To your {methodText(payoutMethod)}
          </Text>
        ) : null}
        {blocked ? (
          <Alert color="gray" variant="light" id={reasonId} data-testid="withdraw-blocked">
            {blocked}
          </Alert>
        ) : null}
        <form onSubmit={submit} noValidate aria-label="Withdraw">
          <Stack gap="sm">
            <FormAlert title="Couldn't request the withdrawal" message={formError} />
            <TextInput
              label="Amount (₹)"
              description={
                disabled ? undefined : (
                  <>
                    From {formatPaise(WALLET_RULES.minWithdrawalPaise)} up to {formatPaise(wallet.availablePaise)}.{' '}
                    <Anchor component="button" type="button" inherit onClick={() => setValue('amount', rupeesInputText(wallet.availablePaise), { shouldValidate: true })}>
                      Withdraw all
                    </Anchor>
                  </>
                )
              }
              inputMode="decimal"
              autoComplete="off"
              placeholder="500"
              leftSection={<Text size="sm">₹</Text>}
              disabled={disabled}
              aria-describedby={disabled ? reasonId : undefined}
              error={errors.amount?.message}
              {...register('amount')}
            />
            <Group justify="flex-end">
              <Button type="submit" loading={isSubmitting} disabled={disabled} aria-describedby={disabled ? reasonId : undefined}>
                Withdraw
              </Button>
            </Group>
          </Stack>
        </form>
      </Stack>
    </Card>
  );
}
