import { Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { formatPaise } from '@/lib/money';
import { formatCalendarDate, zonedHhmm } from '@/lib/time-zone-clock';
import type { PublicSlot } from '../types';
import type { DayOffer } from '../utils/booking-calendar';

export interface BookingDayProps {
  day: DayOffer;
  durationMinutes: number;
  timeZone: string;
  /** The chosen start (a time's or a slot's), if any. */
  selectedStartsAt: string | null;
  selectedSlotId: string | null;
  onPickTime: (startsAt: string) => void;
  onPickSlot: (slot: PublicSlot) => void;
}

const seatsText = (seats: number) => (seats === 1 ? '1 seat left' : `${seats} seats left`);

/** One date's free start times as buttons, then its open slots with seats and price. */
export function BookingDay({ day, durationMinutes, timeZone, selectedStartsAt, selectedSlotId, onPickTime, onPickSlot }: BookingDayProps) {
  const dateText = formatCalendarDate(day.date);
  return (
    <Stack gap="sm" component="section" aria-labelledby="booking-day-title">
      <Title order={3} size="h5" id="booking-day-title">
        {dateText}
      </Title>
      {day.times.length > 0 ? (
        <SimpleGrid cols={3} spacing={8} role="group" aria-label={`Free ${durationMinutes}-minute times on ${dateText}`}>
          {day.times.map((time) => {
            const selected = selectedSlotId === null && time.startsAt === selectedStartsAt;
            return (
              <Button
                key={time.startsAt}
                variant={selected ? 'filled' : 'default'}
                aria-pressed={selected}
                onClick={() => onPickTime(time.startsAt)}
                px={4}
              >
                {time.local}
              </Button>
            );
          })}
        </SimpleGrid>
      ) : (
        <Text size="sm" c="dimmed">
          No free {durationMinutes}-minute times on this day.
        </Text>
      )}
      {day.slots.length > 0 ? (
        <Stack gap="xs">
          <Text size="sm" fw={600}>
            Sessions on this day
          </Text>
          <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }} aria-label={`Sessions on ${dateText}`}>
            {day.slots.map((slot) => {
              const selected = slot.id === selectedSlotId;
              const group = slot.kind === 'group';
              return (
                <Paper
                  component="li"
                  key={slot.id}
                  withBorder
                  radius="md"
                  p="sm"
                  aria-label={slot.title}
                  style={selected ? { borderColor: 'var(--mantine-primary-color-filled)' } : undefined}
                >
                  <Stack gap={4}>
                    <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
                      <Text fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
                        {slot.title}
                      </Text>
                      <Text fw={700} size="sm" style={{ whiteSpace: 'nowrap' }}>
                        {formatPaise(slot.pricePaise)}
                      </Text>
                    </Group>
                    <Group gap="xs">
                      <Badge variant="light" color={group ? 'grape' : 'blue'} tt="none" size="sm">
                        {group ? 'Group' : '1-to-1'}
                      </Badge>
                      <Text size="sm" c="dimmed">
                        {slot.local}–{zonedHhmm(slot.endsAt, timeZone)} · {slot.durationMinutes} min
                      </Text>
                    </Group>
                    <Group justify="space-between" gap="xs">
                      <Text size="sm" c={slot.seatsLeft <= 2 ? 'orange.4' : undefined}>
                        {seatsText(slot.seatsLeft)}
                      </Text>
                      <Button
                        size="compact-sm"
                        variant={selected ? 'filled' : 'light'}
                        aria-pressed={selected}
                        aria-label={`Choose ${slot.title}`}
                        onClick={() => onPickSlot(slot)}
                      >
                        {selected ? 'Chosen' : 'Choose'}
                      </Button>
                    </Group>
                  </Stack>
                </Paper>
              );
            })}
          </Stack>
        </Stack>
      ) : null}
    </Stack>
  );
}
