// bench/booking: "book a time and pay for it" end to end on the server PostgreSQL, from 50 connections for 20 s.
// One booking is two HTTP requests in a row on one connection, as the web app makes them:
//   1. POST /api/bookings        (with an Idempotency-Key, as the web app sends: hold the time, open a gateway order
//                                 through the razorpay SDK — here the built-in sandbox, in the same server process)
//   2. POST /api/payments/verify (signature check, the capture recorded: ledger, notifications and emails in the
//                                 outbox, delivered by the server in the background during the run)
// Between the two, the student pays on the gateway's checkout, which hands the page a payment id and the signature
// HMAC-SHA256(order_id|payment_id, key secret); the benchmark computes them as the checkout does, with the sandbox's
// key secret. BENCH_PAY=sandbox instead pays through the sandbox checkout endpoint (a third request, to the gateway;
// its webhooks then reach the server too), for the whole flow as `npm start` runs it.
// Each booking takes a different free half hour of one of 50 mentors, for one of 1,000 students.
// Baselines in the same run: a bare Express route doing one INSERT through a pg Pool of the same size (20) on the
// same database, in its own process; and GET /api/health of the product server, as the other benchmarks use.
// Usage: npm run build && node bench/booking/run.mjs   (BENCH_DATABASE_URL, BENCH_DURATION, BENCH_CONNECTIONS, BENCH_PAY)
import { spawn } from 'node:child_process';
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { signAccessToken } from '../../backend/dist/modules/auth/auth.service.js';
import { sandboxCredentials } from '../../backend/dist/gateway-settings.js';
import { freshDatabase, load, repoRoot, startServer, summarise } from '../lib/harness.mjs';

const duration = Number(process.env.BENCH_DURATION ?? 20);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const MENTORS = 50;
const STUDENTS = 1_000;
const DAY = 86_400_000;
const HALF_HOUR = 30 * 60_000;
// Known to the benchmark, which signs tokens and checkout signatures with it as the server does.
const JWT_SECRET = randomBytes(48).toString('base64url');
const POOL_SIZE = 20;
const PAY = process.env.BENCH_PAY === 'sandbox' ? 'sandbox' : 'signature';
const { keySecret } = sandboxCredentials({ JWT_SECRET });
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** What Razorpay Checkout hands the page after a successful payment: a payment id and its signature. */
const checkoutResult = (orderId) => {
  const paymentId = `pay_${[...randomBytes(14)].map((b) => BASE62[b % 62]).join('')}`;
  return { razorpay_order_id: orderId, razorpay_payment_id: paymentId, razorpay_signature: createHmac('sha256', keySecret).update(`${orderId}|${paymentId}`).digest('hex') };
};

// ---- the product server and its data ----------------------------------------------------------------------
const databaseUrl = await freshDatabase('mc_bench_booking');
const server = await startServer(databaseUrl, {
  SEED_DEMO_DATA: 'false',
  JWT_SECRET,
  ACCESS_TOKEN_TTL_SECONDS: '3600',
  // The harness runs production mode, where the built-in gateway runs only in a declared demo.
  DEMO_MODE: 'true',
  DATABASE_POOL_SIZE: String(POOL_SIZE),
});

const client = new pg.Client({ connectionString: databaseUrl });
await client.connect();
const seeded = Date.now();
// 50 approved mentors open all day, every day (UTC), for 90 days, 30-minute sessions at ₹1,000.
const { rows: mentorRows } = await client.query(`
  with ids as (select g, gen_random_uuid() as id from generate_series(1, ${MENTORS}) g),
  u as (
    insert into users (id, email, name, password_hash, role)
    select id, 'bench-booking-mentor-' || g || '@example.test', 'Bench Mentor ' || g, 'x', 'mentor' from ids returning id, email
  )
  insert into mentors (user_id, slug, headline, bio, experience, expertise, session_topics, languages, companies, price30_paise, price60_paise, time_zone, approved_at)
  select u.id, 'bench-booking-mentor-' || ids.g, 'Benchmark mentor', 'Benchmark bio', '[]', '{Go}', '{Backend}', '{English}', '{Acme}', 100000, 180000, 'UTC', now()
  from ids join u on u.email = 'bench-booking-mentor-' || ids.g || '@example.test'
  returning user_id, slug`);
