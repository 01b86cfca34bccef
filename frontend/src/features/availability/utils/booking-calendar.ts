import { addDays } from '@/lib/time-zone-clock';
import type { BookableTime, PublicAvailability, PublicSlot } from '../types';

/** What a student can book on one of their calendar dates. */
export interface DayOffer {
  date: string;
  /** Free start times for the chosen length, earliest first. */
  times: BookableTime[];
  /** Open specific-date slots (group or 1-to-1) starting that day, earliest first. */
  slots: PublicSlot[];
}

/** The answer regrouped by the viewer's date, free times and open slots side by side. */
export function groupByDate(availability: PublicAvailability): Map<string, DayOffer> {
  const byDate = new Map<string, DayOffer>();
  const dayOf = (date: string) => {
    let day = byDate.get(date);
    if (!day) {
      day = { date, times: [], slots: [] };
      byDate.set(date, day);
    }
    return day;
  };
  for (const day of availability.days) {
    if (day.times.length > 0) dayOf(day.date).times.push(...day.times);
  }
  for (const slot of availability.groupSlots) {
    if (slot.seatsLeft > 0) dayOf(slot.localDate).slots.push(slot);
  }
  for (const day of byDate.values()) {
    day.times.sort((a, b) => a.startsAt.localeCompare(b.startsAt));
    day.slots.sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  }
  return new Map([...byDate.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

/** The first date of the month `date` falls in: "2026-11-25" → "2026-11-01". */
export const monthOf = (date: string) => `${date.slice(0, 7)}-01`;

/** The first date of the month `months` after (or before) `month`. */
export function addMonths(month: string, months: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + months;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

/**
 * The dates to ask for when a month is on screen: from the later of its first day and today, to
 * its last day. Null for a month that is entirely past.
 */
export function monthWindow(month: string, today: string): { from: string; to: string } | null {
  const to = addDays(addMonths(month, 1), -1);
  const from = month > today ? month : today;
  return from > to ? null : { from, to };
}
