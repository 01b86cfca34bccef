import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { formatPaise } from '@/lib/money';
import type { AdminWithdrawal } from '../types';
import { methodText } from '../utils/labels';

interface ApproveWithdrawalModalProps {
  /** The withdrawal to approve; null keeps the modal closed. */
  withdrawal: AdminWithdrawal | null;
  pending: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/** Approving pays money out: the admin confirms who gets how much, and where. */
export function ApproveWithdrawalModal({ withdrawal, pending, onConfirm, onCancel }: ApproveWithdrawalModalProps) {
  return (
    <Modal opened={withdrawal !== null} onClose={onCancel} title="Approve this withdrawal?" centered>
      {withdrawal ? (
        <Stack gap="md">
          <Text size="sm" data-testid="approve-summary">
            {formatPaise(withdrawal.amountPaise)} goes to {withdrawal.mentor.name}’s {methodText(withdrawal.method)} through the payout gateway. The mentor is
            told at each step.
          </Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onCancel} disabled={pending}>
              Cancel
            </Button>
            <Button onClick={onConfirm} loading={pending} data-autofocus>
              Approve and pay
            </Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}
