import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { formatCalendarDate } from '@/lib/time-zone-clock';
import { useDeleteOverride } from '../api/delete-override';
import type { DateOverride } from '../types';
import { describeRanges } from '../utils/ranges';

/** "Wed, 25 Nov 2026" or "Mon, 21 Dec 2026 – Fri, 1 Jan 2027". */
export function describeDates({ startDate, endDate }: Pick<DateOverride, 'startDate' | 'endDate'>): string {
  return startDate === endDate
    ? formatCalendarDate(startDate, 'medium')
    : `${formatCalendarDate(startDate, 'medium')} – ${formatCalendarDate(endDate, 'medium')}`;
}

export function overrideKindLabel(override: DateOverride): string {
  if (!override.blocked) return 'Other hours';
  return override.startDate === override.endDate ? 'Day off' : 'Vacation';
}

function OverrideItem({ override }: { override: DateOverride }) {
  const remove = useDeleteOverride();
  const dates = describeDates(override);
  return (
    <Paper component="li" withBorder radius="md" p="sm" aria-label={`${overrideKindLabel(override)}: ${dates}`}>
      <Group justify="space-between" wrap="nowrap" align="flex-start" gap="sm">
        <Stack gap={4} style={{ minWidth: 0 }}>
          <Group gap="xs">
            <Text fw={600} size="sm">
              {dates}
            </Text>
            <Badge variant="light" color={override.blocked ? 'red' : 'blue'} tt="none">
              {overrideKindLabel(override)}
            </Badge>
          </Group>
          <Text size="sm" c="dimmed">
            {override.blocked ? (override.startDate === override.endDate ? 'No bookings on this date' : 'No bookings on these dates') : `Available ${describeRanges(override.ranges)} instead of the weekly hours`}
          </Text>
          {override.note ? (
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              {override.note}
            </Text>
          ) : null}
        </Stack>
        <Button
          variant="subtle"
          color="red"
          size="compact-sm"
          style={{ flexShrink: 0 }}
          loading={remove.isPending}
          aria-label={`Delete ${overrideKindLabel(override).toLowerCase()} on ${dates}`}
          onClick={() =>
            remove.mutate(override.id, {
              onSuccess: () => notifications.show({ color: 'teal', message: `Removed ${dates}.` }),
              onError: (error) => notifications.show({ color: 'red', title: "Couldn't remove it", message: error.message }),
            })
          }
        >
          Delete
        </Button>
      </Group>
    </Paper>
  );
}

/** Upcoming overrides and vacations, soonest first; past ones no longer matter to anyone. */
export function OverrideList({ overrides, today }: { overrides: DateOverride[]; today: string }) {
  const upcoming = overrides.filter((override) => override.endDate >= today);
  if (upcoming.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No dates off or special hours yet: your weekly hours apply every week.
      </Text>
    );
  }
  return (
    <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Upcoming dates off and other hours">
      {upcoming.map((override) => (
        <OverrideItem key={override.id} override={override} />
      ))}
    </Stack>
  );
}
