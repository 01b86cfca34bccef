// bench/availability: one mentor with 15 weekly ranges, 30 date overrides, 300 existing bookings and 20 group
// slots; 4 weeks of bookable 30-minute times. (a) the pure engine, median of many calls; (b) the HTTP endpoint
// at 50 connections, and GET /api/health in the same run as the baseline.
// Usage: npm run build && node bench/availability/run.mjs   (BENCH_DATABASE_URL, BENCH_DURATION to override)
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { bookableTimes } from '../../backend/dist/modules/availability/engine.js';
import { freshDatabase, load, startServer, summarise } from '../lib/harness.mjs';

const duration = Number(process.env.BENCH_DURATION ?? 20);
const DAY = 86_400_000;
const now = new Date();
now.setUTCSeconds(0, 0);
const zone = 'America/New_York';

// 15 weekly ranges: three a day on weekdays, in the mentor's zone.
const weekly = [1, 2, 3, 4, 5].flatMap((weekday) => [
  { weekday, startMinute: 7 * 60, endMinute: 9 * 60 },
  { weekday, startMinute: 12 * 60, endMinute: 14 * 60 },
  { weekday, startMinute: 17 * 60, endMinute: 21 * 60 },
]);
const dateAt = (days) => new Date(now.getTime() + days * DAY).toISOString().slice(0, 10);
// 30 overrides: every other one blocks its date, the rest move its hours.
const overrideRows = Array.from({ length: 30 }, (_, i) => ({ startDate: dateAt(i + 1), endDate: dateAt(i + 1), ranges: i % 2 ? [] : [{ startMinute: 9 * 60, endMinute: 18 * 60 }] }));
// 300 bookings of 30 minutes spread over the next four weeks, 20 group slots of 60 minutes.
const bookings = Array.from({ length: 300 }, (_, i) => {
  const start = new Date(now.getTime() + DAY + i * Math.floor((27 * DAY) / 300));
  start.setUTCMinutes(start.getUTCMinutes() - (start.getUTCMinutes() % 30), 0, 0);
  return { start, end: new Date(start.getTime() + 30 * 60_000) };
});
const groupSlots = Array.from({ length: 20 }, (_, i) => {
  const start = new Date(now.getTime() + (i + 1) * 1.3 * DAY);
  start.setUTCHours(3, 7, 0, 0);
  return { start, end: new Date(start.getTime() + 60 * 60_000) };
});

