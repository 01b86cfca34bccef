import { Stack, Text } from '@mantine/core';
import { formatPaise } from '@/lib/money';
import { formatZonedDate, zonedHhmm } from '@/lib/time-zone-clock';
import type { Dispute } from '../types';
import { outcomeText } from '../utils/labels';

/** Where the money went, in words and amounts. */
function moneyText(dispute: Dispute): string | null {
  switch (dispute.outcome) {
    case 'release':
      return `${formatPaise(dispute.pricePaise)} released to ${dispute.mentor.name}.`;
    case 'refund':
      return `${formatPaise(dispute.pricePaise)} refunded to ${dispute.student.name}.`;
    case 'partial':
      return dispute.refundPaise === null
        ? null
        : `${formatPaise(dispute.refundPaise)} of ${formatPaise(dispute.pricePaise)} refunded to ${dispute.student.name}; the rest released to ${dispute.mentor.name}.`;
    case null:
      return null;
  }
}

/** A resolved dispute's decision, shown where the form was. */
export function DisputeDecision({ dispute, timeZone }: { dispute: Dispute; timeZone: string }) {
  const money = moneyText(dispute);
  return (
    <Stack gap="xs">
      <Text fw={700} size="lg" data-testid="dispute-outcome">
        {outcomeText(dispute)}
      </Text>
      {money ? <Text size="sm">{money}</Text> : null}
      {dispute.resolvedAt ? (
        <Text size="sm" c="dimmed">
          Decided {formatZonedDate(dispute.resolvedAt, timeZone, 'medium')} at {zonedHhmm(dispute.resolvedAt, timeZone)}
        </Text>
      ) : null}
      {dispute.note ? (
        <div>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            Note to both sides
          </Text>
          <Text data-testid="dispute-note" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {dispute.note}
          </Text>
        </div>
      ) : null}
    </Stack>
  );
}
