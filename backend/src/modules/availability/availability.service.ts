import { TZDate } from '@date-fns/tz';
import { and, asc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import { lockDue } from '../../db/claim.js';
import type { Db } from '../../db/client.js';
import { inTransaction } from '../../db/transaction.js';
import { PG_EXCLUSION_VIOLATION, pgErrorCode, retryOnTransientConflict } from '../../lib/db-errors.js';
import { type AppError, conflict, invalidField, notFound } from '../../lib/errors.js';
import { TtlCache } from '../../lib/ttl-cache.js';
import { mentorCards, mentorScheduling, updateMentorProfile } from '../mentors/mentors.service.js';
import type { CreateSlotInput, UpdateSlotInput } from './availability.schemas.js';
import { availabilitySettings, dateOverrides, occupancies, slots, weeklyRules, type LocalRange } from './availability.tables.js';
import { addDays, bookableTimes, localDateOf, ZoneCalendar, type DateOverride, type EngineSettings, type Vacation, type WeeklyRule } from './engine.js';
import { clock } from '../../lib/clock.js';

type SettingsRow = typeof availabilitySettings.$inferSelect;
type SlotRow = typeof slots.$inferSelect;

const DEFAULT_SETTINGS = {
  sessionLengths: [30, 60],
  bufferBeforeMinutes: 0,
  bufferAfterMinutes: 0,
  minNoticeMinutes: 12 * 60,
  horizonDays: 28,
  slotIntervalMinutes: 30,
  dailyLimit: null,
  weeklyLimit: null,
};

const toMinutes = (d: Date) => Math.floor(d.getTime() / 60_000);
const fromMinutes = (m: number) => new Date(m * 60_000);
const rangeLiteral = (start: Date, end: Date) => `[${start.toISOString()},${end.toISOString()})`;

/** The settings row, created with defaults (and the profile's time zone) the first time it is needed. */
async function ensureSettings(db: Db, mentorId: string): Promise<SettingsRow> {
  const [existing] = await db.select().from(availabilitySettings).where(eq(availabilitySettings.mentorId, mentorId));
  if (existing) return existing;
  const mentor = await mentorScheduling(db, mentorId);
  await db.insert(availabilitySettings).values({ mentorId, timeZone: mentor.timeZone, ...DEFAULT_SETTINGS }).onConflictDoNothing();
  const [row] = await db.select().from(availabilitySettings).where(eq(availabilitySettings.mentorId, mentorId));
  return row!;
}

const settingsDto = (s: SettingsRow) => ({
  timeZone: s.timeZone,
  sessionLengths: s.sessionLengths,
  bufferBeforeMinutes: s.bufferBeforeMinutes,
  bufferAfterMinutes: s.bufferAfterMinutes,
  minNoticeMinutes: s.minNoticeMinutes,
  horizonDays: s.horizonDays,
  slotIntervalMinutes: s.slotIntervalMinutes,
  dailyLimit: s.dailyLimit,
  weeklyLimit: s.weeklyLimit,
});

const overrideDto = (o: typeof dateOverrides.$inferSelect) => ({
  id: o.id,
  startDate: o.startDate,
  endDate: o.endDate,
  ranges: o.ranges,
  blocked: o.ranges.length === 0,
  note: o.note,
});

export async function getAvailability(db: Db, mentorId: string) {
  const settings = await ensureSettings(db, mentorId);
  const [weekly, overrides] = await Promise.all([
    db.select().from(weeklyRules).where(eq(weeklyRules.mentorId, mentorId)).orderBy(asc(weeklyRules.weekday), asc(weeklyRules.startMinute)),
    db.select().from(dateOverrides).where(eq(dateOverrides.mentorId, mentorId)).orderBy(asc(dateOverrides.startDate)),
  ]);
  return {
    settings: settingsDto(settings),
    weekly: weekly.map(({ weekday, startMinute, endMinute }) => ({ weekday, startMinute, endMinute })),
    overrides: overrides.map(overrideDto),
  };
}

export interface PutAvailabilityInput {
  settings: Omit<SettingsRow, 'mentorId' | 'updatedAt'>;
  weekly: WeeklyRule[];
}

/** Replaces the weekly hours and settings in one transaction; the profile's time zone follows. */
export async function putAvailability(db: Db, mentorId: string, input: PutAvailabilityInput) {
  await inTransaction(db, async (tx) => {
    await ensureSettings(tx, mentorId);
    await tx.update(availabilitySettings).set({ ...input.settings, updatedAt: clock.now() }).where(eq(availabilitySettings.mentorId, mentorId));
    await tx.delete(weeklyRules).where(eq(weeklyRules.mentorId, mentorId));
    if (input.weekly.length) await tx.insert(weeklyRules).values(input.weekly.map((r) => ({ mentorId, ...r })));
    await updateMentorProfile(tx, mentorId, { timeZone: input.settings.timeZone });
  });
  invalidateAvailability(db);
  return getAvailability(db, mentorId);
}

export async function addOverride(db: Db, mentorId: string, input: { startDate: string; endDate?: string | undefined; ranges: LocalRange[]; note?: string | undefined }, now = clock.now()) {
  const settings = await ensureSettings(db, mentorId);
  const today = localDateOf(toMinutes(now), settings.timeZone);
  if (input.startDate < today) throw invalidField('startDate', 'The date is in the past');
  try {
    const [row] = await retryOnTransientConflict(() =>
      db
        .insert(dateOverrides)
        .values({ mentorId, startDate: input.startDate, endDate: input.endDate ?? input.startDate, ranges: input.ranges, note: input.note ?? null })
        .returning(),
    );
    invalidateAvailability(db);
    return overrideDto(row!);
  } catch (error) {
    if (pgErrorCode(error) === PG_EXCLUSION_VIOLATION) throw conflict('override_overlap', 'Another override already covers one of these dates');
    throw error;
  }
}

export async function deleteOverride(db: Db, mentorId: string, id: string): Promise<void> {
  const rows = await db.delete(dateOverrides).where(and(eq(dateOverrides.id, id), eq(dateOverrides.mentorId, mentorId))).returning({ id: dateOverrides.id });
  if (rows.length === 0) throw notFound('Override');
  invalidateAvailability(db);
}

// ---- slots ---------------------------------------------------------------------------------------------

export function slotDto(row: SlotRow) {
  return {
    id: row.id,
    kind: row.capacity === 1 ? ('one_to_one' as const) : ('group' as const),
    title: row.title,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    durationMinutes: Math.round((row.endsAt.getTime() - row.startsAt.getTime()) / 60_000),
    capacity: row.capacity,
    seatsTaken: row.seatsTaken,
    seatsLeft: row.capacity - row.seatsTaken,
    pricePaise: row.pricePaise,
    status: row.status,
  };
}

function assertSlotTime(settings: SettingsRow, startsAt: Date, now: Date): void {
  if (startsAt.getTime() <= now.getTime()) throw invalidField('startsAt', 'The slot must start in the future');
  if (startsAt.getTime() > now.getTime() + settings.horizonDays * 86_400_000) {
    throw invalidField('startsAt', `The slot must start within your booking horizon (${settings.horizonDays} days)`);
  }
}

type Buffers = Pick<SettingsRow, 'bufferBeforeMinutes' | 'bufferAfterMinutes'>;

const occupiedRange = (buffers: Buffers, startsAt: Date, endsAt: Date) =>
  rangeLiteral(new Date(startsAt.getTime() - buffers.bufferBeforeMinutes * 60_000), new Date(endsAt.getTime() + buffers.bufferAfterMinutes * 60_000));

/**
 * Every write that adds or moves a mentor's occupied time takes this lock first (in its transaction). Racers for
 * one mentor then queue here instead of deadlocking inside the exclusion constraint's checks; the constraint still
 * decides who wins.
 */
const mentorTimeLock = (mentorId: string) => sql`select pg_advisory_xact_lock(hashtext(${`occupancy:${mentorId}`}))`;

async function lockMentorTime(tx: Db, mentorId: string): Promise<void> {
  await tx.execute(mentorTimeLock(mentorId));
}

/**
 * Runs work that inserts or moves occupations, retrying a transient conflict; an overlap (23P01, the one and only
 * arbiter of overlaps, races included) becomes the given 409. Cached availability is forgotten either way.
 */
async function translateOverlap<T>(db: Db, work: () => Promise<T>, overlap: () => AppError): Promise<T> {
  try {
    return await retryOnTransientConflict(work);
  } catch (error) {
    if (pgErrorCode(error) === PG_EXCLUSION_VIOLATION) throw overlap();
    throw error;
  } finally {
    invalidateAvailability(db);
  }
}

const slotOverlap = () => conflict('slot_overlap', 'This time overlaps another slot or booking of yours');

export async function createSlot(db: Db, mentorId: string, input: CreateSlotInput, now = clock.now()) {
  const settings = await ensureSettings(db, mentorId);
  assertSlotTime(settings, input.startsAt, now);
  const endsAt = new Date(input.startsAt.getTime() + input.durationMinutes * 60_000);
  return translateOverlap(
    db,
    () =>
      inTransaction(db, async (tx) => {
        await lockMentorTime(tx, mentorId);
        const [row] = await tx
          .insert(slots)
          .values({ mentorId, startsAt: input.startsAt, endsAt, capacity: input.capacity, title: input.title, pricePaise: input.pricePaise })
          .returning();
        await tx.insert(occupancies).values({ mentorId, occupied: occupiedRange(settings, input.startsAt, endsAt), startsAt: input.startsAt, kind: 'slot', sourceId: row!.id });
        return slotDto(row!);
      }),
    slotOverlap,
  );
}

async function lockOwnSlot(tx: Db, mentorId: string, id: string): Promise<SlotRow> {
  const [row] = await tx.select().from(slots).where(and(eq(slots.id, id), eq(slots.mentorId, mentorId))).for('update');
  if (!row) throw notFound('Slot');
  if (row.seatsTaken > 0) throw conflict('slot_has_bookings', 'People have booked this slot; it can only be cancelled');
  return row;
}

export async function updateSlot(db: Db, mentorId: string, id: string, patch: UpdateSlotInput, now = clock.now()) {
  const settings = await ensureSettings(db, mentorId);
  return translateOverlap(
    db,
    () =>
      inTransaction(db, async (tx) => {
        await lockMentorTime(tx, mentorId);
        const current = await lockOwnSlot(tx, mentorId, id);
        const startsAt = patch.startsAt ?? current.startsAt;
        const duration = patch.durationMinutes ?? Math.round((current.endsAt.getTime() - current.startsAt.getTime()) / 60_000);
        const endsAt = new Date(startsAt.getTime() + duration * 60_000);
        if (patch.startsAt) assertSlotTime(settings, startsAt, now);
        const [row] = await tx
          .update(slots)
          .set({ startsAt, endsAt, capacity: patch.capacity ?? current.capacity, title: patch.title ?? current.title, pricePaise: patch.pricePaise ?? current.pricePaise })
          .where(eq(slots.id, id))
          .returning();
        await tx
          .update(occupancies)
          .set({ occupied: occupiedRange(settings, startsAt, endsAt), startsAt })
          .where(and(eq(occupancies.sourceId, id), eq(occupancies.kind, 'slot')));
        return slotDto(row!);
      }),
    slotOverlap,
  );
}

export async function deleteSlot(db: Db, mentorId: string, id: string): Promise<void> {
  await inTransaction(db, async (tx) => {
    await lockOwnSlot(tx, mentorId, id);
    await tx.delete(occupancies).where(and(eq(occupancies.sourceId, id), eq(occupancies.kind, 'slot')));
    await tx.delete(slots).where(eq(slots.id, id));
  });
  invalidateAvailability(db);
}

export async function listSlots(db: Db, mentorId: string, now = clock.now()) {
  const rows = await db
    .select()
    .from(slots)
    .where(and(eq(slots.mentorId, mentorId), gte(slots.endsAt, now)))
    .orderBy(asc(slots.startsAt));
  return rows.map(slotDto);
}

/**
 * Removes slots that ended with nobody booked, with their occupancy rows (PRODUCT.md §3). Claims a small
 * batch with FOR UPDATE SKIP LOCKED, so several instances can run it at once; safe to kill and re-run.
 */
export async function runCleanupExpiredSlots(db: Db, now = clock.now(), batchSize = 100): Promise<number> {
  const removed = await inTransaction(db, async (tx) => {
    const expired = await lockDue(tx, slots, { due: and(lt(slots.endsAt, now), eq(slots.seatsTaken, 0)), orderBy: slots.endsAt, batchSize });
    if (expired.length === 0) return 0;
    const ids = expired.map((e) => e.id);
    await tx.delete(occupancies).where(and(inArray(occupancies.sourceId, ids), eq(occupancies.kind, 'slot')));
    await tx.delete(slots).where(inArray(slots.id, ids));
    return ids.length;
  });
  if (removed > 0) invalidateAvailability(db);
  return removed;
}

/** The session lengths a mentor offers (the defaults until they save settings); one query. */
export async function offeredSessionLengths(db: Db, slug: string): Promise<number[]> {
  const [row] = await db
    .select({ lengths: availabilitySettings.sessionLengths })
    .from(mentorCards)
    .leftJoin(availabilitySettings, eq(availabilitySettings.mentorId, mentorCards.userId))
    .where(eq(mentorCards.slug, slug));
  return row?.lengths ?? DEFAULT_SETTINGS.sessionLengths;
}

// ---- what a student sees --------------------------------------------------------------------------------

/** A date means local midnight in the viewer's zone; a date-time is taken as given. */
function instantOf(value: string, timeZone: string, endOfDay: boolean): Date {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const date = endOfDay ? addDays(value, 1) : value;
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    return new TZDate(y, m - 1, d, 0, 0, timeZone);
  }
  return new Date(value);
}

