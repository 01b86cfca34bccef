import { z } from 'zod';
import { timeZoneSchema } from '../users/users.schemas.js';

/** Scheduling rules in one place (PRODUCT.md §3); an admin may tune these later. */
export const SCHEDULING_RULES = {
  sessionLengths: [30, 60] as const,
  maxWindowDays: 62,
  minPricePaise: 100_00,
  maxPricePaise: 1_00_000_00,
  groupCapacity: { min: 2, max: 20 },
  slotDurations: [30, 45, 60, 90, 120] as const,
} as const;

const minuteOfDay = z.number('Use minutes after midnight').int('Whole minutes only').min(0, 'Minutes start at 0').max(1440, 'At most 1440 (midnight)');

const hhmmRange = z
  .object({ startMinute: minuteOfDay, endMinute: minuteOfDay })
  .strict()
  .refine((r) => r.endMinute > r.startMinute, { message: 'The end must be after the start', path: ['endMinute'] });

/** Ranges of one day must not overlap; the offending index is named. */
function noOverlaps(ranges: { startMinute: number; endMinute: number }[], ctx: z.RefinementCtx, pathOf: (i: number) => PropertyKey[]) {
  const sorted = ranges.map((r, i) => ({ ...r, i })).sort((a, b) => a.startMinute - b.startMinute);
  for (let k = 1; k < sorted.length; k++) {
    if (sorted[k]!.startMinute < sorted[k - 1]!.endMinute) {
      ctx.addIssue({ code: 'custom', path: pathOf(sorted[k]!.i), message: 'This range overlaps another range on the same day' });
    }
  }
}

export const weeklyRuleSchema = z
  .object({ weekday: z.number().int().min(0, 'Weekday is 0 (Sunday) to 6 (Saturday)').max(6, 'Weekday is 0 (Sunday) to 6 (Saturday)'), startMinute: minuteOfDay, endMinute: minuteOfDay })
  .strict()
  .refine((r) => r.endMinute > r.startMinute, { message: 'The end must be after the start', path: ['endMinute'] });

export const availabilitySettingsSchema = z
  .object({
    timeZone: timeZoneSchema,
    sessionLengths: z
      .array(z.union([z.literal(30), z.literal(60)], 'Session lengths are 30 or 60 minutes'))
      .min(1, 'Offer at least one session length')
      .refine((l) => new Set(l).size === l.length, 'Each length once'),
    bufferBeforeMinutes: z.number().int().min(0).max(120, 'At most 120 minutes'),
    bufferAfterMinutes: z.number().int().min(0).max(120, 'At most 120 minutes'),
    minNoticeMinutes: z.number().int().min(0).max(20160, 'At most 14 days'),
    horizonDays: z.number().int().min(1, 'At least 1 day').max(90, 'At most 90 days'),
    slotIntervalMinutes: z.union([z.literal(15), z.literal(30), z.literal(60)], 'Start times every 15, 30 or 60 minutes'),
    dailyLimit: z.number().int().min(1, 'At least 1 (or none)').max(48).nullable(),
    weeklyLimit: z.number().int().min(1, 'At least 1 (or none)').max(200).nullable(),
  })
  .strict();

export const putAvailabilitySchema = z
  .object({ settings: availabilitySettingsSchema, weekly: z.array(weeklyRuleSchema).max(50, 'At most 50 weekly ranges') })
  .strict()
  .superRefine((value, ctx) => {
    for (let day = 0; day <= 6; day++) {
      const indexes = value.weekly.map((r, i) => ({ r, i })).filter(({ r }) => r.weekday === day);
      noOverlaps(
        indexes.map(({ r }) => r),
        ctx,
        (k) => ['weekly', indexes[k]!.i, 'startMinute'],
      );
    }
  })
  .meta({ id: 'PutAvailability' });

const isoDate = z.iso.date('Use a date like 2026-12-31');

