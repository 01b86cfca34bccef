import { useMemo, useState } from 'react';
import { addDays, todayIn } from '@/lib/time-zone-clock';
import { useMentorAvailability } from '../api/get-mentor-availability';
import type { OfferCalendarProps } from '../components/offer-calendar';
import type { PublicAvailability } from '../types';
import { addMonths, monthOf, monthWindow, type DayOffer } from '../utils/booking-calendar';

/** How far ahead the calendar goes; no mentor's booking horizon is longer (backend: at most 90 days). */
const MAX_AHEAD_DAYS = 90;

export interface OfferMonthOptions {
  slug: string;
  /** The viewer's zone: dates and times are on its clocks. */
  timeZone: string;
  durationMinutes: 30 | 60;
  enabled: boolean;
  /** The answer as the calendar's days; a stable function (module level), as it is a memo's dependency. */
  toDays: (availability: PublicAvailability) => Map<string, DayOffer>;
}

/**
 * One month of a mentor's public availability for an OfferCalendar: the month on screen, the day
 * picked (or else the month's first day with anything on it, so times show without a click), and the
 * month after it, while that is within the calendar's reach.
 */
export function useOfferMonth({ slug, timeZone, durationMinutes, enabled, toDays }: OfferMonthOptions) {
  const today = todayIn(timeZone);
  const [month, setMonth] = useState(() => monthOf(today));
  const [pickedDate, setPickedDate] = useState<string | null>(null);
  const range = monthWindow(month, today);
  const availability = useMentorAvailability(
    { slug, from: range?.from ?? today, to: range?.to ?? today, durationMinutes, timeZone },
    { enabled: enabled && range !== null },
  );
  const byDate = useMemo(() => (availability.data ? toDays(availability.data) : new Map<string, DayOffer>()), [availability.data, toDays]);
  const firstDate = byDate.keys().next().value ?? null;
  const activeDate = pickedDate && byDate.has(pickedDate) ? pickedDate : firstDate;
  const activeDay = activeDate ? byDate.get(activeDate) : undefined;
  const lastDate = addDays(today, MAX_AHEAD_DAYS);
  const nextMonth = addMonths(month, 1);

  const calendar: Omit<OfferCalendarProps, 'onMonthChange' | 'onPickDate'> = {
    month,
    today,
    lastDate,
    byDate,
    activeDate,
    busy: availability.isFetching,
  };
  return {
    availability,
    activeDay,
    /** What OfferCalendar shows; the caller adds what a month change and a picked day do. */
    calendar,
    setMonth,
    pickDate: setPickedDate,
    /** The month after the one on screen, or null past the calendar's reach. */
    nextMonth: nextMonth <= lastDate ? nextMonth : null,
  };
}

export type OfferMonth = ReturnType<typeof useOfferMonth>;
