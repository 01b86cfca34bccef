import type { Path } from 'react-hook-form';
import { z } from 'zod';
import { modernTimeZone } from '@/lib/time-zone';
import type { SaveAvailabilityInput } from '../api/save-my-availability';
import { SCHEDULING_LIMITS } from '../rules';
import type { Availability } from '../types';
import { rangesSchema, toMinuteRange, toRangeValue } from './ranges';

/** Monday first, as calendars in India and most of the world print the week; values are Date#getDay numbers. */
export const WEEK_ORDER = [1, 2, 3, 4, 5, 6, 0] as const;

export const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

const lengthValues = ['30', '60'] as const;
const intervalValues = ['15', '30', '60'] as const;

const wholeMinutes = (label: string) =>
  z
    .number(`Enter ${label} in minutes (0 for none)`)
    .int('Whole minutes only')
    .min(0, 'Use 0 for none')
    .max(SCHEDULING_LIMITS.maxBufferMinutes, `At most ${SCHEDULING_LIMITS.maxBufferMinutes} minutes`);

const optionalLimit = (max: number) =>
  z.number().int('Whole bookings only').min(1, 'At least 1, or leave it empty for no limit').max(max, `At most ${max}`).nullable();

/** The availability page's weekly hours and settings, as the form holds them. */
export const availabilityFormSchema = z.object({
  /** Index = weekday (0 = Sunday); each day's ranges in the mentor's zone. */
  days: z.array(z.object({ ranges: rangesSchema })).length(7),
  timeZone: z.string().min(1, 'Choose your time zone'),
  sessionLengths: z.array(z.enum(lengthValues)).min(1, 'Offer at least one session length'),
  bufferBeforeMinutes: wholeMinutes('a buffer'),
  bufferAfterMinutes: wholeMinutes('a buffer'),
  minNoticeHours: z
    .number('Enter the notice in hours (0 for none)')
    .min(0, 'Use 0 for none')
    .max(SCHEDULING_LIMITS.maxNoticeHours, `At most ${SCHEDULING_LIMITS.maxNoticeHours} hours (14 days)`),
  horizonDays: z
    .number('Enter how many days ahead students can book')
    .int('Whole days only')
    .min(1, 'At least 1 day')
    .max(SCHEDULING_LIMITS.maxHorizonDays, `At most ${SCHEDULING_LIMITS.maxHorizonDays} days`),
  slotIntervalMinutes: z.enum(intervalValues),
  dailyLimit: optionalLimit(SCHEDULING_LIMITS.maxDailyLimit),
  weeklyLimit: optionalLimit(SCHEDULING_LIMITS.maxWeeklyLimit),
});

export type AvailabilityFormValues = z.infer<typeof availabilityFormSchema>;

const asLength = (value: number) => (value === 30 ? '30' : '60');
const asInterval = (value: number) => (value === 15 ? '15' : value === 60 ? '60' : '30');

export function formValuesFrom({ settings, weekly }: Availability): AvailabilityFormValues {
  const days = Array.from({ length: 7 }, (_, weekday) => ({
    ranges: weekly
      .filter((rule) => rule.weekday === weekday)
      .sort((a, b) => a.startMinute - b.startMinute)
      .map(toRangeValue),
  }));
  return {
    days,
    // The server may answer with an old alias (Asia/Calcutta); the zone select lists current names.
    timeZone: modernTimeZone(settings.timeZone),
    sessionLengths: settings.sessionLengths.filter((length) => length === 30 || length === 60).map(asLength),
    bufferBeforeMinutes: settings.bufferBeforeMinutes,
    bufferAfterMinutes: settings.bufferAfterMinutes,
    minNoticeHours: settings.minNoticeMinutes / 60,
    horizonDays: settings.horizonDays,
    slotIntervalMinutes: asInterval(settings.slotIntervalMinutes),
    dailyLimit: settings.dailyLimit,
    weeklyLimit: settings.weeklyLimit,
  };
}

/** Settings fields of the request body, by the form field that edits each. */
const settingsFields: Record<keyof SaveAvailabilityInput['settings'], keyof AvailabilityFormValues> = {
  timeZone: 'timeZone',
  sessionLengths: 'sessionLengths',
  bufferBeforeMinutes: 'bufferBeforeMinutes',
  bufferAfterMinutes: 'bufferAfterMinutes',
  minNoticeMinutes: 'minNoticeHours',
  horizonDays: 'horizonDays',
  slotIntervalMinutes: 'slotIntervalMinutes',
  dailyLimit: 'dailyLimit',
  weeklyLimit: 'weeklyLimit',
};

export interface SaveRequest {
  input: SaveAvailabilityInput;
  /**
   * Where a 422's path points on the form: `weekly.N.startMinute` names the N-th entry of the body's
   * flat `weekly` list, which is some weekday's k-th range in the editor.
   */
  formPathOf: (serverPath: string) => string | null;
}

export function toSaveRequest(values: AvailabilityFormValues): SaveRequest {
  const rows: { weekday: number; index: number }[] = [];
  const weekly: SaveAvailabilityInput['weekly'] = [];
  values.days.forEach((day, weekday) =>
    day.ranges.forEach((range, index) => {
      rows.push({ weekday, index });
      weekly.push({ weekday, ...toMinuteRange(range) });
    }),
  );
  const input: SaveAvailabilityInput = {
    settings: {
      timeZone: values.timeZone,
      sessionLengths: values.sessionLengths.map((length) => (length === '30' ? 30 : 60)).sort((a, b) => a - b),
      bufferBeforeMinutes: values.bufferBeforeMinutes,
      bufferAfterMinutes: values.bufferAfterMinutes,
      minNoticeMinutes: Math.round(values.minNoticeHours * 60),
      horizonDays: values.horizonDays,
      slotIntervalMinutes: values.slotIntervalMinutes === '15' ? 15 : values.slotIntervalMinutes === '60' ? 60 : 30,
      dailyLimit: values.dailyLimit,
      weeklyLimit: values.weeklyLimit,
    },
    weekly,
  };
  const formPathOf = (serverPath: string): string | null => {
    const weeklyMatch = /^weekly\.(\d+)(?:\.(\w+))?/.exec(serverPath);
    if (weeklyMatch) {
      const row = rows[Number(weeklyMatch[1])];
      if (!row) return null;
      return `days.${row.weekday}.ranges.${row.index}.${weeklyMatch[2] === 'endMinute' ? 'end' : 'start'}`;
    }
    const settingsMatch = /^settings\.(\w+)/.exec(serverPath);
    if (settingsMatch) return settingsFields[settingsMatch[1] as keyof typeof settingsFields] ?? null;
    return null;
  };
  return { input, formPathOf };
}

/** Every path on the form that can hold an error, for `applyServerErrors`. */
export function formFieldPaths(values: AvailabilityFormValues): Path<AvailabilityFormValues>[] {
  const rangePaths = values.days.flatMap((day, weekday) =>
    day.ranges.flatMap((_, index) => [`days.${weekday}.ranges.${index}.start`, `days.${weekday}.ranges.${index}.end`]),
  );
  return [...new Set(Object.values(settingsFields)), ...rangePaths] as Path<AvailabilityFormValues>[];
}
