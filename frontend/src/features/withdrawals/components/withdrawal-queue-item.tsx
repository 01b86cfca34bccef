import { Badge, Button, Card, Group, Stack, Text } from '@mantine/core';
import { formatPaise } from '@/lib/money';
import { formatZonedDate, zonedHhmm } from '@/lib/time-zone-clock';
import type { AdminWithdrawal } from '../types';
import { methodText, reachedAt, statusColors, statusLabels } from '../utils/labels';

interface WithdrawalQueueItemProps {
  withdrawal: AdminWithdrawal;
  timeZone: string;
  onApprove: (withdrawal: AdminWithdrawal) => void;
  onReject: (withdrawal: AdminWithdrawal) => void;
}

const when = (at: string, timeZone: string) => `${formatZonedDate(at, timeZone, 'medium')} at ${zonedHhmm(at, timeZone)}`;

/** Where a decided withdrawal stands: the payout in progress, done with the bank's reference, or why not. */
function Outcome({ withdrawal: w, timeZone }: { withdrawal: AdminWithdrawal; timeZone: string }) {
  const lines: string[] = [];
  const approvedAt = reachedAt(w, 'approved');
  if (approvedAt) lines.push(`Approved ${when(approvedAt, timeZone)}`);
  if (w.status === 'approved' || w.status === 'processing') lines.push(w.payoutId ? `Payout ${w.payoutId} is with the bank` : 'The payout is being made');
  if (w.status === 'processed' || w.status === 'reversed') lines.push(`Processed, UTR ${w.utr ?? 'not given'}`);
  if (w.status === 'failed') lines.push(`Failed: ${w.failureReason ?? 'the bank did not say why'}. The money is back in the mentor’s wallet.`);
  if (w.status === 'reversed') lines.push(`Reversed: ${w.failureReason ?? 'the bank sent it back'}. The money is back in the mentor’s wallet.`);
  if (w.status === 'rejected') lines.push(`Rejected: ${w.rejectReason ?? 'no reason given'}. The money is back in the mentor’s wallet.`);
  if (lines.length === 0) return null;
  return (
    <Stack gap={2} data-testid="withdrawal-outcome">
      {lines.map((line) => (
        <Text key={line} size="sm" style={{ overflowWrap: 'anywhere' }}>
          {line}
        </Text>
      ))}
    </Stack>
  );
}

/** One withdrawal in the admin's queue: whose, how much, where to (masked), when asked, and the decision or its outcome. */
export function WithdrawalQueueItem({ withdrawal, timeZone, onApprove, onReject }: WithdrawalQueueItemProps) {
  const label = `Withdrawal of ${formatPaise(withdrawal.amountPaise)} by ${withdrawal.mentor.name}`;
  return (
    <Card withBorder radius="md" padding="md" component="article" aria-label={label}>
      <Stack gap="xs">
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Stack gap={0} style={{ minWidth: 0 }}>
            <Text fw={600}>{withdrawal.mentor.name}</Text>
            <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {withdrawal.mentor.email}
            </Text>
          </Stack>
          <Group gap="xs">
            <Text fw={700} fz="lg" data-testid="withdrawal-amount">
              {formatPaise(withdrawal.amountPaise)}
            </Text>
            <Badge color={statusColors[withdrawal.status]} variant="light" tt="none">
              {statusLabels[withdrawal.status]}
            </Badge>
          </Group>
        </Group>
        <Text size="sm" data-testid="withdrawal-method">
          To {methodText(withdrawal.method)}
        </Text>
        <Text size="xs" c="dimmed">
          Requested {when(withdrawal.requestedAt, timeZone)}
          {withdrawal.source === 'weekly' ? ' · weekly automatic payout' : ''}
        </Text>
        <Outcome withdrawal={withdrawal} timeZone={timeZone} />
        {withdrawal.status === 'requested' ? (
          <Group justify="flex-end" gap="sm">
            <Button color="red" variant="light" onClick={() => onReject(withdrawal)}>
              Reject
            </Button>
            <Button onClick={() => onApprove(withdrawal)}>Approve</Button>
          </Group>
        ) : null}
      </Stack>
    </Card>
  );
}
