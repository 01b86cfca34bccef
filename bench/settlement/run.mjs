// bench/settlement: the jobs after the sessions (issue: "20,000 completed bookings on the server PostgreSQL settled and
// released by the jobs; report bookings/s with pgbench TPC-B tps measured in the same run. Goal ≥ 5,000 settled/s").
// What it measures: `settle-sessions` deciding 20,000 due sessions from their attendance evidence (each completed:
// status, release time, the mentor's counters, both people told in-app and by email), then, a day later,
// `release-escrow` paying each one's held split out of escrow (three pending ledger transfers posted, the mentor told).
// How:
//   1. A fresh database on the server PostgreSQL. 200 mentors (open all day) and 1,000 students by SQL, as
//      bench/booking seeds them. 40 bookings are REAL: booked, paid in the built-in sandbox and verified through the
//      product server's API, two days ahead, so their rows are what the product writes. The server is then stopped and
//      the 40 are cloned by SQL up to BENCH_SESSIONS confirmed bookings (new ids and codes; booking n is mentor n % 200's
//      (n / 200)-th half hour, so no two of a mentor's bookings or occupancies overlap): their occupancies, payments
//      (new gateway ids), booking notifications and ledger transfers with the booking id, the mentor's wallet and the
//      gateway ids rewritten and the shard recomputed with the product's own `shardOf`; wallet accounts for the mentors
//      the real bookings did not reach; then `ledger_balances` are rebuilt from `ledger_transfers`. Every column a
//      clone does not rewrite is copied from its template row, whatever the schema has by then. Every session gets
//      attendance evidence for both people over the whole session (source 'video', as test/settlement-jobs.test.ts
//      stores it), so each settles as completed. Not cloned, as no job here reads them: idempotency keys, the gateway
//      sandbox's own tables and the confirmation emails (sent). The seed is checked before anything is timed: every
//      booking confirmed with money held, one captured payment, its transfers in its shard, two evidence rows and one
//      occupancy; the ledger balanced and its running totals equal to the sums of the transfers. VACUUM ANALYZE, CHECKPOINT.
//   2. The baseline, in the same invocation on the same server: pgbench TPC-B (`pgbench -i -s 10`, then
//      `pgbench -n -c <processes> -j <processes, at most the CPUs> -T 15`) on its own fresh database, once before the
//      jobs and once after them; the ratios use the mean of the two.
//   3. BENCH_PROCESSES (default 3) `node backend/dist/cli.js job settle-sessions --now <last end + grace>` processes at
//      once, timed from spawn until all have exited (each process starts Node, checks the migrations and runs the job
//      until nothing is due). Checked: they exit 0 and handled BENCH_SESSIONS in all, every session completed and held
//      with a release time, told once to each person, the mentors' counters count each once, the ledger still
//      balances, and one more run finds nothing due (its time is the fixed cost of a job process, printed).
//      Then `release-escrow` the same way, at the latest release time: every session released, each pending split
//      posted once, escrow empty, every mentor's wallet equal to the sum of its transfers and to its sessions' shares,
//      the mentor told once.
//   4. Report: settled/s and released/s (sessions ÷ wall time), pgbench tps, their ratios; a row for
//      docs/PERFORMANCE.md and JSON. Any failed check prints what failed and exits 1. The machine is shared and noisy:
//      compare the ratios across runs, not the absolute figures.
// Usage: npm run build && node bench/settlement/run.mjs
//   (BENCH_DATABASE_URL — the server, default postgres://postgres@127.0.0.1:5432/postgres; BENCH_SESSIONS, default
//   20000; BENCH_PROCESSES, default 3; BENCH_PGBENCH_SECONDS, default 15; BENCH_JOB_TIMEOUT_SECONDS, default 1800, after
//   which a job process is killed and the run fails; BENCH_CPU_PROFILE=<dir> writes each job process's CPU profile there;
//   PGOPTIONS reaches the job processes, e.g. '-c log_min_duration_statement=0' to see each statement's time)
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { signAccessToken } from '../../backend/dist/modules/auth/auth.service.js';
import { BOOKING_CODE_PATTERN } from '../../backend/dist/modules/bookings/bookings.policy.js';
import { openPg } from '../../backend/dist/db/client.js';
import { ledgerProblems as checkLedger, shardOf, walletAccount } from '../../backend/dist/modules/ledger/ledger.service.js';
import { freshDatabase, repoRoot, startServer } from '../lib/harness.mjs';

const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 20_000);
const PROCESSES = Number(process.env.BENCH_PROCESSES ?? 3);
const PGBENCH_SECONDS = Number(process.env.BENCH_PGBENCH_SECONDS ?? 15);
const MENTORS = 200;
const STUDENTS = 1_000;
const TEMPLATES = Math.min(40, SESSIONS);
const MINUTE = 60_000;
const HALF_HOUR = 30 * MINUTE;
const DAY = 86_400_000;
// The job's defaults (config.ts): a session is due JOIN_GRACE_MINUTES after its end.
const JOIN_GRACE_MINUTES = 15;
const JOB_TIMEOUT_MS = Number(process.env.BENCH_JOB_TIMEOUT_SECONDS ?? 1_800) * 1000;
const JWT_SECRET = randomBytes(48).toString('base64url');
if (!Number.isInteger(SESSIONS) || SESSIONS < 1) throw new Error('BENCH_SESSIONS must be a positive integer');
if (!Number.isInteger(PROCESSES) || PROCESSES < 1) throw new Error('BENCH_PROCESSES must be a positive integer');

