import { Alert, Stack } from '@mantine/core';
import { useOfferMonth } from '../hooks/use-offer-month';
import type { PublicAvailability } from '../types';
import type { DayOffer } from '../utils/booking-calendar';
import { OfferCalendar } from './offer-calendar';
import { OfferDayPanel } from './offer-day-panel';

export interface FreeTimePickerProps {
  slug: string;
  durationMinutes: number;
  /** The viewer's zone: dates and times are on its clocks. */
  timeZone: string;
  /** The chosen start (UTC ISO), if any. */
  value: string | null;
  onChange: (startsAt: string | null) => void;
}

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
  const length = durationMinutes === 30 || durationMinutes === 60 ? durationMinutes : null;
  const offers = useOfferMonth({ slug, timeZone, durationMinutes: length ?? 60, enabled: length !== null, toDays: timesByDate });

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
        {...offers.calendar}
        onMonthChange={(next) => {
          offers.setMonth(next);
          onChange(null);
        }}
        onPickDate={(date) => {
          offers.pickDate(date);
          onChange(null);
        }}
      />
      <OfferDayPanel
        offers={offers}
        skeletonRows={1}
        durationMinutes={length}
        timeZone={timeZone}
        selectedStartsAt={value}
        selectedSlotId={null}
        onPickTime={onChange}
        onPickSlot={() => undefined}
      />
    </Stack>
  );
}
