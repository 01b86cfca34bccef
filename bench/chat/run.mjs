// bench/chat: live chat delivery ("1,000 connected sockets in 500 pairs, 200 messages/s in total for 30 s, on one
// instance and across two; report delivery p50/p99 and messages/s").
// What it measures: the time from a client emitting `message:send` on `/chat` to the other member's socket receiving
// `message:new` — through the product: the token checked at the handshake, the rate limit, the payload validated, the
// message stored in PostgreSQL in its own transaction (membership, the conversation locked, the insert, the sender's
// read position), the event published after commit, the room emit, and each member's unread count read and sent.
// How:
//   1. A fresh database on the server PostgreSQL and the built server (production, no jobs, the chat limit raised so
//      a busy pair is not refused). BENCH_PAIRS mentors and students and one conversation per pair, by SQL.
//   2. Popularity is Zipf (s = 1): a few pairs talk a lot, most rarely; each message goes one way or the other at
//      random. Messages are sent at BENCH_RATE per second in total (a schedule, not "as fast as possible") for
//      BENCH_SECONDS, with a fresh clientId each.
//   3. Three runs in one invocation: the baseline — a bare Socket.IO relay in its own process (bench/chat/relay.mjs:
//      same sockets, rooms and payloads, nothing of the product) —, the product on one instance, and the product on
//      two instances sharing Redis (students connected to one, mentors to the other: every message crosses).
//   4. Checked before any figure is printed: every message acknowledged and delivered exactly once to the other
//      member, none refused; stored once each in the database.
//   5. Report per run: delivered/s, delivery p50 / p99 / max, and p99 as a multiple of the baseline's.
//      Caches: none on this path (nothing is cached), so there is one set of figures.
// Usage: npm run build && node bench/chat/run.mjs
//   (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres; BENCH_REDIS_URL, default
//   redis://127.0.0.1:6379; BENCH_PAIRS, default 500; BENCH_RATE, default 200; BENCH_SECONDS, default 30)
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { io } from 'socket.io-client';
import { signAccessToken } from '../../backend/dist/modules/auth/auth.service.js';
import { freshDatabase, repoRoot, startServer } from '../lib/harness.mjs';