const seconds = (from) => (performance.now() - from) / 1000;
const fmt = (n, digits = 1) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const phases = {};
const problems = [];
const fail = (phase, found) => {
  for (const p of found) problems.push(`${phase}: ${p}`);
  if (found.length) {
    console.error(`\n${phase}: ${found.length} problem(s)`);
    for (const p of found.slice(0, 20)) console.error(`  - ${p}`);
    if (found.length > 20) console.error(`  … and ${found.length - 20} more`);
  }
  return found.length === 0;
};

console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model}, node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
console.log(`settlement benchmark: ${SESSIONS} sessions, ${PROCESSES} job processes, pgbench ${PGBENCH_SECONDS} s × ${PROCESSES} clients`);

// ---- 1. the data ------------------------------------------------------------------------------------------------
let started = performance.now();
const databaseUrl = await freshDatabase('mc_bench_settlement');
const server = await startServer(databaseUrl, { SEED_DEMO_DATA: 'false', JWT_SECRET, ACCESS_TOKEN_TTL_SECONDS: '3600', DEMO_MODE: 'true' });
const db = new pg.Client({ connectionString: databaseUrl });
await db.connect();
const q = async (text, values) => (await db.query(text, values)).rows;
let serverStopped = false;
const stopServer = async () => {
  if (!serverStopped) await server.stop();
  serverStopped = true;
};

