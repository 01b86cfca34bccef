import { Anchor, Badge, Card, Group, Stack, Text, VisuallyHidden } from '@mantine/core';
import { Link } from 'react-router-dom';
import { paths } from '@/config/paths';
import { formatPaise } from '@/lib/money';
import { formatZonedDate } from '@/lib/time-zone-clock';
import type { Dispute } from '../types';
import { excerpt, outcomeColors, outcomeText } from '../utils/labels';

/** One dispute in the admin's queue: the booking's code (the way in), who against whom, the amount, when, and why. */
export function DisputeListItem({ dispute, timeZone }: { dispute: Dispute; timeZone: string }) {
  const decided = outcomeText(dispute);
  return (
    <Card withBorder radius="md" padding="md" component="article" aria-label={`Dispute on ${dispute.bookingCode}`}>
      <Stack gap={6}>
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Anchor component={Link} to={paths.app.adminDispute.getHref(dispute.id)} ff="monospace" fw={700}>
            {dispute.bookingCode}
          </Anchor>
          <Text fw={700} data-testid="dispute-amount">
            {formatPaise(dispute.pricePaise)}
          </Text>
        </Group>
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Text size="sm">
            {dispute.student.name} <span aria-hidden>→</span>
            <VisuallyHidden>against</VisuallyHidden> {dispute.mentor.name}
          </Text>
          <Text size="xs" c="dimmed">
            {dispute.status === 'resolved' && dispute.resolvedAt
              ? `Resolved ${formatZonedDate(dispute.resolvedAt, timeZone, 'medium')}`
              : `Opened ${formatZonedDate(dispute.createdAt, timeZone, 'medium')}`}
          </Text>
        </Group>
        <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }} data-testid="dispute-excerpt">
          “{excerpt(dispute.reason)}”
        </Text>
        {decided && dispute.outcome ? (
          <Group gap="xs">
            <Badge color={outcomeColors[dispute.outcome]} variant="light" tt="none">
              {decided}
            </Badge>
          </Group>
        ) : null}
      </Stack>
    </Card>
  );
}
