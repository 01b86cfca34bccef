/**
 * The scheduling limits the server enforces (backend availability.schemas.ts, SCHEDULING_RULES),
 * mirrored so forms can say what's wrong before a round trip. The server stays the judge.
 */
export const SCHEDULING_LIMITS = {
  sessionLengths: [30, 60] as const,
  slotIntervals: [15, 30, 60] as const,
  maxBufferMinutes: 120,
  maxNoticeHours: 14 * 24,
  maxHorizonDays: 90,
  maxDailyLimit: 48,
  maxWeeklyLimit: 200,
  slotDurations: [30, 45, 60, 90, 120] as const,
  groupCapacity: { min: 2, max: 20 },
  minPricePaise: 100_00,
  maxPricePaise: 1_00_000_00,
  /** The public availability endpoint answers at most this many days at once. */
  maxWindowDays: 62,
} as const;

/** Editors offer times of day in these steps. */
export const TIME_STEP_MINUTES = 15;
