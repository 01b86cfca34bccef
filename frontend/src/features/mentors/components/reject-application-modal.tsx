import { Modal, Text } from '@mantine/core';
import { ReasonForm } from '@/components/reason-form';
import { rejectInputSchema, useRejectApplication } from '../api/reject-application';
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
  return (
    <ReasonForm
      label="Reject application"
      schema={rejectInputSchema}
      onSubmit={async (reason) => {
        await reject.mutateAsync({ id: application.id, reason });
        onRejected?.(application);
        onClose();
      }}
      errorTitle="Couldn't reject the application"
      errorMessages={{ application_approved: 'This application was already approved, so it can no longer be rejected.' }}
      reason={{
        label: 'Reason',
        hint: 'Be specific and kind: what is missing, and what would change your mind',
        max: 1000,
        placeholder: 'Please add more detail about your hands-on experience with…',
        minRows: 4,
        maxRows: 10,
        required: true,
        autoFocus: true,
      }}
      dismissLabel="Cancel"
      onDismiss={onClose}
      submitLabel="Reject application"
    >
      <Text size="sm">{application.applicant.name} will get an email with your reason, and can edit their application and apply again.</Text>
    </ReasonForm>
  );
}