const PAIRS = Number(process.env.BENCH_PAIRS ?? 500);
const RATE = Number(process.env.BENCH_RATE ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const JWT_SECRET = randomBytes(48).toString('base64url');
const fmt = (n, digits = 1) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const problems = [];
const check = (what, ok, detail = '') => {
  if (!ok) problems.push(`${what}${detail ? `: ${detail}` : ''}`);
};
const token = (id, role) => signAccessToken({ jwtSecret: JWT_SECRET, accessTokenTtlSeconds: 3600 }, { id, role });

/** A Zipf(s = 1) draw over 0..n-1 by its cumulative weights. */
function zipf(n) {
  const cumulative = [];
  let total = 0;
  for (let k = 1; k <= n; k++) cumulative.push((total += 1 / k));
  return () => {
    const x = Math.random() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

async function startRelay() {
  const port = 21_000 + Math.floor(Math.random() * 20_000);
  const child = spawn(process.execPath, ['bench/chat/relay.mjs', String(port)], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve, reject) => {
    child.stdout.once('data', resolve);
    child.once('exit', () => reject(new Error('the relay did not start')));
  });
  return { base: `http://127.0.0.1:${port}`, stop: () => child.kill('SIGTERM') };
}

function connect(base, auth) {
  const socket = io(`${base}/chat`, { auth, transports: ['websocket'], forceNew: true, reconnection: false });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/** One run: every pair's two sockets connected (student to `studentBase`, mentor to `mentorBase`), then the schedule. */
async function scenario(label, studentBase, mentorBase, pairs, { relay = false } = {}) {
  const sockets = [];
  for (let i = 0; i < pairs.length; i += 50) {
    const batch = pairs.slice(i, i + 50);
    const connected = await Promise.all(
      batch.flatMap((p) => [
        connect(studentBase, relay ? { rooms: [p.conversationId] } : { token: token(p.studentId, 'student') }),
        connect(mentorBase, relay ? { rooms: [p.conversationId] } : { token: token(p.mentorId, 'mentor') }),
      ]),
    );
    sockets.push(...connected);
  }
  const sentAt = new Map();
  const delivered = new Map();
  const latencies = [];
  const refused = [];
  sockets.forEach((socket, index) => {
    socket.on('message:new', ({ message }) => {
      const sent = sentAt.get(message.clientId);
      // Only the other member counts (the sender's own socket hears its message too).
      if (!sent || sent.from === index) return;
      delivered.set(message.clientId, (delivered.get(message.clientId) ?? 0) + 1);
      latencies.push(performance.now() - sent.at);
    });
  });
  const pick = zipf(pairs.length);
  const acks = [];
  const started = performance.now();
  let sent = 0;
  await new Promise((resolve) => {
    const timer = setInterval(() => {
      const due = Math.min(RATE * SECONDS, Math.floor(((performance.now() - started) / 1000) * RATE));
      for (; sent < due; sent++) {
        const pair = pick();
        const fromStudent = Math.random() < 0.5;
        const from = pair * 2 + (fromStudent ? 0 : 1);
        const clientId = randomUUID();
        sentAt.set(clientId, { at: performance.now(), from });
        acks.push(
          sockets[from]
            .timeout(30_000)
            .emitWithAck('message:send', { conversationId: pairs[pair].conversationId, clientId, text: `Message ${sent} about the system design notes` })
            .then((answer) => answer.error && refused.push(answer.error.code), (error) => refused.push(String(error))),
        );
      }
      if (sent >= RATE * SECONDS) {
        clearInterval(timer);
        resolve();
      }
    }, 5);
  });
  await Promise.all(acks);
  for (const deadline = performance.now() + 15_000; delivered.size < sent && performance.now() < deadline; ) await new Promise((r) => setTimeout(r, 50));
  const wall = (performance.now() - started) / 1000;
  for (const s of sockets) s.disconnect();
  const sorted = [...latencies].sort((a, b) => a - b);
  check(`${label}: no message refused`, refused.length === 0, refused.slice(0, 3).join(', '));
  check(`${label}: every message delivered to the other member`, delivered.size === sent, `${delivered.size} of ${sent}`);
  check(`${label}: each exactly once`, [...delivered.values()].every((n) => n === 1));
  const row = { label, sockets: sockets.length, sent, deliveredPerSecond: delivered.size / wall, p50Ms: quantile(sorted, 0.5), p99Ms: quantile(sorted, 0.99), maxMs: sorted.at(-1) };
  console.log(`${label.padEnd(26)} ${fmt(row.deliveredPerSecond)} delivered/s   p50 ${fmt(row.p50Ms)} ms   p99 ${fmt(row.p99Ms)} ms   max ${fmt(row.maxMs)} ms`);
  return row;
}

console.log(`chat benchmark: ${PAIRS * 2} sockets in ${PAIRS} pairs, ${RATE} messages/s for ${SECONDS} s, Zipf popularity`);
const databaseUrl = await freshDatabase('mc_bench_chat');
const serverEnv = { SEED_DEMO_DATA: 'false', JWT_SECRET, JOBS_ENABLED: 'false', CHAT_MESSAGES_PER_10S: '1000' };
const relay = await startRelay();
const one = await startServer(databaseUrl, serverEnv);
const db = new pg.Client({ connectionString: databaseUrl });
await db.connect();
const q = async (text, values) => (await db.query(text, values)).rows;
const rows = [];
let a;
let b;
try {
  const people = await q(`
    insert into users (email, name, password_hash, role)
    select 'bench-chat-' || g || '@example.test', 'Bench Person ' || g, 'x', case when g % 2 = 0 then 'mentor' else 'student' end::user_role
    from generate_series(1, ${PAIRS * 2}) g order by g returning id, role`);
  const students = people.filter((p) => p.role === 'student');
  const mentors = people.filter((p) => p.role === 'mentor');
  const pairs = [];
  for (let i = 0; i < PAIRS; i++) {
    const [c] = await q(`insert into conversations (kind, mentor_id, student_id, opened_by, created_at) values ('pair', $1, $2, 'booking', now()) returning id`, [mentors[i].id, students[i].id]);
    await q(`insert into conversation_members (conversation_id, user_id, joined_at) values ($1, $2, now()), ($1, $3, now())`, [c.id, mentors[i].id, students[i].id]);
    pairs.push({ conversationId: c.id, mentorId: mentors[i].id, studentId: students[i].id });
  }
  await q('analyze');

  rows.push(await scenario('baseline: bare relay', relay.base, relay.base, pairs, { relay: true }));
  rows.push(await scenario('product, one instance', one.base, one.base, pairs));
  await one.stop();
  const prefix = `mc-bench-${randomUUID()}`;
  [a, b] = await Promise.all([startServer(databaseUrl, { ...serverEnv, REDIS_URL, REDIS_KEY_PREFIX: prefix }), startServer(databaseUrl, { ...serverEnv, REDIS_URL, REDIS_KEY_PREFIX: prefix })]);
  rows.push(await scenario('product, across two', a.base, b.base, pairs));

  const [stored] = await q(`select count(*)::int as n, count(distinct (conversation_id, sender_id, client_id))::int as distinct from messages`);
  const expected = rows.filter((r) => !r.label.startsWith('baseline')).reduce((n, r) => n + r.sent, 0);
  check('every product message stored exactly once', stored.n === expected && stored.distinct === expected, JSON.stringify(stored));
} finally {
  relay.stop();
  await one.stop();
  await a?.stop();
  await b?.stop();
  await db.end();
}

if (problems.length > 0) {
  console.error(`\nCHECKS FAILED — no figures are valid:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
const base = rows[0];
console.log(`\nresult ${JSON.stringify({ date: new Date().toISOString().slice(0, 10), machine: `${os.cpus().length} × ${os.cpus()[0]?.model}`, pairs: PAIRS, rate: RATE, seconds: SECONDS, rows: rows.map((r) => ({ ...r, p99VsBaseline: r.p99Ms / base.p99Ms })) })}`);
