import { Alert, Button, Card, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQueries } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { paths } from '@/config/paths';
import { formatZonedRange } from '@/lib/time-zone-clock';
import { bookingsQueryOptions } from '../api/get-bookings';
import type { Booking, RenderJoin } from '../types';
import { joinableStatuses, kindText, otherParty } from '../utils/labels';

export interface NextSessionCardProps {
  /** The sides to look on: a mentor has sessions booked with them and may have booked others. */
  roles: readonly ('student' | 'mentor')[];
  timeZone: string;
  renderJoin: RenderJoin;
}

/** My bookings' first page of upcoming sessions: the dashboard reads the same cache entry the list does. */
const upcoming = (role: 'student' | 'mentor') => bookingsQueryOptions({ role, status: 'upcoming', page: 1, limit: 10 });

/** The earliest confirmed or running session across `lists`, if any. */
export function nextSession(lists: (Booking[] | undefined)[]): Booking | null {
  const sessions = lists.flatMap((items) => items ?? []).filter((booking) => joinableStatuses.has(booking.status));
  sessions.sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  return sessions[0] ?? null;
}

/** The viewer's next session with its time and the way into the call; nothing when none is booked. */
export function NextSessionCard({ roles, timeZone, renderJoin }: NextSessionCardProps) {
  const lists = useQueries({ queries: roles.map(upcoming) });

  if (lists.some((list) => list.isPending)) {
    return <Skeleton height={132} radius="md" role="status" aria-label="Loading your next session" />;
  }
  const failed = lists.filter((list) => list.isError);
  if (failed.length > 0) {
    return (
      <Alert color="red" variant="light" title="Couldn’t load your next session" role="alert">
        <Button variant="light" size="compact-sm" onClick={() => failed.forEach((list) => void list.refetch())}>
          Try again
        </Button>
      </Alert>
    );
  }

  const booking = nextSession(lists.map((list) => list.data?.items));
  if (!booking) return null;
  const party = otherParty(booking);
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="next-session-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="next-session-title">
          Next session
        </Title>
        <Group justify="space-between" align="flex-end" gap="md">
          <Stack gap={2} style={{ minWidth: 0 }}>
            <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
              {party.label === 'Mentor' ? 'with ' : 'for '}
              {party.name} · {kindText(booking)}
            </Text>
            <Text size="sm" data-testid="next-session-time">
              {formatZonedRange(booking.startsAt, booking.endsAt, timeZone)}
            </Text>
            <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {booking.topic}
            </Text>
          </Stack>
          <Group gap="sm">
            <Button component={Link} to={paths.app.booking.getHref(booking.id)} variant="default">
              View booking
            </Button>
            {renderJoin(booking, { compact: false })}
          </Group>
        </Group>
      </Stack>
    </Card>
  );
}