await client.query(`
  insert into availability_settings (mentor_id, time_zone, session_lengths, buffer_before_minutes, buffer_after_minutes, min_notice_minutes, horizon_days, slot_interval_minutes, daily_limit, weekly_limit)
  select user_id, 'UTC', '{30,60}', 0, 0, 0, 90, 30, null, null from mentors where slug like 'bench-booking-mentor-%'`);
await client.query(`
  insert into availability_weekly_rules (mentor_id, weekday, start_minute, end_minute)
  select m.user_id, d, 0, 1440 from mentors m cross join generate_series(0, 6) d where m.slug like 'bench-booking-mentor-%'`);
const { rows: studentRows } = await client.query(`
  insert into users (email, name, password_hash, role)
  select 'bench-booking-student-' || g || '@example.test', 'Bench Student ' || g, 'x', 'student' from generate_series(1, ${STUDENTS}) g
  returning id`);
await client.query(`create table bench_baseline (id bigserial primary key, payload text not null, created_at timestamptz not null default now())`);
await client.query('analyze');
// Access tokens exactly as login signs them.
const tokens = studentRows.map((s) => signAccessToken({ jwtSecret: JWT_SECRET, accessTokenTtlSeconds: 3600 }, { id: s.id, role: 'student' }));
console.log(`seeded ${MENTORS} mentors and ${STUDENTS} students in ${((Date.now() - seeded) / 1000).toFixed(1)} s`);

// Booking n takes mentor n % 50 at the n/50-th half hour from the day after tomorrow (UTC): never a clash.
const firstStart = Math.ceil((Date.now() + 2 * DAY) / DAY) * DAY;
let next = 0;
const allocate = () => {
  const n = next++;
  return { token: tokens[n % STUDENTS], slug: mentorRows[n % MENTORS].slug, startsAt: new Date(firstStart + Math.floor(n / MENTORS) * HALF_HOUR).toISOString() };
};

// One booking by hand first: the flow works, and the sandbox key id comes from it.
const json = async (res) => ({ status: res.status, body: await res.json() });
const probe = allocate();
const auth = (token) => ({ 'content-type': 'application/json', authorization: `Bearer ${token}` });
const created = await json(await fetch(`${server.base}/api/bookings`, { method: 'POST', headers: { ...auth(probe.token), 'Idempotency-Key': randomUUID() }, body: JSON.stringify({ mentorSlug: probe.slug, startsAt: probe.startsAt, durationMinutes: 30, topic: 'Benchmark booking', agenda: '' }) }));
if (created.status !== 201) throw new Error(`probe booking: ${created.status} ${JSON.stringify(created.body)}`);
const keyId = created.body.checkout.keyId;
const paid = await json(await fetch(`${server.base}/sandbox/razorpay/v1/checkout/pay`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key_id: keyId, order_id: created.body.checkout.orderId, outcome: 'success', method: 'upi' }) }));
// The signature the checkout returned is the one the benchmark computes for its bookings.
const expected = createHmac('sha256', keySecret).update(`${paid.body.razorpay_order_id}|${paid.body.razorpay_payment_id}`).digest('hex');
if (paid.body.razorpay_signature !== expected) throw new Error('the checkout signs differently from the benchmark');
const verified = await json(await fetch(`${server.base}/api/payments/verify`, { method: 'POST', headers: auth(probe.token), body: JSON.stringify(paid.body) }));
if (verified.body.status !== 'confirmed') throw new Error(`probe verify: ${verified.status} ${JSON.stringify(verified.body)}`);