const hhmm = (minuteOfDay: number) => `${String(Math.floor(minuteOfDay / 60)).padStart(2, '0')}:${String(minuteOfDay % 60).padStart(2, '0')}`;

/** Per-date overrides and vacations as the engine wants them. */
function engineOverrides(rows: { startDate: string; endDate: string; ranges: LocalRange[] }[]): { overrides: DateOverride[]; vacations: Vacation[] } {
  const overrides: DateOverride[] = [];
  const vacations: Vacation[] = [];
  for (const row of rows) {
    if (row.ranges.length === 0) {
      vacations.push({ startDate: row.startDate, endDate: row.endDate });
      continue;
    }
    for (let date = row.startDate; date <= row.endDate; date = addDays(date, 1)) overrides.push({ date, ranges: row.ranges });
  }
  return { overrides, vacations };
}

export interface PublicAvailabilityQuery {
  from: string;
  to: string;
  durationMinutes: number;
  timeZone: string;
}

/** Bookable times of a mentor for a window, in the viewer's zone. */
// Public availability is asked for again and again while students browse a calendar, so each answer is kept
// for a moment (single-flight, per database handle, configured by the app). Every availability or slot change
// in this process clears it; other instances converge within the TTL, and a booking of a time that was just
// taken is still refused by the exclusion constraint.
type PublicAvailability = Awaited<ReturnType<typeof computePublicAvailability>>;
const availabilityCaches = new WeakMap<Db, TtlCache<Promise<PublicAvailability>>>();

