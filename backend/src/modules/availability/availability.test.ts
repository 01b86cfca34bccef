import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvedMentor, createAdmin, createTestApp, registerUser, type TestApp } from '../../test-support/test-app.js';
import { runCleanupExpiredSlots } from './availability.service.js';
import { occupancies, slots } from './availability.tables.js';
import { clock } from '../../lib/clock.js';

let t: TestApp;
let admin: { id: string; token: string };
type Mentor = Awaited<ReturnType<typeof approvedMentor>>;
let mentor: Mentor;
let other: Mentor;

const DAY = 86_400_000;
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const isoDay = (offsetDays: number) => new Date(clock.now().getTime() + offsetDays * DAY).toISOString().slice(0, 10);
const weekdays = (start: number, end: number) => [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startMinute: start, endMinute: end }));
const settings = (overrides: Record<string, unknown> = {}) => ({
  timeZone: 'Asia/Kolkata',
  sessionLengths: [30, 60],
  bufferBeforeMinutes: 0,
  bufferAfterMinutes: 0,
  minNoticeMinutes: 0,
  horizonDays: 28,
  slotIntervalMinutes: 30,
  dailyLimit: null,
  weeklyLimit: null,
  ...overrides,
});

beforeAll(async () => {
  t = await createTestApp();
  admin = await createAdmin(t);
  mentor = await approvedMentor(t, admin, { name: 'Avail Ability' });
  other = await approvedMentor(t, admin, { name: 'Other Mentor' });
});
afterAll(async () => {
  await t.close();
});

const put = (m: Mentor, body: object) => t.http().put('/api/mentors/me/availability').set(bearer(m.accessToken)).send(body);
const publicTimes = (slug: string, query: string) => t.http().get(`/api/mentors/${slug}/availability?${query}`);

describe('weekly hours and settings', () => {
  it('when a mentor saves weekly hours, then they are returned and the profile time zone follows', async () => {
    const res = await put(mentor, { settings: settings({ timeZone: 'Asia/Kolkata', bufferAfterMinutes: 10 }), weekly: [...weekdays(18 * 60, 21 * 60), { weekday: 6, startMinute: 600, endMinute: 720 }] });
    expect(res.status).toBe(200);
    expect(res.body.settings).toMatchObject({ timeZone: 'Asia/Kolkata', bufferAfterMinutes: 10, minNoticeMinutes: 0 });
    expect(res.body.weekly).toHaveLength(6);
    const got = await t.http().get('/api/mentors/me/availability').set(bearer(mentor.accessToken));
    expect(got.body).toEqual(res.body);
  });

  it.each([
    ['weekly.0.endMinute', { weekly: [{ weekday: 1, startMinute: 600, endMinute: 540 }] }],
    ['weekly.0.endMinute', { weekly: [{ weekday: 1, startMinute: 600, endMinute: 600 }] }],
    ['weekly.1.startMinute', { weekly: [{ weekday: 1, startMinute: 600, endMinute: 720 }, { weekday: 1, startMinute: 700, endMinute: 800 }] }],
    ['weekly.0.weekday', { weekly: [{ weekday: 7, startMinute: 600, endMinute: 720 }] }],
    ['settings.timeZone', { settings: settings({ timeZone: 'Moon/Base' }) }],
    ['settings.slotIntervalMinutes', { settings: settings({ slotIntervalMinutes: 7 }) }],
    ['settings.sessionLengths', { settings: settings({ sessionLengths: [] }) }],
  ])('when %s is invalid, then 422 names it and nothing changes', async (field, change) => {
    const before = (await t.http().get('/api/mentors/me/availability').set(bearer(mentor.accessToken))).body;
    const res = await put(mentor, { settings: settings(), weekly: weekdays(600, 720), ...change });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(field);
    expect((await t.http().get('/api/mentors/me/availability').set(bearer(mentor.accessToken))).body).toEqual(before);
  });

  it('when a student or anonymous calls the mentor endpoints, then 403 / 401', async () => {
    const student = await registerUser(t);
    expect((await t.http().get('/api/mentors/me/availability').set(bearer(student.accessToken))).status).toBe(403);
    expect((await t.http().post('/api/mentors/me/slots').set(bearer(student.accessToken)).send({})).status).toBe(403);
    expect((await t.http().get('/api/mentors/me/slots')).status).toBe(401);
  });
});

