import { Anchor, Button, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import { paths } from '@/config/paths';
import { formatPaise } from '@/lib/money';
import { formatZonedRange } from '@/lib/time-zone-clock';
import type { Booking, RenderJoin } from '../types';
import { amountPaise, joinableStatuses, kindText, otherParty } from '../utils/labels';
import { BookingStatusBadge } from './booking-status-badge';
import { BreakdownTable } from './breakdown-table';
import { RefundSummary } from './refund-summary';

/** One booking in "My bookings": who, when (viewer's clock), what kind, status and money, the way into its call, and to its page. */
export function BookingListItem({ booking, timeZone, renderJoin }: { booking: Booking; timeZone: string; renderJoin?: RenderJoin | undefined }) {
  const party = otherParty(booking);
  const href = paths.app.booking.getHref(booking.id);
  return (
    <Paper component="li" withBorder radius="md" p="md" aria-label={`Booking ${booking.code}`}>
      <Stack gap="sm">
        <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
          <Stack gap={2} style={{ minWidth: 0 }}>
            <Anchor component={Link} to={href} ff="monospace" fw={700} size="sm">
              {booking.code}
            </Anchor>
            <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
              {party.label === 'Mentor' ? 'with ' : 'for '}
              {party.name}
            </Text>
          </Stack>
          <BookingStatusBadge status={booking.status} />
        </Group>
        <SimpleGrid cols={{ base: 1, sm: booking.breakdown ? 3 : 2 }} spacing="sm" verticalSpacing={6}>
          <Stack gap={2}>
            <Text size="sm" data-testid="booking-time">
              {formatZonedRange(booking.startsAt, booking.endsAt, timeZone)}
            </Text>
            <Text size="sm" c="dimmed">
              {booking.durationMinutes} min · {kindText(booking)}
            </Text>
          </Stack>
          <Stack gap={2}>
            <Text size="sm" fw={700} data-testid="booking-amount">
              {formatPaise(amountPaise(booking))}
            </Text>
            {booking.refund ? <RefundSummary refund={booking.refund} /> : null}
          </Stack>
          {booking.breakdown ? <BreakdownTable breakdown={booking.breakdown} compact /> : null}
        </SimpleGrid>
        <Group justify="flex-end" gap="xs">
          {renderJoin && joinableStatuses.has(booking.status) ? renderJoin(booking, { compact: true }) : null}
          <Button component={Link} to={href} variant="light" size="compact-sm" aria-label={`View details of ${booking.code}`}>
            View details
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
