import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { FormAlert } from '@/components/form-alert';
import { applyServerErrors } from '@/lib/form-errors';
import { rejectInputSchema, useRejectApplication, type RejectInput } from '../api/reject-application';
import type { AdminApplication } from '../types';

interface RejectApplicationModalProps {
  /** The application to reject; null keeps the modal closed. */
  application: Pick<AdminApplication, 'id' | 'applicant'> | null;
  onClose: () => void;
  onRejected?: (application: Pick<AdminApplication, 'id' | 'applicant'>) => void;
}

/** Asks the admin why (the applicant reads it in an email and on their application), then rejects. */
export function RejectApplicationModal({ application, onClose, onRejected }: RejectApplicationModalProps) {
  return (
    <Modal opened={application !== null} onClose={onClose} title="Reject application" centered size="lg">
      {application ? <RejectForm key={application.id} application={application} onClose={onClose} onRejected={onRejected} /> : null}
    </Modal>
  );
}

function RejectForm({ application, onClose, onRejected }: RejectApplicationModalProps & { application: NonNullable<RejectApplicationModalProps['application']> }) {
  const reject = useRejectApplication();
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    watch,
    formState: { errors, isSubmitting },
  } = useForm<RejectInput>({ resolver: zodResolver(rejectInputSchema), defaultValues: { reason: '' } });
  const length = watch('reason').trim().length;

  const onSubmit = handleSubmit(async ({ reason }) => {
    setFormError(null);
    try {
      await reject.mutateAsync({ id: application.id, reason });
      onRejected?.(application);
      onClose();
    } catch (error) {
      setFormError(
        applyServerErrors(error, setError, {
          fields: ['reason'],
          messages: { application_approved: 'This application was already approved, so it can no longer be rejected.' },
        }),
      );
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Reject application">
      <Stack gap="md">
        <Text size="sm">
          {application.applicant.name} will get an email with your reason, and can edit their application and apply again.
        </Text>
        <FormAlert title="Couldn't reject the application" message={formError} />
        <Textarea
          label="Reason"
          description={`Be specific and kind: what is missing, and what would change your mind · ${length}/1000`}
          placeholder="Please add more detail about your hands-on experience with…"
          autosize
          minRows={4}
          maxRows={10}
          withAsterisk
          data-autofocus
          error={errors.reason?.message}
          {...register('reason')}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={isSubmitting}>
            Cancel
          </Button>
          <Button type="submit" color="red" loading={isSubmitting}>
            Reject application
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