describe('what a student sees', () => {
  it('when a student in another zone asks, then times are the mentor’s local hours shown in the student’s zone', async () => {
    await put(mentor, { settings: settings({ timeZone: 'Asia/Kolkata' }), weekly: weekdays(18 * 60, 19 * 60) });
    const res = await publicTimes(mentor.slug, `from=${isoDay(1)}&to=${isoDay(14)}&durationMinutes=30&timeZone=Europe/London`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ timeZone: 'Europe/London', mentorTimeZone: 'Asia/Kolkata', durationMinutes: 30 });
    const all = res.body.days.flatMap((d: { times: { startsAt: string; local: string }[] }) => d.times);
    expect(all.length).toBeGreaterThanOrEqual(10);
    for (const time of all) {
      const kolkata = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Kolkata', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(time.startsAt));
      expect(['18:00', '18:30']).toContain(kolkata);
      const london = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(time.startsAt));
      expect(time.local).toBe(london);
    }
  });

  it('when the mentor blocks a date or changes its hours, then the times of that date change', async () => {
    await put(mentor, { settings: settings({ timeZone: 'UTC' }), weekly: [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, startMinute: 600, endMinute: 660 })) });
    const blocked = await t.http().post('/api/mentors/me/availability/overrides').set(bearer(mentor.accessToken)).send({ startDate: isoDay(3) });
    expect(blocked.status).toBe(201);
    expect(blocked.body).toMatchObject({ blocked: true, startDate: isoDay(3), endDate: isoDay(3) });
    const changed = await t.http().post('/api/mentors/me/availability/overrides').set(bearer(mentor.accessToken)).send({ startDate: isoDay(4), ranges: [{ startMinute: 900, endMinute: 960 }] });
    expect(changed.status).toBe(201);
    const res = await publicTimes(mentor.slug, `from=${isoDay(2)}&to=${isoDay(5)}&durationMinutes=30&timeZone=UTC`);
    const byDate = Object.fromEntries(res.body.days.map((d: { date: string; times: { local: string }[] }) => [d.date, d.times.map((x) => x.local)]));
    expect(byDate).toEqual({ [isoDay(2)]: ['10:00', '10:30'], [isoDay(4)]: ['15:00', '15:30'], [isoDay(5)]: ['10:00', '10:30'] });

    const clash = await t.http().post('/api/mentors/me/availability/overrides').set(bearer(mentor.accessToken)).send({ startDate: isoDay(2), endDate: isoDay(6) });
    expect(clash.status).toBe(409);
    expect(clash.body.code).toBe('override_overlap');
    await t.http().delete(`/api/mentors/me/availability/overrides/${blocked.body.id}`).set(bearer(mentor.accessToken)).expect(204);
    expect((await t.http().delete(`/api/mentors/me/availability/overrides/${changed.body.id}`).set(bearer(other.accessToken))).status).toBe(404);
    await t.http().delete(`/api/mentors/me/availability/overrides/${changed.body.id}`).set(bearer(mentor.accessToken)).expect(204);
  });

  it.each([
    ['from', (d: (n: number) => string) => `from=${d(5)}&to=${d(2)}&durationMinutes=30`],
    ['to', (d: (n: number) => string) => `from=${d(1)}&to=${d(70)}&durationMinutes=30`],
    ['durationMinutes', (d: (n: number) => string) => `from=${d(1)}&to=${d(2)}&durationMinutes=45`],
    ['timeZone', (d: (n: number) => string) => `from=${d(1)}&to=${d(2)}&durationMinutes=30&timeZone=Nowhere/Land`],
    ['from', () => 'from=yesterday&to=2026-12-01&durationMinutes=30'],
  ])('when the query has a bad %s, then 422 names it', async (field, query) => {
    const res = await publicTimes(mentor.slug, query(isoDay));
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(field);
  });

  it('when a mentor offers only 60-minute sessions, then the profile says so and 30 minutes is refused', async () => {
    await put(other, { settings: settings({ timeZone: 'UTC', sessionLengths: [60] }), weekly: weekdays(600, 720) });
    expect((await t.http().get(`/api/mentors/${other.slug}`)).body.sessionLengths).toEqual([60]);
    expect((await t.http().get('/api/mentors/me').set(bearer(other.accessToken))).body.sessionLengths).toEqual([60]);
    const refused = await publicTimes(other.slug, `from=${isoDay(1)}&to=${isoDay(8)}&durationMinutes=30`);
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0].path).toBe('durationMinutes');
    expect((await t.http().get(`/api/mentors/${mentor.slug}`)).body.sessionLengths).toEqual([30, 60]);
    await put(other, { settings: settings({ timeZone: 'UTC' }), weekly: weekdays(600, 720) });
  });

  it('when the mentor is paused, then no times are offered; an unknown mentor is 404', async () => {
    await t.http().put('/api/mentors/me/accepting-bookings').set(bearer(other.accessToken)).send({ accepting: false }).expect(200);
    await put(other, { settings: settings({ timeZone: 'UTC' }), weekly: weekdays(600, 720) });
    const res = await publicTimes(other.slug, `from=${isoDay(1)}&to=${isoDay(8)}&durationMinutes=30`);
    expect(res.body.days).toEqual([]);
    expect((await publicTimes('nobody-here', `from=${isoDay(1)}&to=${isoDay(8)}&durationMinutes=30`)).status).toBe(404);
    await t.http().put('/api/mentors/me/accepting-bookings').set(bearer(other.accessToken)).send({ accepting: true }).expect(200);
  });
});

