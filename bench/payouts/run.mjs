// bench/payouts: the money leaving (issue: "5,000 withdrawals through approve → payout → processed webhook; report per
// second").
// What it measures: an admin approving BENCH_WITHDRAWALS requested withdrawals through the API, and the product taking
// each one the rest of the way on its own: the `process-payouts` job (kicked by each approval) making the contact, the
// fund account and the payout at the gateway with the withdrawal id as its idempotency key, the gateway (the built-in
// RazorpayX sandbox, in the same server process, as in a demo) processing it and signing a `payout.processed` webhook,
// and the webhook endpoint verifying it, recording it once and moving the withdrawal to processed with its UTR, the
// ledger's pending transfer posted and the payout transfer written, the mentor told in-app and by email.
// How:
//   1. A fresh database on the server PostgreSQL and the built server (production, DEMO_MODE so the sandbox runs, jobs
//      on, SANDBOX_PAYOUT_DELAY_MS=0). BENCH_WITHDRAWALS mentors by SQL; each wallet credited ₹1,000 through the
//      product's own ledger service (a capture into escrow and the share posted to the wallet, as a release leaves
//      it); each a bank account sealed with the server's PAYOUT_DETAILS_KEY by the product's secret box (distinct
//      account numbers: every mentor is a new contact and fund account at the gateway). Each mentor requests ₹600
//      through the API (POST /api/wallet/withdrawals with an Idempotency-Key; BENCH_CONCURRENCY at once) — timed too,
//      reported as requests/s.
//   2. The baseline, in the same invocation on the same server: pgbench TPC-B (`pgbench -i -s 10`, then `pgbench -n
//      -c BENCH_CONCURRENCY -T 15`) on its own database, once before and once after; ratios use the mean.
//   3. Timed: from the first approval (POST /api/admin/withdrawals/:id/approve, BENCH_CONCURRENCY at once, the
//      withdrawal ids in a shuffled order) until every withdrawal is processed (polled every 100 ms by SQL).
//   4. Checked before any figure is printed: every withdrawal processed with a pout_ id and a UTR, exactly one payout
//      per withdrawal at the gateway (sandbox_payouts by reference_id), one `payout.processed` webhook recorded per
//      payout, each wallet at ₹400, the ledger balanced and its running totals equal to its transfers.
//   5. Report: withdrawals/s end to end (approve → processed), approvals/s, requests/s, pgbench tps and the ratio.
//      Caches: none on this path (no read cache is involved), so there is one set of figures.
// Usage: npm run build && node bench/payouts/run.mjs
//   (BENCH_DATABASE_URL — the server, default postgres://postgres@127.0.0.1:5432/postgres; BENCH_WITHDRAWALS, default
//   5000; BENCH_CONCURRENCY, default 8; BENCH_PGBENCH_SECONDS, default 15; BENCH_TIMEOUT_SECONDS, default 900)
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { openPg } from '../../backend/dist/db/client.js';
import { createSecretBox, parseKeyRing } from '../../backend/dist/lib/secret-box.js';
import { signAccessToken } from '../../backend/dist/modules/auth/auth.service.js';
import { ledgerProblems, postEntries, walletAccount } from '../../backend/dist/modules/ledger/ledger.service.js';
import { freshDatabase, startServer } from '../lib/harness.mjs';

const WITHDRAWALS = Number(process.env.BENCH_WITHDRAWALS ?? 5_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const PGBENCH_SECONDS = Number(process.env.BENCH_PGBENCH_SECONDS ?? 15);
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_SECONDS ?? 900) * 1000;
const JWT_SECRET = randomBytes(48).toString('base64url');
const PAYOUT_DETAILS_KEY = `bench:${randomBytes(32).toString('base64')}`;
const FUNDED = 100_000;
const WITHDRAWN = 60_000;
if (!Number.isInteger(WITHDRAWALS) || WITHDRAWALS < 1) throw new Error('BENCH_WITHDRAWALS must be a positive integer');

const seconds = (from) => (performance.now() - from) / 1000;
const fmt = (n, digits = 1) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const problems = [];
const check = (what, ok, detail = '') => {
  if (!ok) problems.push(`${what}${detail ? `: ${detail}` : ''}`);
};
const token = (id, role) => `Bearer ${signAccessToken({ jwtSecret: JWT_SECRET, accessTokenTtlSeconds: 3600 }, { id, role })}`;

/** Runs `work` over `items`, `CONCURRENCY` at a time. */
async function pool(items, work) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(CONCURRENCY, items.length) }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