export function configureAvailabilityCache(db: Db, ttlMs: number): void {
  availabilityCaches.set(db, new TtlCache(ttlMs, 1000));
}

function invalidateAvailability(db: Db): void {
  availabilityCaches.get(db)?.clear();
}

export async function publicAvailability(db: Db, slug: string, query: PublicAvailabilityQuery, now = clock.now()): Promise<PublicAvailability> {
  const cache = availabilityCaches.get(db);
  if (!cache) return computePublicAvailability(db, slug, query, now);
  // The minute is part of the key: minimum notice moves with the clock.
  const key = JSON.stringify([slug, query.from, query.to, query.durationMinutes, query.timeZone, Math.floor(now.getTime() / 60_000)]);
  const cached = cache.get(key);
  if (cached) return cached;
  const pending = computePublicAvailability(db, slug, query, now);
  cache.set(key, pending);
  pending.catch(() => cache.get(key) === pending && cache.delete(key));
  return pending;
}

interface ScheduleOptions {
  from: Date;
  to: Date;
  durationMinutes: number;
  now: Date;
  /** Also load the open group/1-to-1 slots starting in the window. */
  withSlots?: boolean;
  /** Leave this occupation out of the busy time (a booking being moved). */
  ignoreSourceId?: string;
  /** Another minimum notice than the mentor's (rescheduling has its own rule). */
  minNoticeMinutes?: number;
}

