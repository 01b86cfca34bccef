import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { formatPaise } from '@/lib/money';
import { formatZonedDate, zonedHhmm } from '@/lib/time-zone-clock';
import type { Booking } from '../types';
import { refundStatusColors, refundStatusLabels } from '../utils/labels';

const statusNotes = {
  requested: 'We have asked the payment gateway to return the money. This page updates by itself.',
  pending: 'The payment gateway is returning the money. This page updates by itself.',
  processed: 'The money is on its way back to your original payment method; banks usually take 5–7 working days to show it.',
  failed: 'The refund did not go through. Our team has been told and will sort it out.',
} as const;

/** The refund of a cancelled booking and where it stands; the page polls while it is pending. */
export function RefundPanel({ refund, viewerRole, timeZone }: { refund: NonNullable<Booking['refund']>; viewerRole: Booking['viewerRole']; timeZone: string }) {
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="refund-title">
      <Stack gap="xs">
        <Group justify="space-between" gap="xs">
          <Title order={2} size="h4" id="refund-title">
            Refund
          </Title>
          {/* Announced when the status changes under the reader's eyes. */}
          <div aria-live="polite">
            <Badge variant="light" tt="none" color={refundStatusColors[refund.status]} data-testid="refund-status">
              {refundStatusLabels[refund.status]}
            </Badge>
          </div>
        </Group>
        <Text fw={700} size="lg" data-testid="refund-amount">
          {formatPaise(refund.amountPaise)} ({refund.percent}%)
        </Text>
        <Text size="sm" c="dimmed">
          {viewerRole === 'mentor' ? 'Returned to the student.' : statusNotes[refund.status]}
        </Text>
        {refund.processedAt ? (
          <Text size="sm">
            Processed on {formatZonedDate(refund.processedAt, timeZone, 'medium')} at {zonedHhmm(refund.processedAt, timeZone)}
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}