// ---- the baseline: one INSERT per request through the same kind of pool, in its own process ----------------
const baselineSource = `
  import express from 'express';
  import pg from 'pg';
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: ${POOL_SIZE} });
  const app = express();
  app.use(express.json());
  app.post('/insert', async (req, res) => {
    const { rows } = await pool.query('insert into bench_baseline (payload) values ($1) returning id', [JSON.stringify(req.body)]);
    res.status(201).json({ id: rows[0].id });
  });
  const server = app.listen(0, '127.0.0.1', () => process.stdout.write(String(server.address().port) + '\\n'));
  process.on('SIGTERM', () => {
    server.closeAllConnections();
    server.close();
    pool.end().finally(() => process.exit(0));
  });
`;
const baselineChild = spawn(process.execPath, ['--input-type=module', '-e', baselineSource], { cwd: repoRoot, env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: ['ignore', 'pipe', 'inherit'] });
const baselinePort = await new Promise((resolve, reject) => {
  baselineChild.stdout.once('data', (chunk) => resolve(Number(String(chunk).trim())));
  baselineChild.once('exit', (code) => reject(new Error(`baseline server exited (${code})`)));
});
const baselineBase = `http://127.0.0.1:${baselinePort}`;

// ---- the booking flow under load ---------------------------------------------------------------------------
const samples = { create: [], pay: [], verify: [], booking: [], ours: [] };
const outcomes = { confirmed: 0, createFailed: {}, payFailed: {}, verifyFailed: {} };
const bump = (map, status) => (map[status] = (map[status] ?? 0) + 1);
const create = {
  method: 'POST',
  path: '/api/bookings',
  setupRequest: (req, context) => {
    const slot = allocate();
    context.token = slot.token;
    context.started = performance.now();
    return { ...req, headers: { ...auth(slot.token), 'Idempotency-Key': randomUUID() }, body: JSON.stringify({ mentorSlug: slot.slug, startsAt: slot.startsAt, durationMinutes: 30, topic: 'Benchmark booking', agenda: '' }) };
  },
  onResponse: (status, body, context) => {
    context.created = performance.now();
    context.checkout = undefined;
    context.payment = undefined;
    if (status !== 201) return void bump(outcomes.createFailed, status);
    context.checkout = JSON.parse(body).checkout;
    context.paid = context.created;
    context.payStarted = context.created;
    if (PAY === 'signature') context.payment = JSON.stringify(checkoutResult(context.checkout.orderId));
  },
};
const pay = {
  method: 'POST',
  path: '/sandbox/razorpay/v1/checkout/pay',
  // Without an order there is nothing to pay: returning nothing starts the next booking.
  setupRequest: (req, context) => {
    if (!context.checkout) return undefined;
    context.payStarted = performance.now();
    return { ...req, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key_id: context.checkout.keyId, order_id: context.checkout.orderId, outcome: 'success', method: 'upi' }) };
  },
  onResponse: (status, body, context) => {
    context.paid = performance.now();
    if (status !== 200) return void bump(outcomes.payFailed, status);
    context.payment = body;
  },
};
const verify = {
  method: 'POST',
  path: '/api/payments/verify',
  setupRequest: (req, context) => {
    if (!context.payment) return undefined;
    context.verifyStarted = performance.now();
    return { ...req, headers: auth(context.token), body: context.payment };
  },
  onResponse: (status, body, context) => {
    const done = performance.now();
    if (status !== 200 || JSON.parse(body).status !== 'confirmed') return void bump(outcomes.verifyFailed, status);
    outcomes.confirmed++;
    samples.create.push(context.created - context.started);
    samples.pay.push(context.paid - context.payStarted);
    samples.verify.push(done - context.verifyStarted);
    samples.booking.push(done - context.started);
    samples.ours.push(context.created - context.started + (done - context.verifyStarted));
  },
};
const requests = PAY === 'sandbox' ? [create, pay, verify] : [create, verify];

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;
};
const ms = (v) => `${Math.round(v)} ms`;

