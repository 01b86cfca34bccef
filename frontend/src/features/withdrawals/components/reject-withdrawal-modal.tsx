import { Modal, Text } from '@mantine/core';
import { ReasonForm } from '@/components/reason-form';
import { formatPaise } from '@/lib/money';
import { REJECT_REASON_MAX, rejectInputSchema, useRejectWithdrawal } from '../api/reject-withdrawal';
import type { AdminWithdrawal } from '../types';

interface RejectWithdrawalModalProps {
  /** The withdrawal to reject; null keeps the modal closed. */
  withdrawal: AdminWithdrawal | null;
  onClose: () => void;
  onRejected: (withdrawal: AdminWithdrawal) => void;
}

/** Asks the admin why (the mentor reads it), then rejects: the money goes back to the mentor's wallet. */
export function RejectWithdrawalModal({ withdrawal, onClose, onRejected }: RejectWithdrawalModalProps) {
  return (
    <Modal opened={withdrawal !== null} onClose={onClose} title="Reject withdrawal" centered size="lg">
      {withdrawal ? <RejectForm key={withdrawal.id} withdrawal={withdrawal} onClose={onClose} onRejected={onRejected} /> : null}
    </Modal>
  );
}

function RejectForm({ withdrawal, onClose, onRejected }: RejectWithdrawalModalProps & { withdrawal: AdminWithdrawal }) {
  const reject = useRejectWithdrawal();
  return (
    <ReasonForm
      label="Reject withdrawal"
      schema={rejectInputSchema}
      onSubmit={async (reason) => {
        await reject.mutateAsync({ id: withdrawal.id, reason });
        onRejected(withdrawal);
        onClose();
      }}
      errorTitle="Couldn't reject the withdrawal"
      errorMessages={{ withdrawal_not_requested: 'This withdrawal was already decided, so it can no longer be rejected.' }}
      reason={{
        label: 'Reason',
        hint: 'The mentor reads it: say what to fix before asking again',
        max: REJECT_REASON_MAX,
        placeholder: 'The bank account name does not match your profile…',
        minRows: 3,
        maxRows: 8,
        required: true,
        autoFocus: true,
      }}
      dismissLabel="Cancel"
      onDismiss={onClose}
      submitLabel="Reject withdrawal"
    >
      <Text size="sm">
        {formatPaise(withdrawal.amountPaise)} goes back to {withdrawal.mentor.name}’s wallet, and they are told why.
      </Text>
    </ReasonForm>
  );
}
