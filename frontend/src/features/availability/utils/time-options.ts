import { minutesToHhmm } from '@/lib/time-zone-clock';
import { TIME_STEP_MINUTES } from '../rules';

export interface TimeOption {
  value: string;
  label: string;
}

const MINUTES_PER_DAY = 1440;

function optionsBetween(first: number, last: number): TimeOption[] {
  const options: TimeOption[] = [];
  for (let minute = first; minute <= last; minute += TIME_STEP_MINUTES) {
    const value = minutesToHhmm(minute);
    options.push({ value, label: minute === MINUTES_PER_DAY ? '24:00 (midnight)' : value });
  }
  return options;
}

/** Start times of a range: 00:00 … 23:45. */
export const startTimeOptions: TimeOption[] = optionsBetween(0, MINUTES_PER_DAY - TIME_STEP_MINUTES);

/** End times of a range: 00:15 … 24:00, the end of the day. */
export const endTimeOptions: TimeOption[] = optionsBetween(TIME_STEP_MINUTES, MINUTES_PER_DAY);

/** A value an option list doesn't hold (set on the server, off the 15-minute grid) still shows. */
export function withValue(options: TimeOption[], value: string | null | undefined): TimeOption[] {
  if (!value || options.some((option) => option.value === value)) return options;
  return [...options, { value, label: value }].sort((a, b) => a.value.localeCompare(b.value));
}
