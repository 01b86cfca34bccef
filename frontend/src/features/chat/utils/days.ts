import { addDays, formatCalendarDate, todayIn, zonedParts } from '@/lib/time-zone-clock';

/** The calendar date (YYYY-MM-DD) an instant falls on in `timeZone`. */
export const dayOf = (instant: string, timeZone: string): string => zonedParts(instant, timeZone).date;

/** A day separator's words: "Today", "Yesterday", or "Tue, 3 Nov, 2026", on the viewer's calendar. */
export function dayLabel(date: string, timeZone: string, now: Date = new Date()): string {
  const today = todayIn(timeZone, now);
  if (date === today) return 'Today';
  if (date === addDays(today, -1)) return 'Yesterday';
  return formatCalendarDate(date, 'medium');
}

/** Items grouped by the day they fall on in `timeZone`, in their order. */
export function groupByDay<T>(items: readonly T[], instantOf: (item: T) => string, timeZone: string): { date: string; items: T[] }[] {
  const groups: { date: string; items: T[] }[] = [];
  for (const item of items) {
    const date = dayOf(instantOf(item), timeZone);
    const last = groups.at(-1);
    if (last && last.date === date) last.items.push(item);
    else groups.push({ date, items: [item] });
  }
  return groups;
}

/** The list's time of a conversation's last message: "14:05" today, "Yesterday", "Mon, 2 Nov" this year, else with the year. */
export function listTime(instant: string, timeZone: string, now: Date = new Date()): string {
  const { date, minuteOfDay } = zonedParts(instant, timeZone);
  const today = todayIn(timeZone, now);
  if (date === today) return `${String(Math.floor(minuteOfDay / 60)).padStart(2, '0')}:${String(minuteOfDay % 60).padStart(2, '0')}`;
  if (date === addDays(today, -1)) return 'Yesterday';
  return formatCalendarDate(date, date.slice(0, 4) === today.slice(0, 4) ? 'short' : 'medium');
}
