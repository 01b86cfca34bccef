import { Alert, Button, Group, Skeleton, Stack, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import { ErrorState } from '@/components/error-state';
import { addDays, todayIn } from '@/lib/time-zone-clock';
import { useMentorAvailability } from '../api/get-mentor-availability';
import type { PublicAvailability } from '../types';
import { addMonths, monthOf, monthWindow, type DayOffer } from '../utils/booking-calendar';
import { BookingDay } from './booking-day';
import { OfferCalendar } from './offer-calendar';

export interface FreeTimePickerProps {
  slug: string;
  durationMinutes: number;
  /** The viewer's zone: dates and times are on its clocks. */
  timeZone: string;
  /** The chosen start (UTC ISO), if any. */
  value: string | null;
  onChange: (startsAt: string | null) => void;
}

/** How far ahead the calendar goes; no mentor's booking horizon is longer (backend: at most 90 days). */
const MAX_AHEAD_DAYS = 90;

/** Only the free 1-to-1 start times, by the viewer's date: moving a booking never lands in a slot. */
function timesByDate(availability: PublicAvailability): Map<string, DayOffer> {
  const days = availability.days
    .filter((day) => day.times.length > 0)
    .map((day): DayOffer => ({ date: day.date, times: [...day.times].sort((a, b) => a.startsAt.localeCompare(b.startsAt)), slots: [] }))
    .sort((a, b) => a.date.localeCompare(b.date));
  return new Map(days.map((day) => [day.date, day]));
}

/**
 * A month of a mentor's free start times for one session length, from their public availability,
 * to pick a single start: what rescheduling a booking needs.
 */
export function FreeTimePicker({ slug, durationMinutes, timeZone, value, onChange }: FreeTimePickerProps) {
  const today = todayIn(timeZone);
  const [month, setMonth] = useState(() => monthOf(today));
  const [pickedDate, setPickedDate] = useState<string | null>(null);
  const length = durationMinutes === 30 || durationMinutes === 60 ? durationMinutes : null;
  const range = monthWindow(month, today);
  const availability = useMentorAvailability(
    { slug, from: range?.from ?? today, to: range?.to ?? today, durationMinutes: length ?? 60, timeZone },
    { enabled: length !== null && range !== null },
  );
  const byDate = useMemo(() => (availability.data ? timesByDate(availability.data) : new Map<string, DayOffer>()), [availability.data]);
  const firstDate = byDate.keys().next().value ?? null;
  const activeDate = pickedDate && byDate.has(pickedDate) ? pickedDate : firstDate;
  const activeDay = activeDate ? byDate.get(activeDate) : undefined;
  const lastDate = addDays(today, MAX_AHEAD_DAYS);
  const nextMonth = addMonths(month, 1);

  if (length === null) {
    return (
      <Alert color="yellow" variant="light" title="Can’t pick a time here">
        Only 30- and 60-minute sessions can be moved online. Message the mentor to find another time.
      </Alert>
    );
  }

  return (
    <Stack gap="md">
      <OfferCalendar
        month={month}
        onMonthChange={(next) => {
          setMonth(next);
          onChange(null);
        }}
        today={today}
        lastDate={lastDate}
        byDate={byDate}
        activeDate={activeDate}
        onPickDate={(date) => {
          setPickedDate(date);
          onChange(null);
        }}
        busy={availability.isFetching}
      />
      {availability.isError ? (
        <ErrorState title="Couldn't load free times" message={availability.error.message} onRetry={() => void availability.refetch()} />
      ) : availability.isPending ? (
        <Stack gap={8} role="status" aria-label="Loading free times">
          <Skeleton height={18} width="60%" />
          <Group gap={8} grow>
            <Skeleton height={36} />
            <Skeleton height={36} />
            <Skeleton height={36} />
          </Group>
        </Stack>
      ) : !activeDay ? (
        <Stack gap="xs" align="center" ta="center" py="sm">
          <Text fw={600}>No free times in this month — try next month</Text>
          {nextMonth <= lastDate ? (
            <Button variant="light" onClick={() => setMonth(nextMonth)}>
              Show {new Intl.DateTimeFormat('en-IN', { month: 'long', timeZone: 'UTC' }).format(new Date(`${nextMonth}T00:00:00Z`))}
            </Button>
          ) : null}
        </Stack>
      ) : (
        <BookingDay
          day={activeDay}
          durationMinutes={length}
          timeZone={timeZone}
          selectedStartsAt={value}
          selectedSlotId={null}
          onPickTime={onChange}
          onPickSlot={() => undefined}
        />
      )}
    </Stack>
  );
}