export const overrideInputSchema = z
  .object({
    startDate: isoDate,
    endDate: isoDate.optional(),
    /** Empty or missing: the dates are blocked (a day off or a vacation). */
    ranges: z.array(hhmmRange).max(10).default([]),
    note: z.string().trim().max(200).optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.endDate && value.endDate < value.startDate) ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'The end date must not be before the start date' });
    noOverlaps(value.ranges, ctx, (i) => ['ranges', i, 'startMinute']);
  })
  .meta({ id: 'AvailabilityOverrideInput' });

export const overrideSchema = z
  .object({ id: z.uuid(), startDate: z.string(), endDate: z.string(), ranges: z.array(z.object({ startMinute: z.number(), endMinute: z.number() })), blocked: z.boolean(), note: z.string().nullable() })
  .meta({ id: 'AvailabilityOverride' });

export const availabilitySchema = z
  .object({
    settings: z.object({
      timeZone: z.string(),
      sessionLengths: z.array(z.number().int()),
      bufferBeforeMinutes: z.number().int(),
      bufferAfterMinutes: z.number().int(),
      minNoticeMinutes: z.number().int(),
      horizonDays: z.number().int(),
      slotIntervalMinutes: z.number().int(),
      dailyLimit: z.number().int().nullable(),
      weeklyLimit: z.number().int().nullable(),
    }),
    weekly: z.array(z.object({ weekday: z.number().int(), startMinute: z.number().int(), endMinute: z.number().int() })),
    overrides: z.array(overrideSchema),
  })
  .meta({ id: 'Availability' });

const slotFields = {
  startsAt: z.iso.datetime({ offset: true, message: 'Use an ISO date-time, e.g. 2026-12-01T18:00:00Z' }).transform((v) => new Date(v)),
  durationMinutes: z
    .number('Duration is a number of minutes')
    .int()
    .refine((d) => (SCHEDULING_RULES.slotDurations as readonly number[]).includes(d), 'Duration is 30, 45, 60, 90 or 120 minutes'),
  capacity: z.number('Capacity is a number').int().min(1, 'Capacity is 1 (1-to-1) or 2–20 (group)').max(SCHEDULING_RULES.groupCapacity.max, 'A group holds at most 20 people'),
  title: z.string().trim().min(3, 'Give the session a title (at least 3 characters)').max(120),
  pricePaise: z.number('Enter a price in paise').int('Whole paise only').min(SCHEDULING_RULES.minPricePaise, 'Price must be at least ₹100').max(SCHEDULING_RULES.maxPricePaise, 'Price must be at most ₹1,00,000'),
};

export const createSlotSchema = z.object(slotFields).strict().meta({ id: 'CreateSlot' });
export const updateSlotSchema = z.object(slotFields).partial().strict().meta({ id: 'UpdateSlot' });
export type CreateSlotInput = z.infer<typeof createSlotSchema>;
export type UpdateSlotInput = z.infer<typeof updateSlotSchema>;

export const slotSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(['one_to_one', 'group']),
    title: z.string(),
    startsAt: z.iso.datetime(),
    endsAt: z.iso.datetime(),
    durationMinutes: z.number().int(),
    capacity: z.number().int(),
    seatsTaken: z.number().int(),
    seatsLeft: z.number().int(),
    pricePaise: z.number().int(),
    status: z.enum(['published', 'cancelled']),
  })
  .meta({ id: 'Slot' });

const dateOrDateTime = z.union([z.iso.date(), z.iso.datetime({ offset: true })], 'Use a date (2026-12-01) or an ISO date-time');

export const publicAvailabilityQuery = z
  .object({
    from: dateOrDateTime,
    to: dateOrDateTime,
    durationMinutes: z.coerce.number('durationMinutes must be a number').int().refine((d) => d === 30 || d === 60, 'durationMinutes is 30 or 60'),
    timeZone: timeZoneSchema.default('UTC'),
  })
  .strict();

export const publicAvailabilitySchema = z
  .object({
    timeZone: z.string(),
    mentorTimeZone: z.string(),
    durationMinutes: z.number().int(),
    days: z.array(z.object({ date: z.string(), times: z.array(z.object({ startsAt: z.iso.datetime(), local: z.string() })) })),
    groupSlots: z.array(slotSchema.extend({ local: z.string(), localDate: z.string() })),
  })
  .meta({ id: 'PublicAvailability' });