describe('slots', () => {
  const at = (days: number, hour: number) => {
    const d = new Date(clock.now().getTime() + days * DAY);
    d.setUTCHours(hour, 0, 0, 0);
    return d.toISOString();
  };
  const create = (m: Mentor, body: object) => t.http().post('/api/mentors/me/slots').set(bearer(m.accessToken)).send(body);
  const group = (overrides: Record<string, unknown> = {}) => ({ startsAt: at(5, 14), durationMinutes: 60, capacity: 6, title: 'System design AMA', pricePaise: 50_000, ...overrides });

  it('when a mentor publishes a group slot, then it is listed, shown to students with seats left, and blocks that time', async () => {
    await put(mentor, { settings: settings({ timeZone: 'UTC' }), weekly: [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, startMinute: 13 * 60, endMinute: 16 * 60 })) });
    const res = await create(mentor, group());
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'group', capacity: 6, seatsTaken: 0, seatsLeft: 6, durationMinutes: 60 });
    expect((await t.http().get('/api/mentors/me/slots').set(bearer(mentor.accessToken))).body.items.map((s: { id: string }) => s.id)).toContain(res.body.id);

    const view = await publicTimes(mentor.slug, `from=${isoDay(5)}&to=${isoDay(5)}&durationMinutes=30&timeZone=UTC`);
    expect(view.body.groupSlots).toEqual([expect.objectContaining({ id: res.body.id, seatsLeft: 6, local: '14:00', localDate: isoDay(5) })]);
    expect(view.body.days[0].times.map((x: { local: string }) => x.local)).toEqual(['13:00', '13:30', '15:00', '15:30']);
    await t.http().delete(`/api/mentors/me/slots/${res.body.id}`).set(bearer(mentor.accessToken)).expect(204);
  });

  it('when a slot overlaps another of the same mentor, then 409 slot_overlap; another mentor may use the same time', async () => {
    const first = await create(mentor, group({ startsAt: at(6, 10) }));
    expect(first.status).toBe(201);
    const clash = await create(mentor, group({ startsAt: new Date(Date.parse(at(6, 10)) + 30 * 60_000).toISOString(), capacity: 1, title: '1:1 deep dive' }));
    expect(clash.status).toBe(409);
    expect(clash.body.code).toBe('slot_overlap');
    expect((await create(other, group({ startsAt: at(6, 10) }))).status).toBe(201);
    const adjacent = await create(mentor, group({ startsAt: at(6, 11) }));
    expect(adjacent.status).toBe(201);
  });

  it('when a slot has bookings, then it can be neither edited nor deleted; someone else’s slot is 404', async () => {
    const slot = (await create(mentor, group({ startsAt: at(8, 9) }))).body;
    expect((await t.http().patch(`/api/mentors/me/slots/${slot.id}`).set(bearer(other.accessToken)).send({ title: 'Hijacked title' })).status).toBe(404);
    const edited = await t.http().patch(`/api/mentors/me/slots/${slot.id}`).set(bearer(mentor.accessToken)).send({ title: 'Renamed AMA', capacity: 10 });
    expect(edited.body).toMatchObject({ title: 'Renamed AMA', capacity: 10 });
    await t.database.db.update(slots).set({ seatsTaken: 1 }).where(eq(slots.id, slot.id));
    const patch = await t.http().patch(`/api/mentors/me/slots/${slot.id}`).set(bearer(mentor.accessToken)).send({ title: 'Too late now' });
    expect(patch.status).toBe(409);
    expect(patch.body.code).toBe('slot_has_bookings');
    expect((await t.http().delete(`/api/mentors/me/slots/${slot.id}`).set(bearer(mentor.accessToken))).status).toBe(409);
  });

  it('when slots have ended, then the cleanup job removes the unbooked ones (and their occupied time) exactly once', async () => {
    const unbooked = (await create(mentor, group({ startsAt: at(9, 8), title: 'Will expire unbooked' }))).body;
    const booked = (await create(mentor, group({ startsAt: at(9, 10), title: 'Will expire booked' }))).body;
    await t.database.db.update(slots).set({ seatsTaken: 2 }).where(eq(slots.id, booked.id));
    const later = new Date(clock.now().getTime() + 10 * DAY);
    expect(await runCleanupExpiredSlots(t.database.db, later)).toBeGreaterThanOrEqual(1);
    expect(await runCleanupExpiredSlots(t.database.db, later)).toBe(0);
    const left = await t.database.db.select().from(slots).where(eq(slots.mentorId, mentor.user.id));
    expect(left.map((s) => s.id)).toContain(booked.id);
    expect(left.map((s) => s.id)).not.toContain(unbooked.id);
    const occupied = await t.database.db.select().from(occupancies).where(eq(occupancies.sourceId, unbooked.id));
    expect(occupied).toEqual([]);
  });

  it.each([
    ['capacity', { capacity: 25 }],
    ['capacity', { capacity: 0 }],
    ['startsAt', { startsAt: at(-1, 10) }],
    ['startsAt', { startsAt: at(60, 10) }],
    ['startsAt', { startsAt: 'tomorrow' }],
    ['durationMinutes', { durationMinutes: 0 }],
    ['pricePaise', { pricePaise: 500 }],
    ['title', { title: '' }],
  ])('when %s is invalid, then 422 names it and no slot is created', async (field, change) => {
    const before = (await t.http().get('/api/mentors/me/slots').set(bearer(mentor.accessToken))).body.items.length;
    const res = await create(mentor, group({ startsAt: at(12, 10), ...change }));
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(field);
    expect((await t.http().get('/api/mentors/me/slots').set(bearer(mentor.accessToken))).body.items.length).toBe(before);
  });
});