/**
 * Loads what the engine needs for one mentor and window and computes the bookable start times. Three queries:
 * the mentor with settings, weekly hours and overrides (one statement), then occupied time and open slots side by side.
 */
async function loadSchedule(db: Db, slug: string, options: ScheduleOptions) {
  const { from, to, durationMinutes, now } = options;
  const fromDate = localDateOf(toMinutes(from) - 1440, 'UTC');
  const toDate = localDateOf(toMinutes(to) + 1440, 'UTC');
  const [mentor] = await db
    .select({
      mentorId: mentorCards.userId,
      acceptingBookings: mentorCards.acceptingBookings,
      profileTimeZone: mentorCards.timeZone,
      settings: sql<SettingsRow | null>`(select row_to_json(s) from ${availabilitySettings} s where s.mentor_id = ${mentorCards.userId})`,
      weekly: sql<WeeklyRule[]>`coalesce((select json_agg(json_build_object('weekday', w.weekday, 'startMinute', w.start_minute, 'endMinute', w.end_minute)) from ${weeklyRules} w where w.mentor_id = ${mentorCards.userId}), '[]'::json)`,
      overrides: sql<{ startDate: string; endDate: string; ranges: LocalRange[] }[]>`coalesce((select json_agg(json_build_object('startDate', o.start_date, 'endDate', o.end_date, 'ranges', o.ranges)) from ${dateOverrides} o where o.mentor_id = ${mentorCards.userId} and o.end_date >= ${fromDate}::date and o.start_date <= ${toDate}::date), '[]'::json)`,
    })
    .from(mentorCards)
    .where(eq(mentorCards.slug, slug));
  if (!mentor) throw notFound('Mentor');

  const raw = mentor.settings as unknown as Record<string, unknown> | null;
  // row_to_json gives snake_case keys; without a row the defaults apply.
  const settings: EngineSettings & { sessionLengths: number[] } = raw
    ? {
        timeZone: raw.time_zone as string,
        sessionLengths: raw.session_lengths as number[],
        bufferBeforeMinutes: raw.buffer_before_minutes as number,
        bufferAfterMinutes: raw.buffer_after_minutes as number,
        minNoticeMinutes: raw.min_notice_minutes as number,
        horizonDays: raw.horizon_days as number,
        slotIntervalMinutes: raw.slot_interval_minutes as number,
        dailyLimit: raw.daily_limit as number | null,
        weeklyLimit: raw.weekly_limit as number | null,
      }
    : { timeZone: mentor.profileTimeZone, ...DEFAULT_SETTINGS };
  if (!settings.sessionLengths.includes(durationMinutes)) throw invalidField('durationMinutes', `This mentor offers ${settings.sessionLengths.join(' and ')}-minute sessions`);
  const base = { mentorId: mentor.mentorId, acceptingBookings: mentor.acceptingBookings, settings };
  if (!mentor.acceptingBookings) return { ...base, times: [] as number[], openSlots: [] as SlotRow[] };

  // A week either side: buffers reach a little past the window, weekly limits count the whole week.
  const busyFrom = new Date(from.getTime() - 8 * 86_400_000);
  const busyTo = new Date(to.getTime() + 8 * 86_400_000);
  const earliestSlot = new Date(Math.max(from.getTime(), now.getTime() + settings.minNoticeMinutes * 60_000));
  const [occupiedAll, openSlots] = await Promise.all([
    db
      .select({
        start: sql<string>`lower(${occupancies.occupied})`,
        end: sql<string>`upper(${occupancies.occupied})`,
        kind: occupancies.kind,
        startsAt: occupancies.startsAt,
        sourceId: occupancies.sourceId,
      })
      .from(occupancies)
      .where(and(eq(occupancies.mentorId, mentor.mentorId), eq(occupancies.active, true), sql`${occupancies.occupied} && tstzrange(${busyFrom.toISOString()}::timestamptz, ${busyTo.toISOString()}::timestamptz)`)),
    options.withSlots
      ? db
          .select()
          .from(slots)
          .where(and(eq(slots.mentorId, mentor.mentorId), eq(slots.status, 'published'), gte(slots.startsAt, earliestSlot), lt(slots.startsAt, to), sql`${slots.seatsTaken} < ${slots.capacity}`))
          .orderBy(asc(slots.startsAt))
      : Promise.resolve([] as SlotRow[]),
  ]);
  const occupied = options.ignoreSourceId ? occupiedAll.filter((o) => o.sourceId !== options.ignoreSourceId) : occupiedAll;
  const { overrides, vacations } = engineOverrides(mentor.overrides);
  const times = bookableTimes({
    settings: options.minNoticeMinutes === undefined ? settings : { ...settings, minNoticeMinutes: options.minNoticeMinutes },
    weekly: mentor.weekly,
    overrides,
    vacations,
    busy: occupied.map((o) => ({ start: toMinutes(new Date(o.start)), end: Math.ceil(new Date(o.end).getTime() / 60_000) })),
    bookingStarts: occupied.filter((o) => o.kind !== 'slot').map((o) => toMinutes(o.startsAt)),
    durationMinutes,
    now: Math.ceil(now.getTime() / 60_000),
    from: Math.ceil(from.getTime() / 60_000),
    to: toMinutes(to),
  });

  return { ...base, times, openSlots };
}