try {
  const mentorRows = await q(`
    with ids as (select g, gen_random_uuid() as id from generate_series(1, ${MENTORS}) g),
    u as (
      insert into users (id, email, name, password_hash, role)
      select id, 'bench-settle-mentor-' || g || '@example.test', 'Bench Mentor ' || g, 'x', 'mentor' from ids returning id, email
    )
    insert into mentors (user_id, slug, headline, bio, experience, expertise, session_topics, languages, companies, price30_paise, price60_paise, time_zone, approved_at)
    select u.id, 'bench-settle-mentor-' || ids.g, 'Benchmark mentor', 'Benchmark bio', '[]', '{Go}', '{Backend}', '{English}', '{Acme}', 100000, 180000, 'UTC', now()
    from ids join u on u.email = 'bench-settle-mentor-' || ids.g || '@example.test'
    returning user_id, slug`);
  mentorRows.sort((a, b) => Number(a.slug.split('-').pop()) - Number(b.slug.split('-').pop()));
  await q(`
    insert into availability_settings (mentor_id, time_zone, session_lengths, buffer_before_minutes, buffer_after_minutes, min_notice_minutes, horizon_days, slot_interval_minutes, daily_limit, weekly_limit)
    select user_id, 'UTC', '{30,60}', 0, 0, 0, 90, 30, null, null from mentors where slug like 'bench-settle-mentor-%'`);
  await q(`
    insert into availability_weekly_rules (mentor_id, weekday, start_minute, end_minute)
    select m.user_id, d, 0, 1440 from mentors m cross join generate_series(0, 6) d where m.slug like 'bench-settle-mentor-%'`);
  const studentRows = await q(`
    insert into users (email, name, password_hash, role)
    select 'bench-settle-student-' || g || '@example.test', 'Bench Student ' || g, 'x', 'student' from generate_series(1, ${STUDENTS}) g
    returning id, email`);
  studentRows.sort((a, b) => Number(/(\d+)@/.exec(a.email)[1]) - Number(/(\d+)@/.exec(b.email)[1]));
  await q('analyze');

  // Booking n: mentor n % 200, student n % 1,000, the (n / 200)-th half hour from midnight UTC two days ahead.
  const firstStart = Math.ceil((Date.now() + 2 * DAY) / DAY) * DAY;
  const slotOf = (n) => ({ mentor: mentorRows[n % MENTORS], student: studentRows[n % STUDENTS], startsAt: firstStart + Math.floor(n / MENTORS) * HALF_HOUR });

  // The real bookings (n < 40), through the API and the sandbox as the web app makes them, eight at a time.
  const post = async (urlPath, body, headers = {}) => {
    const res = await fetch(`${server.base}${urlPath}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    return { status: res.status, body: await res.json() };
  };
  const templates = [];
  for (let i = 0; i < TEMPLATES; i += 8) {
    await Promise.all(
      Array.from({ length: Math.min(8, TEMPLATES - i) }, async (_, k) => {
        const n = i + k;
        const { mentor, student, startsAt } = slotOf(n);
        const auth = { authorization: `Bearer ${signAccessToken({ jwtSecret: JWT_SECRET, accessTokenTtlSeconds: 3600 }, { id: student.id, role: 'student' })}` };
        const created = await post('/api/bookings', { mentorSlug: mentor.slug, startsAt: new Date(startsAt).toISOString(), durationMinutes: 30, topic: 'Benchmark session', agenda: '' }, { ...auth, 'Idempotency-Key': randomUUID() });
        if (created.status !== 201) throw new Error(`booking ${n}: ${created.status} ${JSON.stringify(created.body)}`);
        const { checkout } = created.body;
        const paid = await post('/sandbox/razorpay/v1/checkout/pay', { key_id: checkout.keyId, order_id: checkout.orderId, outcome: 'success', method: 'upi' });
        if (paid.status !== 200) throw new Error(`sandbox pay ${n}: ${paid.status} ${JSON.stringify(paid.body)}`);
        const verified = await post('/api/payments/verify', paid.body, auth);
        if (verified.status !== 200 || verified.body.status !== 'confirmed') throw new Error(`verify ${n}: ${verified.status} ${JSON.stringify(verified.body)}`);
        templates[n] = created.body.booking.id;
      }),
    );
  }
  // What the payments queued (emails, the sandbox's webhooks and their effects) is done by the server before it stops,
  // so the rows cloned are final.
  const backlog = async () =>
    (
      await q(`select (select count(*)::int from email_outbox where status = 'pending')
        + (select count(*)::int from webhook_events where status = 'received')
        + (select count(*)::int from sandbox_webhooks where delivered_at is null and attempts < 12) as n`)
    )[0].n;
  const drainStarted = performance.now();
  let left = await backlog();
  while (left > 0 && seconds(drainStarted) < 120) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    left = await backlog();
  }
  if (left > 0) console.log(`note: ${left} emails or webhooks of the real bookings were still waiting after 120 s`);
  await stopServer();
  phases.realBookingsSeconds = seconds(started);
  console.log(`seeded ${MENTORS} mentors, ${STUDENTS} students and ${TEMPLATES} real paid bookings through the API in ${fmt(phases.realBookingsSeconds)} s`);

  // ---- the clones ----
  started = performance.now();
  const templateRows = await q(`select id, code, mentor_id, student_id, starts_at from bookings where id = any($1::uuid[])`, [templates]);
  const byId = new Map(templateRows.map((r) => [r.id, r]));
  const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
  const taken = new Set((await q('select code from bookings')).map((r) => r.code));
  const codeDate = new Date().toISOString().slice(0, 10).replaceAll('-', '');
  let codeCounter = 0;
  const nextCode = () => {
    for (;;) {
      let k = codeCounter++;
      let suffix = '';
      for (let i = 0; i < 4; i++, k = Math.floor(k / CODE_ALPHABET.length)) suffix = CODE_ALPHABET[k % CODE_ALPHABET.length] + suffix;
      const code = `MC-${codeDate}-${suffix}`;
      if (!taken.has(code)) return code;
    }
  };
  const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  const gatewayId = (prefix) => `${prefix}_${[...randomBytes(14)].map((b) => BASE62[b % 62]).join('')}`;
  const clone = { n: [], id: [], template: [], templateWallet: [], mentor: [], wallet: [], student: [], shiftMs: [], code: [], orderId: [], paymentId: [], shard: [] };
  for (let n = TEMPLATES; n < SESSIONS; n++) {
    const template = byId.get(templates[n % TEMPLATES]);
    const { mentor, student, startsAt } = slotOf(n);
    const id = randomUUID();
    const code = nextCode();
    if (!BOOKING_CODE_PATTERN.test(code)) throw new Error(`made-up booking code ${code} does not look like the product's`);
    clone.n.push(n);
    clone.id.push(id);
    clone.template.push(template.id);
    clone.templateWallet.push(walletAccount(template.mentor_id));
    clone.mentor.push(mentor.user_id);
    clone.wallet.push(walletAccount(mentor.user_id));
    clone.student.push(student.id);
    clone.shiftMs.push(startsAt - template.starts_at.getTime());
    clone.code.push(code);
    clone.orderId.push(gatewayId('order'));
    clone.paymentId.push(gatewayId('pay'));
    clone.shard.push(shardOf(id));
  }
  const columnsOf = async (table) =>
    (await q(`select column_name from information_schema.columns where table_schema = 'public' and table_name = $1 and is_generated = 'NEVER' order by ordinal_position`, [table])).map((r) => r.column_name);
  /** insert into `table` a row per row of `from` (with the template row as `t`): `overrides` by column, the rest copied from `t`. */
  const cloneInto = async (table, from, overrides) => {
    const columns = await columnsOf(table);
    for (const c of Object.keys(overrides)) if (!columns.includes(c)) throw new Error(`${table}.${c} is not a column`);
    const result = await db.query(`insert into ${table} (${columns.map((c) => `"${c}"`).join(', ')}) select ${columns.map((c) => overrides[c] ?? `t."${c}"`).join(', ')} ${from}`);
    return result.rowCount;
  };
  const cloned = {};
  await q('begin');
  await q(`create temporary table bench_clones (n int primary key, id uuid not null, template_id uuid not null, template_wallet text not null, mentor_id uuid not null,
    wallet text not null, student_id uuid not null, shift interval not null, code text not null, order_id text not null, payment_id text not null, shard smallint not null) on commit drop`);
  await q(
    `insert into bench_clones select n, id, template_id, template_wallet, mentor_id, wallet, student_id, shift_ms * interval '1 millisecond', code, order_id, payment_id, shard
     from unnest($1::int[], $2::uuid[], $3::uuid[], $4::text[], $5::uuid[], $6::text[], $7::uuid[], $8::bigint[], $9::text[], $10::text[], $11::text[], $12::smallint[])
       as x(n, id, template_id, template_wallet, mentor_id, wallet, student_id, shift_ms, code, order_id, payment_id, shard)`,
    [clone.n, clone.id, clone.template, clone.templateWallet, clone.mentor, clone.wallet, clone.student, clone.shiftMs, clone.code, clone.orderId, clone.paymentId, clone.shard],
  );
  // A new booking is pending_payment with nothing settled (the guard trigger refuses anything else); it is then
  // confirmed with its money held as the capture does, through the same trigger.
  cloned.bookings = await cloneInto('bookings', 'from bench_clones c join bookings t on t.id = c.template_id', {
    id: 'c.id',
    code: 'c.code',
    mentor_id: 'c.mentor_id',
    student_id: 'c.student_id',
    starts_at: 't.starts_at + c.shift',
    ends_at: 't.ends_at + c.shift',
    earliest_starts_at: 't.earliest_starts_at + c.shift',
    previous_starts_at: 't.previous_starts_at + c.shift',
    status: `'pending_payment'`,
    settlement: 'null',
  });
  await q(`update bookings b set status = t.status, settlement = t.settlement from bench_clones c join bookings t on t.id = c.template_id where b.id = c.id`);
  cloned.occupancies = await cloneInto('occupancies', 'from bench_clones c join occupancies t on t.source_id = c.template_id', {
    id: 'gen_random_uuid()',
    mentor_id: 'c.mentor_id',
    source_id: 'c.id',
    starts_at: 't.starts_at + c.shift',
    occupied: `tstzrange(lower(t.occupied) + c.shift, upper(t.occupied) + c.shift, (case when lower_inc(t.occupied) then '[' else '(' end) || (case when upper_inc(t.occupied) then ']' else ')' end))`,
  });
  cloned.payments = await cloneInto('payments', 'from bench_clones c join payments t on t.booking_id = c.template_id', {
    id: 'gen_random_uuid()',
    booking_id: 'c.id',
    student_id: 'c.student_id',
    gateway_order_id: 'c.order_id',
    gateway_payment_id: 'c.payment_id',
  });
  // The wallets of mentors the real bookings did not reach, as the ledger opens them (a template's wallet row).
  cloned.walletAccounts = await cloneInto(
    'ledger_accounts',
    `from (select distinct wallet, mentor_id from bench_clones) w join ledger_accounts t on t.id = (select template_wallet from bench_clones limit 1)
     where not exists (select 1 from ledger_accounts a where a.id = w.wallet)`,
    { id: 'w.wallet', owner_id: 'w.mentor_id' },
  );
  const ids = (column) => `replace(replace(replace(${column}, c.template_id::text, c.id::text), tb.mentor_id::text, c.mentor_id::text), tb.student_id::text, c.student_id::text)`;
  cloned.transfers = await cloneInto('ledger_transfers', 'from bench_clones c join bookings tb on tb.id = c.template_id join ledger_transfers t on t.booking_id = c.template_id join payments tp on tp.booking_id = c.template_id', {
    id: 'replace(t.id, c.template_id::text, c.id::text)',
    pending_id: 'replace(t.pending_id, c.template_id::text, c.id::text)',
    debit_account_id: 'case when t.debit_account_id = c.template_wallet then c.wallet else t.debit_account_id end',
    credit_account_id: 'case when t.credit_account_id = c.template_wallet then c.wallet else t.credit_account_id end',
    booking_id: 'c.id',
    external_ref: 'case t.external_ref when tp.gateway_payment_id then c.payment_id when tp.gateway_order_id then c.order_id else t.external_ref end',
    shard: 'c.shard',
  });
  cloned.notifications = await cloneInto('notifications', `from bench_clones c join bookings tb on tb.id = c.template_id join notifications t on t.data->>'bookingId' = c.template_id::text`, {
    id: 'gen_random_uuid()',
    user_id: 'case t.user_id when tb.student_id then c.student_id when tb.mentor_id then c.mentor_id else t.user_id end',
    title: 'replace(t.title, tb.code, c.code)',
    body: 'replace(t.body, tb.code, c.code)',
    data: `replace(${ids('t.data::text')}, tb.code, c.code)::jsonb`,
    action_url: ids('t.action_url'),
    dedupe_key: ids('t.dedupe_key'),
  });
  // The running totals, from the transfers (as the ledger's upsert keeps them: a wallet in shard 0, a platform
  // account in each transfer's shard).
  await q('delete from ledger_balances');
  await q(`
    insert into ledger_balances (account_id, shard, kind, debits_posted, credits_posted, debits_pending, credits_pending)
    select m.account, case when a.kind = 'mentor_wallet' then 0 else m.shard end, a.kind,
      coalesce(sum(m.debit) filter (where m.kind in ('posted', 'post_pending')), 0),
      coalesce(sum(m.credit) filter (where m.kind in ('posted', 'post_pending')), 0),
      sum(case m.kind when 'pending' then m.debit when 'posted' then 0 else -m.debit end),
      sum(case m.kind when 'pending' then m.credit when 'posted' then 0 else -m.credit end)
    from (
      select debit_account_id as account, shard, amount as debit, 0::bigint as credit, kind from ledger_transfers
      union all
      select credit_account_id, shard, 0, amount, kind from ledger_transfers
    ) m join ledger_accounts a on a.id = m.account
    group by 1, 2, 3`);
  // Both people in the call for the whole session: every session settles as completed.
  cloned.evidence = (
    await db.query(`
      insert into attendance_evidence (meeting_id, user_id, source, evidence_key, opened_at, last_seen_at, closed_at)
      select coalesce(b.slot_id, b.id), p.user_id, 'video', 'seed-' || p.user_id, b.starts_at, b.starts_at, b.ends_at
      from bookings b cross join lateral (values (b.mentor_id), (b.student_id)) p(user_id)`)
  ).rowCount;
  await q('commit');
  phases.cloneSeconds = seconds(started);
  console.log(`cloned ${SESSIONS - TEMPLATES} bookings in ${fmt(phases.cloneSeconds)} s: ${JSON.stringify(cloned)}`);

  // ---- the seed, checked ----
  started = performance.now();
  // The ledger's own consistency check (modules/ledger/ledger.checks.ts), on a connection of its own.
  const ledgerDatabase = openPg(databaseUrl, 1);
  const ledgerProblems = () => checkLedger(ledgerDatabase.db);
  const seedProblems = [...(await ledgerProblems())];
  const [seed] = await q(`
    select count(*)::int as bookings,
      count(*) filter (where status = 'confirmed' and settlement = 'held' and settled_at is null and release_at is null)::int as held,
      count(*) filter (where ends_at - starts_at <> interval '30 minutes')::int as not_half_hour,
      (select count(*)::int from payments p where p.status = 'captured') as captured,
      (select count(distinct booking_id)::int from payments p where p.status = 'captured') as captured_bookings,
      (select count(*)::int from occupancies o where o.active and o.kind = 'booking') as occupancies,
      (select count(*)::int from attendance_evidence) as evidence,
      (select count(*)::int from ledger_transfers where code = 'capture') as captures,
      (select count(*)::int from ledger_transfers where kind = 'pending') as pending,
      (select count(*)::int from ledger_transfers x where x.booking_id is null or position(x.booking_id::text in x.id) = 0) as foreign_ids,
      (select count(*)::int from notifications where type = 'session_settled') as told,
      (select sum(sessions_completed + sessions_confirmed + distinct_students + repeat_students + mentor_no_shows)::int from mentors) as counted
    from bookings`);
  const [parts] = await q(`select count(*)::int as n from ledger_transfers where booking_id = $1 and kind = 'pending'`, [templates[0]]);
  const expect = (what, got, want) => got !== want && seedProblems.push(`${what}: ${got}, expected ${want}`);
  expect('bookings', seed.bookings, SESSIONS);
  expect('bookings confirmed with their money held, unsettled', seed.held, SESSIONS);
  expect('bookings not half an hour long', seed.not_half_hour, 0);
  expect('captured payments', seed.captured, SESSIONS);
  expect('bookings with a captured payment', seed.captured_bookings, SESSIONS);
  expect('active booking occupancies', seed.occupancies, SESSIONS);
  expect('evidence rows', seed.evidence, 2 * SESSIONS);
  expect('capture transfers', seed.captures, SESSIONS);
  expect('pending split transfers', seed.pending, parts.n * SESSIONS);
  expect('transfers whose id is not their booking’s', seed.foreign_ids, 0);
  expect('session_settled notifications', seed.told, 0);
  expect('sum of the mentors’ session counters', seed.counted, 0);
  if (parts.n === 0) seedProblems.push('the real bookings have no pending split transfers');
  // Every booking's transfers sit in the shard the product's shardOf gives its id (the real ones show the product agrees).
  const shardRows = await q(`select booking_id, array_agg(distinct shard) as shards from ledger_transfers where booking_id is not null group by booking_id`);
  for (const r of shardRows) if (r.shards.length !== 1 || r.shards[0] !== shardOf(r.booking_id)) seedProblems.push(`booking ${r.booking_id}: transfers in shards ${r.shards}, shardOf says ${shardOf(r.booking_id)}`);
  phases.seedCheckSeconds = seconds(started);
  if (!fail('seed', seedProblems)) throw new Error('the seed is not what the benchmark needs; nothing was timed');
  console.log(`seed checked in ${fmt(phases.seedCheckSeconds)} s: ${SESSIONS} bookings confirmed with money held, ${parts.n} pending split transfers each, ledger balanced and its totals equal to the transfers`);
  started = performance.now();
  await q('vacuum analyze');
  await q('checkpoint');
  console.log(`vacuum analyze, checkpoint: ${fmt(seconds(started))} s`);

  // ---- 2. the baseline: pgbench TPC-B on its own database ----------------------------------------------------------
  const pgbenchUrl = await freshDatabase('mc_bench_settlement_tpcb');
  const pgbenchJobs = Math.max(1, Math.min(PROCESSES, os.cpus().length));
  const run = (command, args) =>
    new Promise((resolve, reject) => {
      const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (chunk) => (out += chunk));
      child.stderr.on('data', (chunk) => (out += chunk));
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${out}`))));
    });
  started = performance.now();
  await run('pgbench', ['-i', '-q', '-s', '10', pgbenchUrl]);
  console.log(`pgbench -i -s 10: ${fmt(seconds(started))} s`);
  const tpcb = async (label) => {
    await q('checkpoint');
    const out = await run('pgbench', ['-n', '-c', String(PROCESSES), '-j', String(pgbenchJobs), '-T', String(PGBENCH_SECONDS), pgbenchUrl]);
    const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(out)?.[1] ?? /tps = ([\d.]+)/.exec(out)?.[1]);
    const latency = /latency average = ([\d.]+) ms/.exec(out)?.[1];
    if (!Number.isFinite(tps)) throw new Error(`pgbench printed no tps: ${out}`);
    console.log(`pgbench TPC-B (${label}): ${fmt(tps)} tps, latency average ${latency} ms (-c ${PROCESSES} -j ${pgbenchJobs} -T ${PGBENCH_SECONDS})`);
    return tps;
  };
  const tpsBefore = await tpcb('before the jobs');

  // ---- 3. the jobs ---------------------------------------------------------------------------------------------------
  const jobEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    DEMO_MODE: 'true',
    DATABASE_URL: databaseUrl,
    JWT_SECRET,
    LOG_LEVEL: 'silent',
    DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'mc-bench-settle-')),
    // No gateway: every session completes, so nothing is refunded (and the server with its sandbox is stopped).
  };
  const dbStats = async () => {
    await q('select pg_stat_clear_snapshot()');
    const [s] = await q('select deadlocks::int, xact_rollback::int as rollbacks from pg_stat_database where datname = current_database()');
    return s;
  };
  const runJob = (name, now, i) =>
    new Promise((resolve) => {
      const t0 = performance.now();
      const profile = process.env.BENCH_CPU_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROFILE] : [];
      const child = spawn(process.execPath, [...profile, 'backend/dist/cli.js', 'job', name, '--now', now.toISOString()], {
        cwd: repoRoot,
        env: { ...jobEnv, PGAPPNAME: `mc-bench-${name}-${i}`, ...(process.env.PGOPTIONS ? { PGOPTIONS: process.env.PGOPTIONS } : {}) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk) => (stdout += chunk));
      child.stderr.on('data', (chunk) => (stderr += chunk));
      const timer = setTimeout(() => child.kill('SIGKILL'), JOB_TIMEOUT_MS);
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        resolve({ code, signal, stdout, stderr, seconds: seconds(t0), handled: Number(new RegExp(`${name}: (\\d+) handled`).exec(stdout)?.[1] ?? NaN) });
      });
    });
  /** `processes` job processes at once, from spawn until all exited; problems if one failed or they did not handle `want`. */
  const runJobs = async (name, now, processes, want) => {
    const before = await dbStats();
    const t0 = performance.now();
    const runs = await Promise.all(Array.from({ length: processes }, (_, i) => runJob(name, now, i)));
    const wall = seconds(t0);
    await new Promise((resolve) => setTimeout(resolve, 600));
    const after = await dbStats();
    const found = [];
    runs.forEach((r, i) => {
      if (r.code !== 0) found.push(`${name} process ${i} exited ${r.code ?? r.signal}: ${r.stderr.trim().slice(0, 2000)}`);
      else if (r.stderr.trim()) console.log(`note: ${name} process ${i} wrote to stderr: ${r.stderr.trim().slice(0, 500)}`);
    });
    const handled = runs.reduce((sum, r) => sum + r.handled, 0);
    if (handled !== want) found.push(`${name}: the processes handled ${runs.map((r) => r.handled).join(' + ')} = ${handled}, expected ${want}`);
    const deadlocks = after.deadlocks - before.deadlocks;
    const rollbacks = after.rollbacks - before.rollbacks;
    return { name, wall, handled, perProcess: runs.map((r) => ({ handled: r.handled, seconds: Number(r.seconds.toFixed(2)), code: r.code })), deadlocks, rollbacks, found };
  };
  const checkRow = async (sqlText, values) => (await q(sqlText, values))[0];

  // Settle, at the last session's end + the join grace (+ a minute).
  const [{ last_end: lastEnd }] = await q('select max(ends_at) as last_end from bookings');
  const settleAt = new Date(lastEnd.getTime() + (JOIN_GRACE_MINUTES + 1) * MINUTE);
  await q('checkpoint');
  const settle = await runJobs('settle-sessions', settleAt, PROCESSES, SESSIONS);
  console.log(
    `settle-sessions × ${PROCESSES}: ${settle.handled} sessions in ${fmt(settle.wall, 2)} s → ${fmt(settle.handled / settle.wall)} settled/s (per process: ${settle.perProcess.map((p) => `${p.handled} in ${p.seconds} s`).join(', ')}; deadlocks ${settle.deadlocks}, rolled-back transactions ${settle.rollbacks})`,
  );
  started = performance.now();
  const settleProblems = [...settle.found, ...(await ledgerProblems())];
  const settled = await checkRow(`
    select count(*) filter (where status = 'completed' and settlement = 'held' and settled_at = $1 and release_at is not null and released_at is null)::int as completed,
      count(*) filter (where status <> 'completed')::int as other
    from bookings`, [settleAt]);
  if (settled.completed !== SESSIONS) settleProblems.push(`${settled.completed} bookings completed with money held and a release time, expected ${SESSIONS} (${settled.other} not completed)`);
  // Told once each: one session_settled notification to the student, one to the mentor, per booking (and their emails).
  const told = await checkRow(`
    with n as (
      select (data->>'bookingId')::uuid as booking_id, count(*) as notes, count(distinct user_id) as people, bool_and(user_id in (b.student_id, b.mentor_id)) as theirs
      from notifications join bookings b on b.id = (data->>'bookingId')::uuid where type = 'session_settled' group by 1
    )
    select (select count(*)::int from bookings b left join n on n.booking_id = b.id where n.notes is distinct from 2 or n.people is distinct from 2 or not n.theirs) as wrong,
      (select count(*)::int from notifications where type = 'session_settled') as notes,
      (select count(*)::int from email_outbox where dedupe_key like 'booking:%:settled:%') as emails`);
  if (told.wrong !== 0) settleProblems.push(`${told.wrong} bookings not told exactly once to each of their two people (${told.notes} notifications)`);
  if (told.emails !== 2 * SESSIONS) settleProblems.push(`${told.emails} settlement emails queued, expected ${2 * SESSIONS}`);
  const counters = await q(`
    with per as (
      select m.user_id, m.sessions_completed, m.sessions_confirmed, m.mentor_no_shows, m.distinct_students, m.repeat_students,
        (select count(*)::int from bookings b where b.mentor_id = m.user_id and b.status = 'completed') as completed,
        (select count(*)::int from (select 1 from bookings b where b.mentor_id = m.user_id and b.status = 'completed' group by b.student_id) s) as students,
        (select count(*)::int from (select 1 from bookings b where b.mentor_id = m.user_id and b.status = 'completed' group by b.student_id having count(*) > 1) s) as repeats
      from mentors m
    )
    select * from per where sessions_completed <> completed or sessions_confirmed <> completed or mentor_no_shows <> 0 or distinct_students <> students or repeat_students <> repeats`);
  for (const m of counters) settleProblems.push(`mentor ${m.user_id}: counters completed/confirmed/distinct/repeat ${m.sessions_completed}/${m.sessions_confirmed}/${m.distinct_students}/${m.repeat_students}, its sessions say ${m.completed}/${m.completed}/${m.students}/${m.repeats}`);
  const settleAgain = await runJobs('settle-sessions', settleAt, 1, 0);
  settleProblems.push(...settleAgain.found.map((p) => `a further run: ${p}`));
  phases.settleCheckSeconds = seconds(started);
  fail('settle', settleProblems);
  console.log(`settlement checked in ${fmt(phases.settleCheckSeconds)} s; one further process found nothing due in ${fmt(settleAgain.wall, 2)} s (the fixed cost of a job process)`);

  // Release, once the last release time has come.
  const [{ last_release: lastRelease }] = await q('select max(release_at) as last_release from bookings');
  const releaseAt = new Date((lastRelease ?? settleAt).getTime() + MINUTE);
  await q('checkpoint');
  const release = await runJobs('release-escrow', releaseAt, PROCESSES, SESSIONS);
  console.log(
    `release-escrow × ${PROCESSES}: ${release.handled} sessions in ${fmt(release.wall, 2)} s → ${fmt(release.handled / release.wall)} released/s (per process: ${release.perProcess.map((p) => `${p.handled} in ${p.seconds} s`).join(', ')}; deadlocks ${release.deadlocks}, rolled-back transactions ${release.rollbacks})`,
  );
  started = performance.now();
  const releaseProblems = [...release.found, ...(await ledgerProblems())];
  await ledgerDatabase.close();
  const released = await checkRow(`
    select count(*) filter (where status = 'completed' and settlement = 'released' and released_at = $1)::int as released,
      count(*) filter (where settlement is distinct from 'released')::int as other
    from bookings`, [releaseAt]);
  if (released.released !== SESSIONS) releaseProblems.push(`${released.released} bookings released, expected ${SESSIONS} (${released.other} not released)`);
  // Each pending split transfer posted exactly once, by the resolution the release names; none left open.
  const posts = await checkRow(`
    select count(*)::int as pending,
      count(*) filter (where r.n = 1 and r.ok)::int as posted_once
    from ledger_transfers p
    left join lateral (select count(*) as n, bool_and(r.kind = 'post_pending' and r.id = p.id || ':post' and r.amount = p.amount) as ok from ledger_transfers r where r.pending_id = p.id) r on true
    where p.kind = 'pending'`);
  if (posts.pending !== parts.n * SESSIONS || posts.posted_once !== posts.pending) releaseProblems.push(`${posts.posted_once} of ${posts.pending} pending split transfers posted exactly once, expected all ${parts.n * SESSIONS}`);
  const [escrow] = await q(`select coalesce(sum(credits_posted - debits_posted), 0)::bigint as net, coalesce(sum(debits_pending + credits_pending), 0)::bigint as pending from ledger_balances where account_id = 'escrow'`);
  if (BigInt(escrow.net) !== 0n || BigInt(escrow.pending) !== 0n) releaseProblems.push(`escrow holds ${escrow.net} posted and ${escrow.pending} pending after every session was released`);
  // Every mentor's wallet: its running total, the sum of the transfers into and out of it, and its sessions' shares agree.
  const wallets = await q(`
    with balance as (
      select account_id, sum(credits_posted - debits_posted - debits_pending)::bigint as available, sum(credits_pending)::bigint as in_escrow from ledger_balances where kind = 'mentor_wallet' group by 1
    ),
    moved as (
      select account, sum(amount)::bigint as net from (
        select credit_account_id as account, amount from ledger_transfers where kind in ('posted', 'post_pending')
        union all select debit_account_id, -amount from ledger_transfers where kind in ('posted', 'post_pending')
      ) x where account like 'mentor_wallet:%' group by 1
    ),
    earned as (select 'mentor_wallet:' || mentor_id as account, sum(mentor_share_paise)::bigint as share from bookings where settlement = 'released' group by 1)
    select coalesce(e.account, b.account_id, m.account) as account, b.available, b.in_escrow, m.net, e.share
    from earned e full join balance b on b.account_id = e.account full join moved m on m.account = coalesce(e.account, b.account_id)
    where b.available is distinct from e.share or m.net is distinct from e.share or b.in_escrow is distinct from 0`);
  for (const w of wallets) releaseProblems.push(`${w.account}: available ${w.available}, in escrow ${w.in_escrow}, transfers net ${w.net}, its released sessions' shares ${w.share}`);
  const releasedTold = await checkRow(`
    select (select count(*)::int from bookings b where (select count(*) from notifications n where n.type = 'payment_released' and n.dedupe_key = 'booking:' || b.id || ':released:' || b.mentor_id) <> 1) as wrong,
      (select count(*)::int from notifications where type = 'payment_released') as notes,
      (select count(*)::int from notifications where type = 'session_settled') as settled_notes`);
  if (releasedTold.wrong !== 0 || releasedTold.notes !== SESSIONS) releaseProblems.push(`${releasedTold.wrong} bookings whose mentor was not told of the release exactly once (${releasedTold.notes} notifications)`);
  if (releasedTold.settled_notes !== 2 * SESSIONS) releaseProblems.push(`${releasedTold.settled_notes} session_settled notifications after the release, expected ${2 * SESSIONS}`);
  const releaseAgain = await runJobs('release-escrow', releaseAt, 1, 0);
  releaseProblems.push(...releaseAgain.found.map((p) => `a further run: ${p}`));
  phases.releaseCheckSeconds = seconds(started);
  fail('release', releaseProblems);
  console.log(`release checked in ${fmt(phases.releaseCheckSeconds)} s; one further process found nothing due in ${fmt(releaseAgain.wall, 2)} s`);

  const tpsAfter = await tpcb('after the jobs');

  // ---- 4. the report ---------------------------------------------------------------------------------------------
  const tps = (tpsBefore + tpsAfter) / 2;
  const settledPerSecond = settle.handled / settle.wall;
  const releasedPerSecond = release.handled / release.wall;
  const result = {
    date: new Date().toISOString().slice(0, 10),
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model}`,
    node: process.version,
    sessions: SESSIONS,
    processes: PROCESSES,
    settle: { seconds: Number(settle.wall.toFixed(2)), perSecond: Math.round(settledPerSecond), perProcess: settle.perProcess, deadlocks: settle.deadlocks, rollbacks: settle.rollbacks },
    release: { seconds: Number(release.wall.toFixed(2)), perSecond: Math.round(releasedPerSecond), perProcess: release.perProcess, deadlocks: release.deadlocks, rollbacks: release.rollbacks },
    emptyJobRunSeconds: { settle: Number(settleAgain.wall.toFixed(2)), release: Number(releaseAgain.wall.toFixed(2)) },
    pgbench: { scale: 10, clients: PROCESSES, threads: pgbenchJobs, seconds: PGBENCH_SECONDS, tpsBefore: Math.round(tpsBefore), tpsAfter: Math.round(tpsAfter), tps: Math.round(tps) },
    settledPerTps: Number((settledPerSecond / tps).toFixed(3)),
    releasedPerTps: Number((releasedPerSecond / tps).toFixed(3)),
    goalSettledPerSecond: 5_000,
    goalMet: settledPerSecond >= 5_000,
    checks: problems.length === 0 ? 'passed' : `${problems.length} failed`,
    phasesSeconds: Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, Number(v.toFixed(1))])),
  };
  console.log('');
  console.log('summary');
  console.log(`  ${SESSIONS} sessions, ${PROCESSES} processes: settled in ${fmt(settle.wall, 2)} s → ${fmt(settledPerSecond)} settled/s; released in ${fmt(release.wall, 2)} s → ${fmt(releasedPerSecond)} released/s`);
  console.log(`  pgbench TPC-B (-c ${PROCESSES}): ${fmt(tpsBefore)} tps before, ${fmt(tpsAfter)} after, mean ${fmt(tps)}`);
  console.log(`  ratios: settled/s ÷ tps ${(settledPerSecond / tps).toFixed(3)}, released/s ÷ tps ${(releasedPerSecond / tps).toFixed(3)}`);
  console.log(`  goal ≥ 5,000 settled/s: ${result.goalMet ? 'met' : 'not met'} (${fmt(settledPerSecond)} settled/s)`);
  console.log(`  checks: ${result.checks}`);
  console.log('');
  console.log('| date | sessions | processes | settle s | settled/s | release s | released/s | pgbench tps (before, after) | settled/s ÷ tps | released/s ÷ tps |');
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  console.log(
    `| ${result.date} | ${SESSIONS.toLocaleString('en-US')} | ${PROCESSES} | ${fmt(settle.wall, 2)} | ${Math.round(settledPerSecond).toLocaleString('en-US')} | ${fmt(release.wall, 2)} | ${Math.round(releasedPerSecond).toLocaleString('en-US')} | ${Math.round(tps).toLocaleString('en-US')} (${Math.round(tpsBefore).toLocaleString('en-US')}, ${Math.round(tpsAfter).toLocaleString('en-US')}) | ${(settledPerSecond / tps).toFixed(3)} | ${(releasedPerSecond / tps).toFixed(3)} |`,
  );
  console.log('');
  console.log(JSON.stringify(result));
} finally {
  await db.end().catch(() => {});
  await stopServer().catch(() => {});
}
if (problems.length) {
  console.error(`\n${problems.length} check(s) failed: the figures above do not stand for a correct run`);
  process.exitCode = 1;
}
