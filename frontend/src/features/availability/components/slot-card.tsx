import { Badge, Button, Group, Paper, Stack, Text, Tooltip } from '@mantine/core';
import { formatPaise } from '@/lib/money';
import { formatCalendarDate, zonedHhmm, zonedParts } from '@/lib/time-zone-clock';
import type { Slot } from '../types';

export const slotKindLabel = (slot: Pick<Slot, 'kind'>) => (slot.kind === 'group' ? 'Group' : '1-to-1');

/** "Wed, 25 Nov · 18:00–19:00" on `timeZone`'s clocks. */
export function describeSlotTime(slot: Pick<Slot, 'startsAt' | 'endsAt'>, timeZone: string): string {
  return `${formatCalendarDate(zonedParts(slot.startsAt, timeZone).date, 'short')} · ${zonedHhmm(slot.startsAt, timeZone)}–${zonedHhmm(slot.endsAt, timeZone)}`;
}

export const BOOKED_REASON = 'People have booked this slot, so it can no longer be edited or deleted.';

interface SlotCardProps {
  slot: Slot;
  timeZone: string;
  onEdit: () => void;
  onDelete: () => void;
}

/** One of the mentor's slots: what, when, how full, how much; edit and delete while nobody has booked. */
export function SlotCard({ slot, timeZone, onEdit, onDelete }: SlotCardProps) {
  const locked = slot.seatsTaken > 0;
  const when = describeSlotTime(slot, timeZone);
  const action = (label: string, onClick: () => void, color?: string) => {
    const button = (
      <Button
        variant="subtle"
        size="compact-sm"
        color={color}
        disabled={locked}
        onClick={onClick}
        aria-label={`${label} ${slot.title}`}
        aria-describedby={locked ? `slot-${slot.id}-locked` : undefined}
      >
        {label}
      </Button>
    );
    // A disabled button gets no pointer events: the tooltip hangs on a wrapper.
    return locked ? (
      <Tooltip label={BOOKED_REASON} multiline w={240} withArrow events={{ hover: true, focus: true, touch: true }}>
        <span tabIndex={0} style={{ display: 'inline-block' }}>
          {button}
        </span>
      </Tooltip>
    ) : (
      button
    );
  };

  return (
    <Paper component="li" withBorder radius="md" p="md" aria-label={`${slot.title}, ${when}`}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" align="flex-start" gap="sm">
          <Group gap="xs" style={{ minWidth: 0 }}>
            <Badge variant="light" color={slot.kind === 'group' ? 'grape' : 'blue'} tt="none">
              {slotKindLabel(slot)}
            </Badge>
            <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
              {slot.title}
            </Text>
          </Group>
          <Text fw={700} style={{ whiteSpace: 'nowrap' }}>
            {formatPaise(slot.pricePaise)}
          </Text>
        </Group>
        <Group justify="space-between" gap="xs">
          <Text size="sm" c="dimmed">
            {when} · {slot.durationMinutes} min
          </Text>
          <Badge variant={locked ? 'filled' : 'outline'} color={slot.seatsLeft === 0 ? 'teal' : 'gray'} tt="none">
            {slot.seatsTaken}/{slot.capacity} booked
          </Badge>
        </Group>
        <Group justify="space-between" gap="xs">
          {locked ? (
            <Text size="xs" c="dimmed" id={`slot-${slot.id}-locked`}>
              Booked: can't be edited or deleted
            </Text>
          ) : (
            <span />
          )}
          <Group gap={4}>
            {action('Edit', onEdit)}
            {action('Delete', onDelete, 'red')}
          </Group>
        </Group>
      </Stack>
    </Paper>
  );
}
