import { Alert, Modal, Text } from '@mantine/core';
import { ReasonForm } from '@/components/reason-form';
import { formatPaise } from '@/lib/money';
import { openDisputeInputSchema, useOpenDispute } from '../api/open-dispute';
import { DISPUTE_RULES } from '../rules';
import type { Dispute } from '../types';

interface ReportProblemModalProps {
  bookingId: string;
  mentorName: string;
  /** What the student paid, held until the decision. */
  amountPaise: number;
  opened: boolean;
  onClose: () => void;
  onReported?: (dispute: Dispute) => void;
}

/** The student says what went wrong with a completed session; the payment stays held until Mentor Connect decides. */
export function ReportProblemModal({ opened, onClose, ...props }: ReportProblemModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title="Report a problem" centered size="lg">
      {opened ? <ReportForm onClose={onClose} {...props} /> : null}
    </Modal>
  );
}

function ReportForm({ bookingId, mentorName, amountPaise, onClose, onReported }: Omit<ReportProblemModalProps, 'opened'>) {
  const open = useOpenDispute();
  return (
    <ReasonForm
      label="Report a problem"
      schema={openDisputeInputSchema}
      onSubmit={async (reason) => {
        const dispute = await open.mutateAsync({ bookingId, reason });
        onReported?.(dispute);
        onClose();
      }}
      errorTitle="Couldn’t report the problem"
      reason={{
        label: 'What went wrong?',
        hint: `What happened, and what you expected (at least ${DISPUTE_RULES.reasonMinLength} characters)`,
        max: DISPUTE_RULES.reasonMaxLength,
        placeholder: 'The mentor joined 25 minutes late and left before we covered…',
        minRows: 4,
        maxRows: 10,
        required: true,
        autoFocus: true,
      }}
      dismissLabel="Cancel"
      onDismiss={onClose}
      submitLabel="Report problem"
    >
      <Alert color="orange" variant="light" title="Your payment stays on hold" role="note">
        <Text size="sm">
          {formatPaise(amountPaise)} stays held until Mentor Connect has looked at the session (who attended, and for how long) and decided: released
          to {mentorName}, refunded to you, or partly refunded.
        </Text>
      </Alert>
      <Text size="sm">{mentorName} will see what you write here. You can report a problem once per session.</Text>
    </ReasonForm>
  );
}
