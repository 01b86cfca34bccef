import { Group, Text, Tooltip } from '@mantine/core';
import { AlertCircleIcon, CheckIcon, ChecksIcon, ClockIcon } from '@/components/icons';
import type { Delivery } from '../utils/delivery';

const LABELS: Record<Delivery, string> = {
  queued: 'Waiting for a connection',
  sending: 'Sending',
  failed: 'Not sent',
  sent: 'Sent',
  read: 'Read',
};

/** The ticks under one of the viewer's messages: a clock until the server has it, ✓ stored, ✓✓ read, or "Not sent". */
export function DeliveryStatus({ delivery }: { delivery: Delivery }) {
  const label = LABELS[delivery];
  const icon =
    delivery === 'read' ? (
      <ChecksIcon size={16} />
    ) : delivery === 'sent' ? (
      <CheckIcon size={14} />
    ) : delivery === 'failed' ? (
      <AlertCircleIcon size={14} />
    ) : (
      <ClockIcon size={13} />
    );
  return (
    <Tooltip label={label} withArrow openDelay={300}>
      <Group
        component="span"
        gap={4}
        wrap="nowrap"
        role="img"
        aria-label={label}
        data-testid="delivery"
        data-delivery={delivery}
        c={delivery === 'read' ? 'blue.4' : delivery === 'failed' ? 'red.5' : undefined}
        style={{ display: 'inline-flex', alignItems: 'center' }}
      >
        {icon}
        {delivery === 'failed' || delivery === 'queued' ? (
          <Text span size="xs" aria-hidden>
            {label}
          </Text>
        ) : null}
      </Group>
    </Tooltip>
  );
}