const run = (command, args) =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (out += chunk));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${out}`))));
  });

console.log(`payouts benchmark: ${WITHDRAWALS} withdrawals, ${CONCURRENCY} at once, pgbench ${PGBENCH_SECONDS} s × ${CONCURRENCY} clients`);
const databaseUrl = await freshDatabase('mc_bench_payouts');
const server = await startServer(databaseUrl, {
  SEED_DEMO_DATA: 'false',
  JWT_SECRET,
  PAYOUT_DETAILS_KEY,
  ACCESS_TOKEN_TTL_SECONDS: '3600',
  DEMO_MODE: 'true',
  JOBS_ENABLED: 'true',
  SANDBOX_PAYOUT_DELAY_MS: '0',
  // The demo's sandbox charges nothing: the balance it pays from is far above what the run moves.
});
const db = new pg.Client({ connectionString: databaseUrl });
await db.connect();
const q = async (text, values) => (await db.query(text, values)).rows;
const product = openPg(databaseUrl, 4);

try {
  // ---- 1. the data ------------------------------------------------------------------------------------------------
  let started = performance.now();
  const admin = (await q(`insert into users (email, name, password_hash, role) values ('bench-payouts-admin@example.test', 'Bench Admin', 'x', 'admin') returning id`))[0];
  const mentors = await q(`
    insert into users (email, name, password_hash, role)
    select 'bench-payout-mentor-' || g || '@example.test', 'Bench Mentor ' || g, 'x', 'mentor' from generate_series(1, ${WITHDRAWALS}) g
    returning id`);
  const box = createSecretBox(parseKeyRing(PAYOUT_DETAILS_KEY));
  for (let i = 0; i < mentors.length; i += 500) {
    const chunk = mentors.slice(i, i + 500);
    await postEntries(product.db, {
      transfers: chunk.flatMap((m) => {
        const id = randomUUID();
        return [
          { id: `booking:${id}:capture`, debit: 'gateway_clearing', credit: 'escrow', amount: FUNDED, code: 'capture', bookingId: id, externalRef: `pay_bench${id.slice(0, 9)}` },
          { id: `booking:${id}:share`, debit: 'escrow', credit: walletAccount(m.id), amount: FUNDED, code: 'mentor_share', bookingId: id },
        ];
      }),
    });
    const rows = chunk.map((m, k) => {
      const accountNumber = String(200_000_000_000 + i + k);
      const sealed = box.seal(JSON.stringify({ type: 'bank', holderName: 'Bench Mentor', accountNumber, ifsc: 'HDFC0000001' }), m.id);
      return [m.id, sealed, sealed.split('.')[1], `XXXXXX${accountNumber.slice(-4)}`];
    });
    await q(
      `insert into payout_methods (mentor_id, type, sealed, key_id, masked, ifsc, bank_name)
       select x.m, 'bank', x.s, x.k, x.masked, 'HDFC0000001', 'HDFC Bank' from jsonb_to_recordset($1::jsonb) as x(m uuid, s text, k text, masked text)`,
      [JSON.stringify(rows.map(([m, s, k, masked]) => ({ m, s, k, masked })))],
    );
  }
  await q('analyze');
  console.log(`seeded ${WITHDRAWALS} mentors, wallets and bank accounts: ${fmt(seconds(started))} s`);

  started = performance.now();
  const ids = [];
  await pool(mentors, async (m) => {
    const res = await fetch(`${server.base}/api/wallet/withdrawals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: token(m.id, 'mentor'), 'Idempotency-Key': randomUUID() },
      body: JSON.stringify({ amountPaise: WITHDRAWN }),
    });
    const body = await res.json();
    if (res.status !== 201) throw new Error(`withdrawal request failed: ${res.status} ${JSON.stringify(body)}`);
    ids.push(body.id);
  });
  const requestSeconds = seconds(started);
  console.log(`requested ${ids.length} withdrawals through the API: ${fmt(requestSeconds, 2)} s → ${fmt(ids.length / requestSeconds)} requests/s`);

  // ---- 2. the baseline ----------------------------------------------------------------------------------------------
  const pgbenchUrl = await freshDatabase('mc_bench_payouts_tpcb');
  const pgbenchJobs = Math.max(1, Math.min(CONCURRENCY, os.cpus().length));
  await run('pgbench', ['-i', '-q', '-s', '10', pgbenchUrl]);
  const tpcb = async (label) => {
    await q('checkpoint');
    const out = await run('pgbench', ['-n', '-c', String(CONCURRENCY), '-j', String(pgbenchJobs), '-T', String(PGBENCH_SECONDS), pgbenchUrl]);
    const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(out)?.[1] ?? /tps = ([\d.]+)/.exec(out)?.[1]);
    if (!Number.isFinite(tps)) throw new Error(`pgbench printed no tps: ${out}`);
    console.log(`pgbench TPC-B (${label}): ${fmt(tps)} tps (-c ${CONCURRENCY} -j ${pgbenchJobs} -T ${PGBENCH_SECONDS})`);
    return tps;
  };
  const tpsBefore = await tpcb('before');

  // ---- 3. approve → payout → processed ------------------------------------------------------------------------------
  const order = [...ids].sort(() => Math.random() - 0.5);
  const done = async () => Number((await q(`select count(*)::int as n from withdrawals where status = 'processed'`))[0].n);
  started = performance.now();
  let approvedAt = 0;
  const approving = pool(order, async (id) => {
    const res = await fetch(`${server.base}/api/admin/withdrawals/${id}/approve`, { method: 'POST', headers: { authorization: token(admin.id, 'admin') } });
    if (res.status !== 200) throw new Error(`approve failed: ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
  }).then(() => (approvedAt = seconds(started)));
  let processed = 0;
  while (processed < WITHDRAWALS) {
    if (performance.now() - started > TIMEOUT_MS) throw new Error(`only ${processed} of ${WITHDRAWALS} processed after ${TIMEOUT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    processed = await done();
  }
  await approving;
  const wall = seconds(started);
  console.log(`approved ${WITHDRAWALS} in ${fmt(approvedAt, 2)} s; all processed after ${fmt(wall, 2)} s`);
  const tpsAfter = await tpcb('after');

  // ---- 4. checks ------------------------------------------------------------------------------------------------------
  const [w] = await q(`
    select count(*) filter (where status = 'processed' and payout_id like 'pout_%' and utr is not null)::int as ok,
      count(*)::int as n from withdrawals`);
  check('every withdrawal processed with a payout id and a UTR', w.ok === WITHDRAWALS, JSON.stringify(w));
  const [p] = await q(`select count(*)::int as n, count(distinct reference_id)::int as distinct from sandbox_payouts`);
  check('exactly one payout per withdrawal at the gateway', p.n === WITHDRAWALS && p.distinct === WITHDRAWALS, JSON.stringify(p));
  const [h] = await q(`select count(*)::int as n from payout_webhook_events where status = 'processed'`);
  check('one processed webhook recorded per payout', h.n === WITHDRAWALS, JSON.stringify(h));
  const [b] = await q(`
    select count(*)::int as n from ledger_balances
    where kind = 'mentor_wallet' and credits_posted - debits_posted - debits_pending = ${FUNDED - WITHDRAWN} and debits_pending = 0`);
  check(`every wallet at ${FUNDED - WITHDRAWN} paise with nothing in transit`, b.n === WITHDRAWALS, JSON.stringify(b));
  const ledger = await ledgerProblems(product.db);
  check('the ledger balances and its totals equal its transfers', ledger.length === 0, ledger.slice(0, 5).join('; '));

  // ---- 5. report ------------------------------------------------------------------------------------------------------
  const tps = (tpsBefore + tpsAfter) / 2;
  const perSecond = WITHDRAWALS / wall;
  const result = {
    date: new Date().toISOString().slice(0, 10),
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model}`,
    node: process.version,
    withdrawals: WITHDRAWALS,
    concurrency: CONCURRENCY,
    requestsPerSecond: Math.round(ids.length / requestSeconds),
    approveSeconds: Number(approvedAt.toFixed(2)),
    approvalsPerSecond: Math.round(WITHDRAWALS / approvedAt),
    endToEndSeconds: Number(wall.toFixed(2)),
    processedPerSecond: Math.round(perSecond),
    pgbench: { scale: 10, clients: CONCURRENCY, threads: pgbenchJobs, seconds: PGBENCH_SECONDS, tpsBefore: Math.round(tpsBefore), tpsAfter: Math.round(tpsAfter), tps: Math.round(tps) },
    processedPerTps: Number((perSecond / tps).toFixed(3)),
    checks: problems.length === 0 ? 'passed' : `${problems.length} failed`,
  };
  console.log('');
  console.log('summary');
  console.log(`  ${WITHDRAWALS} withdrawals: requested at ${fmt(result.requestsPerSecond, 0)}/s; approved at ${fmt(result.approvalsPerSecond, 0)}/s; approve → processed ${fmt(perSecond)}/s end to end`);
  console.log(`  pgbench TPC-B (-c ${CONCURRENCY}): ${fmt(tpsBefore)} tps before, ${fmt(tpsAfter)} after, mean ${fmt(tps)}; processed/s ÷ tps ${result.processedPerTps}`);
  console.log(`  checks: ${result.checks}`);
  console.log('');
  console.log('| date | withdrawals | concurrency | requests/s | approvals/s | approve → processed s | processed/s | pgbench tps (before, after) | processed/s ÷ tps |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  console.log(
    `| ${result.date} | ${WITHDRAWALS.toLocaleString('en-US')} | ${CONCURRENCY} | ${result.requestsPerSecond} | ${result.approvalsPerSecond} | ${fmt(wall, 2)} | ${Math.round(perSecond)} | ${Math.round(tps)} (${Math.round(tpsBefore)}, ${Math.round(tpsAfter)}) | ${result.processedPerTps} |`,
  );
  console.log('');
  console.log(JSON.stringify(result));
} finally {
  await db.end().catch(() => {});
  await product.close().catch(() => {});
  await server.stop().catch(() => {});
}
if (problems.length) {
  console.error(`\n${problems.length} check(s) failed: the figures above do not stand for a correct run`);
  for (const p of problems) console.error(`  - ${p}`);
  process.exitCode = 1;
}
