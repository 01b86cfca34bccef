import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Group, Modal, NumberInput, Radio, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Controller, useForm, type UseFormSetError } from 'react-hook-form';
import { z } from 'zod';
import { FormAlert } from '@/components/form-alert';
import { ApiError } from '@/lib/api-client';
import { applyServerErrors } from '@/lib/form-errors';
import { formatPaise, rupeesToPaise } from '@/lib/money';
import { useResolveDispute, type ResolveDisputeInput } from '../api/resolve-dispute';
import { DISPUTE_RULES } from '../rules';
import { disputeOutcomes, type Dispute, type DisputeOutcome } from '../types';

/** What the form holds: the decision picked, the refund as typed (rupees), and the note. */
interface ResolveValues {
  outcome: string;
  amount: string | number;
  note: string;
}

const isOutcome = (value: string): value is DisputeOutcome => (disputeOutcomes as readonly string[]).includes(value);

/** The server's rules (and one it can't know before the choice: the refund is at most what was paid), said before sending. */
function resolveFormSchema(pricePaise: number) {
  return z
    .object({ outcome: z.string(), amount: z.union([z.string(), z.number()]), note: z.string() })
    .superRefine((values, ctx) => {
      if (!isOutcome(values.outcome)) ctx.addIssue({ code: 'custom', path: ['outcome'], message: 'Choose a decision' });
      if (values.outcome === 'partial') {
        const paise = rupeesToPaise(values.amount);
        const message =
          values.amount === ''
            ? 'Enter the amount to refund'
            : paise === null
              ? 'Enter an amount in rupees, like 1250 or 1250.50'
              : paise <= 0
                ? 'The refund must be more than ₹0'
                : paise > pricePaise
                  ? `At most ${formatPaise(pricePaise)}, what the student paid`
                  : null;
        if (message) ctx.addIssue({ code: 'custom', path: ['amount'], message });
      }
      const note = values.note.trim().length;
      if (note < DISPUTE_RULES.noteMinLength) ctx.addIssue({ code: 'custom', path: ['note'], message: 'Say why (3–1,000 characters)' });
      else if (note > DISPUTE_RULES.noteMaxLength) ctx.addIssue({ code: 'custom', path: ['note'], message: 'At most 1,000 characters' });
    });
}

type Decision = Omit<ResolveDisputeInput, 'id'>;

function decisionOf(values: ResolveValues): Decision {
  const outcome = values.outcome as DisputeOutcome;
  const note = values.note.trim();
  return outcome === 'partial' ? { outcome, refundPaise: rupeesToPaise(values.amount) ?? 0, note } : { outcome, note };
}

/** What confirming does, with the amounts: read once more before the money moves. */
function decisionSummary(decision: Decision, dispute: Dispute): string {
  const price = formatPaise(dispute.pricePaise);
  switch (decision.outcome) {
    case 'release':
      return `Release the ${price} to ${dispute.mentor.name}. ${dispute.student.name} gets nothing back.`;
    case 'refund':
      return `Refund the whole ${price} to ${dispute.student.name}. ${dispute.mentor.name} is not paid for this session.`;
    case 'partial':
      return `Refund ${formatPaise(decision.refundPaise ?? 0)} of the ${price} to ${dispute.student.name}, and release the rest to ${dispute.mentor.name}.`;
  }
}

interface ResolveDisputeFormProps {
  dispute: Dispute;
  onResolved?: (dispute: Dispute) => void;
}

