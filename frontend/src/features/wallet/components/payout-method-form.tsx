import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Group, PasswordInput, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useForm, type FieldValues, type Path, type UseFormSetError } from 'react-hook-form';
import { FormAlert } from '@/components/form-alert';
import { applyServerErrors } from '@/lib/form-errors';
import { bankInputSchema, upiInputSchema, useSetPayoutMethod, type BankInput, type PayoutMethodInput, type UpiInput } from '../api/set-payout-method';
import type { PayoutMethod } from '../types';

interface PayoutMethodFormProps {
  /** The method in place, to start on its kind; null for a first one. */
  current: PayoutMethod | null;
  onSaved: (method: PayoutMethod) => void;
  onCancel: () => void;
}

const errorMessages = {
  withdrawal_open: 'A withdrawal is on its way to your current payout method. You can change it once that withdrawal is done.',
};

/** Sends the details; the server's 422 lands on the field it names, anything else above the form. */
function useSubmitDetails<T extends FieldValues>(fields: readonly Path<T>[], onSaved: PayoutMethodFormProps['onSaved']) {
  const save = useSetPayoutMethod();
  const [formError, setFormError] = useState<string | null>(null);
  const submit = async (values: PayoutMethodInput, setError: UseFormSetError<T>) => {
    setFormError(null);
    try {
      onSaved(await save.mutateAsync(values));
    } catch (error) {
      setFormError(applyServerErrors(error, setError, { fields, messages: errorMessages }));
    }
  };
  return { submit, formError };
}

const passwordHint = 'Your Mentor Connect password: changing where your money goes needs it';

function BankForm({ onSaved, onCancel }: Omit<PayoutMethodFormProps, 'current'>) {
  const fields = ['holderName', 'accountNumber', 'accountNumberConfirm', 'ifsc', 'password'] as const;
  const { submit, formError } = useSubmitDetails<BankInput>(fields, onSaved);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<BankInput>({
    resolver: zodResolver(bankInputSchema),
    defaultValues: { type: 'bank', holderName: '', accountNumber: '', accountNumberConfirm: '', ifsc: '', password: '' },
  });
  return (
    <form onSubmit={handleSubmit((values) => submit(values, setError))} noValidate aria-label="Bank account">
      <Stack gap="sm">
        <FormAlert title="Couldn't save your bank account" message={formError} />
        <TextInput label="Account holder’s name" description="As your bank has it" autoComplete="name" withAsterisk error={errors.holderName?.message} {...register('holderName')} />
        <TextInput
          label="Account number"
          description="9 to 18 digits"
          inputMode="numeric"
          autoComplete="off"
          withAsterisk
          error={errors.accountNumber?.message}
          {...register('accountNumber')}
        />
        <TextInput
          label="Account number again"
          description="Typed once more, so a slip can’t send your money elsewhere"
          inputMode="numeric"
          autoComplete="off"
          withAsterisk
          error={errors.accountNumberConfirm?.message}
          {...register('accountNumberConfirm')}
        />
        <TextInput
          label="IFSC"
          description="11 characters, on your cheque book or in your bank app (like HDFC0001234)"
          autoComplete="off"
          maxLength={11}
          styles={{ input: { textTransform: 'uppercase' } }}
          withAsterisk
          error={errors.ifsc?.message}
          {...register('ifsc')}
        />
        <PasswordInput label="Password" description={passwordHint} autoComplete="current-password" withAsterisk error={errors.password?.message} {...register('password')} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel} disabled={isSubmitting}>
            Cancel
          </Button>
          <Button type="submit" loading={isSubmitting}>
            Save bank account
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function UpiForm({ onSaved, onCancel }: Omit<PayoutMethodFormProps, 'current'>) {
  const fields = ['vpa', 'password'] as const;
  const { submit, formError } = useSubmitDetails<UpiInput>(fields, onSaved);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<UpiInput>({ resolver: zodResolver(upiInputSchema), defaultValues: { type: 'upi', vpa: '', password: '' } });
  return (
    <form onSubmit={handleSubmit((values) => submit(values, setError))} noValidate aria-label="UPI id">
      <Stack gap="sm">
        <FormAlert title="Couldn't save your UPI id" message={formError} />
        <TextInput label="UPI id" description="Like name@okhdfcbank" autoComplete="off" autoCapitalize="none" withAsterisk error={errors.vpa?.message} {...register('vpa')} />
        <PasswordInput label="Password" description={passwordHint} autoComplete="current-password" withAsterisk error={errors.password?.message} {...register('password')} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel} disabled={isSubmitting}>
            Cancel
          </Button>
          <Button type="submit" loading={isSubmitting}>
            Save UPI id
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/**
 * Where withdrawals go: a bank account (holder, number typed twice, IFSC) or a UPI id, with the password again. The
 * details go to the server once and are never shown back: only the masked form and the bank's name.
 */
export function PayoutMethodForm({ current, onSaved, onCancel }: PayoutMethodFormProps) {
  const [kind, setKind] = useState<'bank' | 'upi'>(current?.type ?? 'bank');
  return (
    <Stack gap="md">
      <Stack gap={4}>
        <Text size="sm" fw={500} id="payout-kind-label">
          Pay me to
        </Text>
        <SegmentedControl
          aria-labelledby="payout-kind-label"
          value={kind}
          onChange={(value) => setKind(value === 'upi' ? 'upi' : 'bank')}
          data={[
            { value: 'bank', label: 'Bank account' },
            { value: 'upi', label: 'UPI id' },
          ]}
          fullWidth
        />
      </Stack>
      {kind === 'bank' ? <BankForm key="bank" onSaved={onSaved} onCancel={onCancel} /> : <UpiForm key="upi" onSaved={onSaved} onCancel={onCancel} />}
    </Stack>
  );
}
