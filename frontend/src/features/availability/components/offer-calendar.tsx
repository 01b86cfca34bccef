import { Indicator } from '@mantine/core';
import { Calendar } from '@mantine/dates';
import { formatCalendarDate } from '@/lib/time-zone-clock';
import { monthOf, type DayOffer } from '../utils/booking-calendar';

function dayLabel(date: string, day: DayOffer | undefined): string {
  const parts = [formatCalendarDate(date)];
  if (!day) parts.push('no free times');
  else {
    if (day.times.length > 0) parts.push(day.times.length === 1 ? '1 free time' : `${day.times.length} free times`);
    if (day.slots.length > 0) parts.push(day.slots.length === 1 ? '1 session' : `${day.slots.length} sessions`);
  }
  return parts.join(', ');
}

export interface OfferCalendarProps {
  /** The first date of the month on screen. */
  month: string;
  onMonthChange: (month: string) => void;
  today: string;
  lastDate: string;
  byDate: Map<string, DayOffer>;
  activeDate: string | null;
  onPickDate: (date: string) => void;
  busy: boolean;
}

/** A month with the days that have free times (teal) or only sessions (grape) marked; other days can't be picked. */
export function OfferCalendar({ month, onMonthChange, today, lastDate, byDate, activeDate, onPickDate, busy }: OfferCalendarProps) {
  return (
    <Calendar
      date={month}
      onDateChange={(date) => onMonthChange(monthOf(date))}
      minDate={today}
      maxDate={lastDate}
      maxLevel="month"
      hideOutsideDates
      fullWidth
      weekendDays={[]}
      previousLabel="Previous month"
      nextLabel="Next month"
      aria-busy={busy}
      getDayAriaLabel={(date) => dayLabel(date, byDate.get(date))}
      excludeDate={(date) => !byDate.has(date)}
      getDayProps={(date) => ({ selected: date === activeDate, onClick: () => onPickDate(date) })}
      renderDay={(date) => {
        const day = byDate.get(date);
        return (
          <Indicator size={5} offset={-4} position="bottom-center" color={day && day.times.length === 0 ? 'grape.4' : 'teal.4'} disabled={!day}>
            <div>{Number(date.slice(8))}</div>
          </Indicator>
        );
      }}
    />
  );
}
