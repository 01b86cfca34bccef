import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Group, Stack, Textarea } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { FormAlert } from '@/components/form-alert';
import { applyServerErrors, type ServerErrorOptions } from '@/lib/form-errors';

type ReasonValues = { reason: string };

export interface ReasonFieldOptions {
  label: string;
  /** Shown under the label, before the character count ("… · 12/500"). */
  hint: string;
  /** The most characters the reason may have (the schema enforces it; the count shows it). */
  max: number;
  minRows: number;
  maxRows: number;
  required?: boolean;
  placeholder?: string;
  /** Focus the reason when the form opens in a modal (instead of its first button). */
  autoFocus?: boolean;
}

export interface ReasonFormProps {
  /** The form's accessible name. */
  label: string;
  schema: z.ZodType<ReasonValues, ReasonValues>;
  /** Carries the action out with the reason as the schema gives it; a rejection is shown on the form. */
  onSubmit: (reason: string) => Promise<void>;
  /** The title of the alert for a problem that belongs to no field. */
  errorTitle: string;
  /** Wording by error code, when the server's `detail` isn't what this form should say. */
  errorMessages?: ServerErrorOptions<ReasonValues>['messages'];
  reason: ReasonFieldOptions;
  dismissLabel: string;
  onDismiss: () => void;
  submitLabel: string;
  /** Not yet ready to submit, e.g. while what the action would do is still being worked out. */
  submitDisabled?: boolean;
  /** What the action does and to whom, above the form's alert. */
  children: ReactNode;
}

/**
 * A destructive action confirmed with a reason (cancelling a booking, rejecting an application): what
 * it does, the reason with its character count, and the two buttons. A failed submission shows its
 * problem by the reason, or else above it.
 */
export function ReasonForm({
  label,
  schema,
  onSubmit,
  errorTitle,
  errorMessages,
  reason: field,
  dismissLabel,
  onDismiss,
  submitLabel,
  submitDisabled = false,
  children,
}: ReasonFormProps) {
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    watch,
    formState: { errors, isSubmitting },
  } = useForm<ReasonValues>({ resolver: zodResolver(schema), defaultValues: { reason: '' } });
  const length = watch('reason').trim().length;

  const submit = handleSubmit(async ({ reason }) => {
    setFormError(null);
    try {
      await onSubmit(reason);
    } catch (error) {
      setFormError(applyServerErrors(error, setError, { fields: ['reason'], messages: errorMessages }));
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-label={label}>
      <Stack gap="md">
        {children}
        <FormAlert title={errorTitle} message={formError} />
        <Textarea
          label={field.label}
          description={`${field.hint} · ${length}/${field.max}`}
          placeholder={field.placeholder}
          autosize
          minRows={field.minRows}
          maxRows={field.maxRows}
          withAsterisk={field.required}
          data-autofocus={field.autoFocus || undefined}
          error={errors.reason?.message}
          {...register('reason')}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDismiss} disabled={isSubmitting}>
            {dismissLabel}
          </Button>
          <Button type="submit" color="red" loading={isSubmitting} disabled={submitDisabled}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