// ---- (a) the pure function -------------------------------------------------------------------------------
const minutes = (d) => Math.floor(d.getTime() / 60_000);
const engineInput = {
  settings: { timeZone: zone, bufferBeforeMinutes: 5, bufferAfterMinutes: 10, minNoticeMinutes: 720, horizonDays: 28, slotIntervalMinutes: 30, dailyLimit: 20, weeklyLimit: null },
  weekly,
  overrides: overrideRows.filter((o) => o.ranges.length).map((o) => ({ date: o.startDate, ranges: o.ranges })),
  vacations: overrideRows.filter((o) => !o.ranges.length).map((o) => ({ startDate: o.startDate, endDate: o.endDate })),
  busy: [...bookings, ...groupSlots].map((b) => ({ start: minutes(b.start) - 5, end: minutes(b.end) + 10 })),
  bookingStarts: bookings.map((b) => minutes(b.start)),
  durationMinutes: 30,
  now: minutes(now),
  from: minutes(now),
  to: minutes(now) + 28 * 1440,
};
for (let i = 0; i < 50; i++) bookableTimes(engineInput);
const samples = [];
for (let i = 0; i < 500; i++) {
  const t0 = performance.now();
  bookableTimes(engineInput);
  samples.push(performance.now() - t0);
}
samples.sort((a, b) => a - b);
const produced = bookableTimes(engineInput).length;
console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model}, node ${process.version}`);
console.log(`pure engine: median ${samples[250].toFixed(3)} ms, p99 ${samples[495].toFixed(3)} ms per call over 500 calls (${produced} bookable times)`);

// ---- (b) the endpoint ------------------------------------------------------------------------------------
const databaseUrl = await freshDatabase('mc_bench_availability');
const server = await startServer(databaseUrl, { SEED_DEMO_DATA: 'false' });
const client = new pg.Client({ connectionString: databaseUrl });
await client.connect();
const { rows: [user] } = await client.query(`insert into users (email, name, password_hash, role) values ('bench-avail@example.test', 'Bench Mentor', 'x', 'mentor') returning id`);
await client.query(
  `insert into mentors (user_id, slug, headline, bio, experience, expertise, session_topics, languages, companies, price30_paise, price60_paise, time_zone, approved_at)
   values ($1, 'bench-mentor', 'Benchmark mentor headline', 'Benchmark bio', '[]', '{Go}', '{Backend}', '{English}', '{Acme}', 50000, 90000, $2, now())`,
  [user.id, zone],
);
await client.query(
  `insert into availability_settings (mentor_id, time_zone, buffer_before_minutes, buffer_after_minutes, min_notice_minutes, horizon_days, slot_interval_minutes, daily_limit, weekly_limit)
   values ($1, $2, 5, 10, 720, 28, 30, 20, null)`,
  [user.id, zone],
);
for (const r of weekly) await client.query('insert into availability_weekly_rules (mentor_id, weekday, start_minute, end_minute) values ($1, $2, $3, $4)', [user.id, r.weekday, r.startMinute, r.endMinute]);
for (const o of overrideRows) await client.query('insert into availability_overrides (mentor_id, start_date, end_date, ranges) values ($1, $2, $3, $4)', [user.id, o.startDate, o.endDate, JSON.stringify(o.ranges)]);
for (const [i, s] of groupSlots.entries()) {
  const { rows: [slot] } = await client.query(`insert into slots (mentor_id, starts_at, ends_at, capacity, title, price_paise) values ($1, $2, $3, 8, $4, 49900) returning id`, [user.id, s.start, s.end, `Group session ${i}`]);
  await client.query(`insert into occupancies (mentor_id, occupied, starts_at, kind, source_id) values ($1, tstzrange($2::timestamptz - interval '5 minutes', $3::timestamptz + interval '10 minutes'), $2, 'slot', $4)`, [user.id, s.start, s.end, slot.id]);
}
// Bookings arrive with the booking module; until then their occupancy rows are what the endpoint reads.
for (const b of bookings) {
  await client.query(`insert into occupancies (mentor_id, occupied, starts_at, kind, source_id) values ($1, tstzrange($2::timestamptz - interval '5 minutes', $3::timestamptz + interval '10 minutes'), $2, 'booking', gen_random_uuid()) on conflict do nothing`, [user.id, b.start, b.end]).catch(() => undefined);
}
await client.query('analyze');
const { rows: [{ count }] } = await client.query('select count(*)::int as count from occupancies');
await client.end();

const path = `/api/mentors/bench-mentor/availability?from=${dateAt(0)}&to=${dateAt(27)}&durationMinutes=30&timeZone=Asia/Kolkata`;
const check = await (await fetch(server.base + path)).json();
console.log(`fixture: ${weekly.length} weekly ranges, ${overrideRows.length} overrides, ${count} occupancies (bookings that don't overlap + ${groupSlots.length} slots); endpoint returns ${check.days.reduce((n, d) => n + d.times.length, 0)} times, ${check.groupSlots.length} group slots`);
console.log(`50 connections, ${duration} s each`);
const availability = summarise('GET availability (4 weeks)', await load({ url: server.base + path, duration }));
const health = summarise('GET /api/health', await load({ url: `${server.base}/api/health`, duration }));
console.log(`ratio availability/health throughput: ${(availability.requestsPerSecond / health.requestsPerSecond).toFixed(2)}`);
await server.stop();