async function computePublicAvailability(db: Db, slug: string, query: PublicAvailabilityQuery, now: Date) {
  const from = instantOf(query.from, query.timeZone, false);
  const to = instantOf(query.to, query.timeZone, true);
  if (!(from < to)) throw invalidField('from', '`from` must be before `to`');
  if (to.getTime() - from.getTime() > 62 * 86_400_000) throw invalidField('to', 'The window can be at most 62 days');
  const { settings, times, openSlots, acceptingBookings } = await loadSchedule(db, slug, { from, to, durationMinutes: query.durationMinutes, now, withSlots: true });
  const empty = { timeZone: query.timeZone, mentorTimeZone: settings.timeZone, durationMinutes: query.durationMinutes, days: [], groupSlots: [] };
  if (!acceptingBookings) return empty;
  const viewer = new ZoneCalendar(query.timeZone, addDays(localDateOf(toMinutes(from), query.timeZone), -1), addDays(localDateOf(toMinutes(to), query.timeZone), 1));
  const days = new Map<string, { startsAt: string; local: string }[]>();
  for (const t of times) {
    const { date, minute } = viewer.locate(t);
    const list = days.get(date) ?? [];
    list.push({ startsAt: fromMinutes(t).toISOString(), local: hhmm(minute) });
    days.set(date, list);
  }
  return {
    ...empty,
    days: [...days.entries()].map(([date, list]) => ({ date, times: list })),
    groupSlots: openSlots.map((row) => {
      const { date, minute } = viewer.locate(toMinutes(row.startsAt));
      return { ...slotDto(row), local: hhmm(minute), localDate: date };
    }),
  };
}

