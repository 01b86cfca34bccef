import { z } from 'zod';

/** Response shapes of the availability API. Request schemas live next to the call that sends them. */

export const minuteRangeSchema = z.object({
  /** Minutes after local midnight in the mentor's zone, [start, end). */
  startMinute: z.number().int(),
  endMinute: z.number().int(),
});

export type MinuteRange = z.infer<typeof minuteRangeSchema>;

export const availabilitySettingsSchema = z.object({
  timeZone: z.string(),
  sessionLengths: z.array(z.number().int()),
  bufferBeforeMinutes: z.number().int(),
  bufferAfterMinutes: z.number().int(),
  minNoticeMinutes: z.number().int(),
  horizonDays: z.number().int(),
  slotIntervalMinutes: z.number().int(),
  dailyLimit: z.number().int().nullable(),
  weeklyLimit: z.number().int().nullable(),
});

export type AvailabilitySettings = z.infer<typeof availabilitySettingsSchema>;

export const weeklyRuleSchema = minuteRangeSchema.extend({
  /** 0 = Sunday … 6 = Saturday. */
  weekday: z.number().int().min(0).max(6),
});

export type WeeklyRule = z.infer<typeof weeklyRuleSchema>;

export const dateOverrideSchema = z.object({
  id: z.string(),
  /** Inclusive local dates in the mentor's zone, YYYY-MM-DD. */
  startDate: z.string(),
  endDate: z.string(),
  ranges: z.array(minuteRangeSchema),
  /** No ranges: the dates are blocked (a day off, or a vacation over several days). */
  blocked: z.boolean(),
  note: z.string().nullable(),
});

export type DateOverride = z.infer<typeof dateOverrideSchema>;

export const availabilitySchema = z.object({
  settings: availabilitySettingsSchema,
  weekly: z.array(weeklyRuleSchema),
  overrides: z.array(dateOverrideSchema),
});

export type Availability = z.infer<typeof availabilitySchema>;

export const slotKinds = ['one_to_one', 'group'] as const;

export const slotSchema = z.object({
  id: z.string(),
  kind: z.enum(slotKinds),
  title: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  durationMinutes: z.number().int(),
  capacity: z.number().int(),
  seatsTaken: z.number().int(),
  seatsLeft: z.number().int(),
  pricePaise: z.number().int(),
  status: z.enum(['published', 'cancelled']),
});

export type Slot = z.infer<typeof slotSchema>;

export const publicSlotSchema = slotSchema.extend({
  /** Start on the viewer's clock, "HH:mm", and the viewer's date it falls on. */
  local: z.string(),
  localDate: z.string(),
});

export type PublicSlot = z.infer<typeof publicSlotSchema>;

export const bookableTimeSchema = z.object({
  /** UTC instant, ISO-8601. */
  startsAt: z.string(),
  /** The same instant on the viewer's clock, "HH:mm". */
  local: z.string(),
});

export type BookableTime = z.infer<typeof bookableTimeSchema>;

export const publicAvailabilitySchema = z.object({
  timeZone: z.string(),
  mentorTimeZone: z.string(),
  durationMinutes: z.number().int(),
  /** Only dates that have at least one free time, by the viewer's calendar. */
  days: z.array(z.object({ date: z.string(), times: z.array(bookableTimeSchema) })),
  groupSlots: z.array(publicSlotSchema),
});

export type PublicAvailability = z.infer<typeof publicAvailabilitySchema>;