console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model}, node ${process.version}; ${connections} connections, ${duration} s each; payment: ${PAY === 'sandbox' ? 'sandbox checkout (3 requests)' : 'checkout signature (2 requests)'}`);
const flow = await load({ url: server.base, connections, duration, requests });
const bookingsPerSecond = outcomes.confirmed / flow.duration;
summarise('booking flow (requests)', flow);

// What the bookings queued (emails, webhooks and their effects) is done by the server in the background; the
// baselines run only once it is, or it would be measured as their slowness.
const drainStarted = performance.now();
const backlog = async () =>
  (
    await client.query(`select (select count(*)::int from email_outbox where status = 'pending')
      + (select count(*)::int from webhook_events where status = 'received')
      + (select count(*)::int from sandbox_webhooks where delivered_at is null and attempts < 12) as n`)
  ).rows[0].n;
let left = await backlog();
while (left > 0 && performance.now() - drainStarted < 300_000) {
  await new Promise((resolve) => setTimeout(resolve, 250));
  left = await backlog();
}
const drainSeconds = (performance.now() - drainStarted) / 1000;
console.log(`background work (emails, webhooks) done ${drainSeconds.toFixed(1)} s after the run${left > 0 ? ` — ${left} items still waiting` : ''}`);
const insert = summarise('baseline INSERT', await load({ url: `${baselineBase}/insert`, connections, duration, method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ topic: 'Benchmark booking', agenda: '' }) }));
const health = summarise('GET /api/health', await load({ url: `${server.base}/api/health`, connections, duration }));

// ---- the books after the run ------------------------------------------------------------------------------
const { rows: [books] } = await client.query(`
  select (select count(*)::int from bookings where status = 'confirmed') as confirmed,
         (select count(*)::int from ledger_transfers where code = 'capture') as captures,
         (select count(*)::int from notifications where type = 'booking_confirmed') as notifications,
         (select sum(debits_posted)::bigint = sum(credits_posted)::bigint and sum(debits_pending)::bigint = sum(credits_pending)::bigint from ledger_balances) as balanced`);
await client.end();
baselineChild.kill('SIGTERM');
await server.stop();

const failures = { create: outcomes.createFailed, pay: outcomes.payFailed, verify: outcomes.verifyFailed };
console.log('');
console.log('summary');
console.log(`  bookings confirmed in the run: ${outcomes.confirmed} in ${flow.duration.toFixed(1)} s → ${bookingsPerSecond.toFixed(1)} bookings/s (${requests.length} requests each, ${(bookingsPerSecond * requests.length).toFixed(0)} requests/s; failures by step: ${JSON.stringify(failures)})`);
console.log(`  per booking, end to end: p50 ${ms(percentile(samples.booking, 50))}, p99 ${ms(percentile(samples.booking, 99))}`);
console.log(`  per booking, our two requests (create + verify): p50 ${ms(percentile(samples.ours, 50))}, p99 ${ms(percentile(samples.ours, 99))}`);
console.log(`    create p50 ${ms(percentile(samples.create, 50))} p99 ${ms(percentile(samples.create, 99))}; verify p50 ${ms(percentile(samples.verify, 50))} p99 ${ms(percentile(samples.verify, 99))}${PAY === 'sandbox' ? `; sandbox pay p50 ${ms(percentile(samples.pay, 50))} p99 ${ms(percentile(samples.pay, 99))}` : ''}`);
console.log(`  background work after the run: done in ${drainSeconds.toFixed(1)} s → sustained ${(outcomes.confirmed / (flow.duration + drainSeconds)).toFixed(1)} bookings/s with everything they queued`);
console.log(`  baseline INSERT: ${insert.requestsPerSecond} req/s (p50 ${insert.p50Ms} ms, p99 ${insert.p99Ms} ms); health: ${health.requestsPerSecond} req/s`);
console.log(`  ratio bookings/s ÷ baseline INSERT req/s: ${(bookingsPerSecond / insert.requestsPerSecond).toFixed(3)} (requests/s ÷ baseline: ${((bookingsPerSecond * requests.length) / insert.requestsPerSecond).toFixed(3)}); bookings/s ÷ health req/s: ${(bookingsPerSecond / health.requestsPerSecond).toFixed(3)}`);
console.log(`  books after the run: ${books.confirmed} confirmed bookings, ${books.captures} capture transfers, ${books.notifications} confirmation notifications, ledger balanced: ${books.balanced}`);