// ---- what bookings need -----------------------------------------------------------------------------------

/** The answer to every "that time is gone" case: taken, full, past, or not offered. */
export const slotUnavailable = (detail = 'This time is no longer available') => conflict('slot_unavailable', detail);

/**
 * Checks that a mentor offers exactly this start and length now (their hours, overrides, notice, horizon,
 * limits and everything already occupied). Returns the mentor's id and settings. The check is advisory under
 * concurrency — the exclusion constraint decides the race — but it refuses times the mentor never offered.
 */
export async function assertBookable(
  db: Db,
  slug: string,
  input: { startsAt: Date; durationMinutes: number; now: Date; ignoreSourceId?: string; minNoticeMinutes?: number },
): Promise<{ mentorId: string; bufferBeforeMinutes: number; bufferAfterMinutes: number }> {
  const from = input.startsAt;
  const to = new Date(input.startsAt.getTime() + 60_000);
  const schedule = await loadSchedule(db, slug, { from, to, durationMinutes: input.durationMinutes, now: input.now, ignoreSourceId: input.ignoreSourceId, minNoticeMinutes: input.minNoticeMinutes });
  if (!schedule.acceptingBookings) throw conflict('mentor_not_accepting', 'This mentor is not accepting bookings right now');
  if (!schedule.times.includes(toMinutes(input.startsAt)) || input.startsAt.getSeconds() !== 0 || input.startsAt.getMilliseconds() !== 0) throw slotUnavailable();
  return { mentorId: schedule.mentorId, bufferBeforeMinutes: schedule.settings.bufferBeforeMinutes, bufferAfterMinutes: schedule.settings.bufferAfterMinutes };
}

/**
 * Holds a mentor's time for a booking (kind `hold` until paid). Must run inside the caller's transaction; an
 * overlap raises 23P01, which the caller turns into 409 `slot_unavailable` (see `translateOccupancyConflict`).
 */
