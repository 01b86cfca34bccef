// bench/booking/cost.mjs: what one booking costs in CPU, one request at a time, so nothing queues and the figures
// are the work itself. Runs N bookings' create (with an Idempotency-Key) one after another, then their verify
// (signature computed as the checkout does), then lets the background work (emails) finish, and for each phase prints
// the CPU time of the server process and of PostgreSQL (all its processes) per operation, read from /proc.
// A few reads are measured the same way for scale: GET /api/health (no database), /api/users/me (one query) and
// /api/bookings/:id (the booking view).
// Usage: npm run build && node bench/booking/cost.mjs   (BENCH_DATABASE_URL, BENCH_OPS; Linux only: reads /proc)
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import pg from 'pg';
import { signAccessToken } from '../../backend/dist/modules/auth/auth.service.js';
import { sandboxCredentials } from '../../backend/dist/gateway-settings.js';
import { freshDatabase, startServer } from '../lib/harness.mjs';

const N = Number(process.env.BENCH_OPS ?? 200);
// Known to the benchmark, which signs tokens and checkout signatures with it as the server does.
const JWT_SECRET = randomBytes(48).toString('base64url');
const { keySecret } = sandboxCredentials({ JWT_SECRET });
const DAY = 86_400_000;
const MENTOR = '00000000-0000-4000-8000-00000000000a';
const STUDENT = '00000000-0000-4000-8000-00000000000b';

const databaseUrl = await freshDatabase('mc_bench_booking_cost');
const server = await startServer(databaseUrl, { SEED_DEMO_DATA: 'false', JWT_SECRET, ACCESS_TOKEN_TTL_SECONDS: '3600', DEMO_MODE: 'true' });
const client = new pg.Client({ connectionString: databaseUrl });
await client.connect();
await client.query(`insert into users (id, email, name, password_hash, role) values ($1, 'cost-mentor@example.test', 'Cost Mentor', 'x', 'mentor'), ($2, 'cost-student@example.test', 'Cost Student', 'x', 'student')`, [MENTOR, STUDENT]);
await client.query(
  `insert into mentors (user_id, slug, headline, bio, experience, expertise, session_topics, languages, companies, price30_paise, price60_paise, time_zone, approved_at)
   values ($1, 'cost-mentor', 'Benchmark mentor', 'Benchmark bio', '[]', '{Go}', '{Backend}', '{English}', '{Acme}', 100000, 180000, 'UTC', now())`,
  [MENTOR],
);
await client.query(`insert into availability_settings (mentor_id, time_zone, session_lengths, buffer_before_minutes, buffer_after_minutes, min_notice_minutes, horizon_days, slot_interval_minutes) values ($1, 'UTC', '{30,60}', 0, 0, 0, 90, 30)`, [MENTOR]);
await client.query(`insert into availability_weekly_rules (mentor_id, weekday, start_minute, end_minute) select $1, d, 0, 1440 from generate_series(0, 6) d`, [MENTOR]);
await client.end();

const token = signAccessToken({ jwtSecret: JWT_SECRET, accessTokenTtlSeconds: 3600 }, { id: STUDENT, role: 'student' });
const auth = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
const clockTicks = 100; // USER_HZ on Linux
const ticksOf = (pid) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(fields[11]) + Number(fields[12]);
};
const postgresTicks = () =>
  readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .reduce((sum, pid) => {
      try {
        return readFileSync(`/proc/${pid}/stat`, 'utf8').includes('(postgres)') ? sum + ticksOf(pid) : sum;
      } catch {
        return sum; // the process ended meanwhile
      }
    }, 0);

async function measure(name, ops, work) {
  const server0 = ticksOf(server.pid);
  const postgres0 = postgresTicks();
  const started = Date.now();
  await work();
  const perOp = (ticks) => `${(((ticks * 1000) / clockTicks) / ops).toFixed(2)} ms`;
  console.log(`${name.padEnd(34)} server ${perOp(ticksOf(server.pid) - server0).padStart(9)}   postgres ${perOp(postgresTicks() - postgres0).padStart(9)}   wall ${((Date.now() - started) / ops).toFixed(2).padStart(6)} ms   (per operation, ${ops} operations)`);
}

const json = async (res) => ({ status: res.status, body: await res.json() });
const firstStart = Math.ceil((Date.now() + 2 * DAY) / DAY) * DAY;
const created = [];
await measure('POST /api/bookings (create)', N, async () => {
  for (let i = 0; i < N; i++) {
    const res = await json(
      await fetch(`${server.base}/api/bookings`, {
        method: 'POST',
        headers: { ...auth, 'Idempotency-Key': randomUUID() },
        body: JSON.stringify({ mentorSlug: 'cost-mentor', startsAt: new Date(firstStart + i * 1_800_000).toISOString(), durationMinutes: 30, topic: 'Benchmark booking', agenda: '' }),
      }),
    );
    if (res.status !== 201) throw new Error(`create: ${res.status} ${JSON.stringify(res.body)}`);
    created.push(res.body);
  }
});
await measure('POST /api/payments/verify', N, async () => {
  for (const { checkout } of created) {
    const paymentId = `pay_${randomBytes(7).toString('hex')}`;
    const signature = createHmac('sha256', keySecret).update(`${checkout.orderId}|${paymentId}`).digest('hex');
    const res = await json(await fetch(`${server.base}/api/payments/verify`, { method: 'POST', headers: auth, body: JSON.stringify({ razorpay_order_id: checkout.orderId, razorpay_payment_id: paymentId, razorpay_signature: signature }) }));
    if (res.body.status !== 'confirmed') throw new Error(`verify: ${res.status} ${JSON.stringify(res.body)}`);
  }
});
await measure('background left after (3 s)', N, () => new Promise((resolve) => setTimeout(resolve, 3_000)));
await measure('GET /api/bookings/:id', N, async () => {
  for (const { booking } of created) await (await fetch(`${server.base}/api/bookings/${booking.id}`, { headers: auth })).arrayBuffer();
});
await measure('GET /api/users/me', N, async () => {
  for (let i = 0; i < N; i++) await (await fetch(`${server.base}/api/users/me`, { headers: auth })).arrayBuffer();
});
await measure('GET /api/health', N, async () => {
  for (let i = 0; i < N; i++) await (await fetch(`${server.base}/api/health`)).arrayBuffer();
});
await server.stop();
