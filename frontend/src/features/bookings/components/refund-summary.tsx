import { Badge, Group, Text } from '@mantine/core';
import { formatPaise } from '@/lib/money';
import type { Booking } from '../types';
import { refundStatusColors, refundStatusLabels } from '../utils/labels';

/** "Refund ₹1,250 (50%) · Pending": one line for cards and lists. */
export function RefundSummary({ refund }: { refund: NonNullable<Booking['refund']> }) {
  return (
    <Group gap="xs" wrap="wrap">
      <Text size="sm">
        Refund {formatPaise(refund.amountPaise)} ({refund.percent}%)
      </Text>
      <Badge size="sm" variant="light" tt="none" color={refundStatusColors[refund.status]}>
        {refundStatusLabels[refund.status]}
      </Badge>
    </Group>
  );
}
