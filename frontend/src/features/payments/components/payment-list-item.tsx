import { Anchor, Badge, Button, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import { paths } from '@/config/paths';
import { formatPaise } from '@/lib/money';
import { formatZonedDate } from '@/lib/time-zone-clock';
import { invoicedStatuses, paymentStatusColors, paymentStatusLabels, refundStatusLabels, type Payment } from '../types';

/** One payment: when, for which booking and mentor, how much, where it stands, refunds, and its invoice. */
export function PaymentListItem({ payment, timeZone }: { payment: Payment; timeZone: string }) {
  const paidAt = payment.capturedAt ?? payment.createdAt;
  return (
    <Paper component="li" withBorder radius="md" p="md" aria-label={`Payment for ${payment.bookingCode}`}>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm" verticalSpacing="xs">
        <Stack gap={2}>
          <Text size="sm" c="dimmed" data-testid="payment-date">
            {formatZonedDate(paidAt, timeZone, 'medium')}
          </Text>
          <Anchor component={Link} to={paths.app.booking.getHref(payment.bookingId)} ff="monospace" fw={700} size="sm">
            {payment.bookingCode}
          </Anchor>
          <Text size="sm">with {payment.mentorName}</Text>
        </Stack>
        <Stack gap={4}>
          <Group gap="xs">
            <Text fw={700} data-testid="payment-amount">
              {formatPaise(payment.amountPaise)}
            </Text>
            <Badge variant="light" tt="none" color={paymentStatusColors[payment.status]}>
              {paymentStatusLabels[payment.status]}
            </Badge>
          </Group>
          {payment.refundedPaise > 0 ? (
            <Text size="sm" data-testid="payment-refunded">
              Refunded {formatPaise(payment.refundedPaise)}
              {payment.refunds.length > 0 ? ` · ${payment.refunds.map((refund) => refundStatusLabels[refund.status]).join(', ')}` : ''}
            </Text>
          ) : null}
          <Text size="xs" c="dimmed">
            Session on {formatZonedDate(payment.startsAt, timeZone, 'medium')}
          </Text>
        </Stack>
        <Group justify="flex-end" align="center">
          {invoicedStatuses.has(payment.status) ? (
            <Button component={Link} to={paths.app.invoice.getHref(payment.id)} variant="light" size="compact-sm" aria-label={`Invoice for ${payment.bookingCode}`}>
              Invoice
            </Button>
          ) : null}
        </Group>
      </SimpleGrid>
    </Paper>
  );
}