/** The admin's decision on an open dispute: release, refund in full, or refund part (in ₹), with a note both sides read; confirmed before it is sent. */
export function ResolveDisputeForm({ dispute, onResolved }: ResolveDisputeFormProps) {
  const resolve = useResolveDispute();
  const [formError, setFormError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<Decision | null>(null);
  const {
    control,
    register,
    handleSubmit,
    setError,
    watch,
    formState: { errors },
  } = useForm<ResolveValues>({ resolver: zodResolver(resolveFormSchema(dispute.pricePaise)), defaultValues: { outcome: '', amount: '', note: '' } });
  const outcome = watch('outcome');
  const noteLength = watch('note').trim().length;

  // The server names `refundPaise`; the form's field is the amount in rupees.
  const setServerError: UseFormSetError<{ refundPaise: number; note: string }> = (name, error, options) =>
    setError(name === 'refundPaise' ? 'amount' : 'note', error, options);

  const review = handleSubmit((values) => {
    setFormError(null);
    setConfirming(decisionOf(values));
  });

  async function confirm() {
    if (!confirming) return;
    try {
      const resolved = await resolve.mutateAsync({ id: dispute.id, ...confirming });
      setConfirming(null);
      notifications.show({ color: 'teal', title: 'Dispute resolved', message: `${dispute.bookingCode}: both sides are told your decision.` });
      onResolved?.(resolved);
    } catch (error) {
      setConfirming(null);
      if (error instanceof ApiError && error.code === 'already_resolved') {
        notifications.show({ color: 'orange', title: 'Already resolved', message: error.detail ?? error.title });
      }
      setFormError(applyServerErrors(error, setServerError, { fields: ['refundPaise', 'note'] }));
    }
  }

  return (
    <>
      <form onSubmit={review} noValidate aria-label="Resolve dispute">
        <Stack gap="md">
          <FormAlert title="Couldn’t resolve the dispute" message={formError} />
          <Controller
            control={control}
            name="outcome"
            render={({ field }) => (
              <Radio.Group
                label="Decision"
                withAsterisk
                name={field.name}
                value={field.value}
                onChange={field.onChange}
                error={errors.outcome?.message}
              >
                <Stack gap="xs" mt="xs">
                  <Radio ref={field.ref} value="release" label="Release to the mentor" description={`${dispute.mentor.name} is paid as usual`} />
                  <Radio value="refund" label="Refund in full" description={`${formatPaise(dispute.pricePaise)} back to ${dispute.student.name}`} />
                  <Radio value="partial" label="Partial refund" description="Part back to the student, the rest to the mentor" />
                </Stack>
              </Radio.Group>
            )}
          />
          {outcome === 'partial' ? (
            <Controller
              control={control}
              name="amount"
              render={({ field }) => (
                <NumberInput
                  label="Amount to refund"
                  description={`In rupees, at most ${formatPaise(dispute.pricePaise)}`}
                  prefix="₹"
                  thousandSeparator=","
                  thousandsGroupStyle="lakh"
                  decimalScale={2}
                  allowNegative={false}
                  hideControls
                  inputMode="decimal"
                  withAsterisk
                  error={errors.amount?.message}
                  name={field.name}
                  ref={field.ref}
                  value={field.value}
                  onChange={field.onChange}
                  onBlur={field.onBlur}
                />
              )}
            />
          ) : null}
          <Textarea
            label="Note"
            description={`Why you decided this; the student and the mentor both read it · ${noteLength}/${DISPUTE_RULES.noteMaxLength}`}
            autosize
            minRows={3}
            maxRows={8}
            withAsterisk
            error={errors.note?.message}
            {...register('note')}
          />
          <Group justify="flex-end">
            <Button type="submit">Resolve dispute</Button>
          </Group>
        </Stack>
      </form>
      <Modal opened={confirming !== null} onClose={() => (resolve.isPending ? undefined : setConfirming(null))} title="Confirm decision" centered>
        {confirming ? (
          <Stack gap="md">
            <Text data-testid="decision-summary">{decisionSummary(confirming, dispute)}</Text>
            <Text size="sm" c="dimmed">
              The money moves at once and both sides are told, with your note. This can’t be undone.
            </Text>
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={() => setConfirming(null)} disabled={resolve.isPending}>
                Back
              </Button>
              <Button onClick={() => void confirm()} loading={resolve.isPending}>
                Confirm decision
              </Button>
            </Group>
          </Stack>
        ) : null}
      </Modal>
    </>
  );
}