export async function holdTime(tx: Db, input: { mentorId: string; bookingId: string; startsAt: Date; endsAt: Date } & Buffers): Promise<void> {
  // The lock and the insert in one statement: every booking passes here, and the lock is taken first all the same.
  await tx.execute(sql`
    with locked as (${mentorTimeLock(input.mentorId)})
    insert into ${occupancies} (mentor_id, occupied, starts_at, kind, source_id)
    select ${input.mentorId}, ${occupiedRange(input, input.startsAt, input.endsAt)}::tstzrange, ${input.startsAt.toISOString()}::timestamptz, 'hold', ${input.bookingId} from locked`);
}

/** Moves a booking's occupation to another time (same buffers as its mentor's settings). */
export async function moveHeldTime(tx: Db, input: { bookingId: string; mentorId: string; startsAt: Date; endsAt: Date }): Promise<void> {
  const settings = await ensureSettings(tx, input.mentorId);
  await lockMentorTime(tx, input.mentorId);
  await tx
    .update(occupancies)
    .set({ occupied: occupiedRange(settings, input.startsAt, input.endsAt), startsAt: input.startsAt })
    .where(and(eq(occupancies.sourceId, input.bookingId), eq(occupancies.active, true)));
}

/** A paid hold becomes a booking's occupation. */
export async function confirmHeldTime(tx: Db, bookingId: string): Promise<void> {
  await tx.update(occupancies).set({ kind: 'booking' }).where(and(eq(occupancies.sourceId, bookingId), eq(occupancies.active, true)));
}

/** Frees the time a booking or hold occupied (kept as an inactive row for the record). */
export async function releaseHeldTime(tx: Db, bookingId: string): Promise<void> {
  await tx.update(occupancies).set({ active: false }).where(and(eq(occupancies.sourceId, bookingId), eq(occupancies.active, true)));
}

/** Runs booking work that inserts or moves occupations; an overlap is 409 `slot_unavailable`. */
export function translateOccupancyConflict<T>(db: Db, work: () => Promise<T>): Promise<T> {
  return translateOverlap(db, work, () => slotUnavailable());
}

/** The slot a student wants a seat in, with its mentor's slug. */
export async function getBookableSlot(db: Db, slotId: string) {
  const [row] = await db
    .select({ slot: slots, slug: mentorCards.slug, acceptingBookings: mentorCards.acceptingBookings })
    .from(slots)
    .innerJoin(mentorCards, eq(mentorCards.userId, slots.mentorId))
    .where(eq(slots.id, slotId));
  if (!row) throw notFound('Slot');
  return { ...row.slot, slug: row.slug, acceptingBookings: row.acceptingBookings };
}

/**
 * Takes one seat of a published slot that has not started: the guarded counter of DESIGN.md §4.1, so a full
 * slot can never be overbooked, whatever the concurrency.
 */
export async function takeSeat(tx: Db, slotId: string, now: Date): Promise<SlotRow> {
  const [row] = await tx
    .update(slots)
    .set({ seatsTaken: sql`${slots.seatsTaken} + 1` })
    .where(and(eq(slots.id, slotId), eq(slots.status, 'published'), sql`${slots.seatsTaken} < ${slots.capacity}`, sql`${slots.startsAt} > ${now.toISOString()}::timestamptz`))
    .returning();
  if (!row) throw slotUnavailable('This session is full or no longer open');
  return row;
}

export async function releaseSeat(tx: Db, slotId: string): Promise<void> {
  await tx
    .update(slots)
    .set({ seatsTaken: sql`${slots.seatsTaken} - 1` })
    .where(and(eq(slots.id, slotId), sql`${slots.seatsTaken} > 0`));
}

/** Bookings changed someone's free time: forget cached availability on this instance. */
export function availabilityChanged(db: Db): void {
  invalidateAvailability(db);
}

/** The mentor called off a slot: it stops being offered and its time is free again. */
export async function cancelSlot(tx: Db, slotId: string): Promise<void> {
  await tx.update(slots).set({ status: 'cancelled' }).where(eq(slots.id, slotId));
  await tx.update(occupancies).set({ active: false }).where(and(eq(occupancies.sourceId, slotId), eq(occupancies.kind, 'slot')));
}

/** The read-only join target for a booking's group session (ADR 0006): a view with a slot's id, title and capacity. */
export { slotCards } from './availability.tables.js';
