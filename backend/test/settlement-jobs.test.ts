import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authSettings } from '../src/app.js';
import { createTestDatabase, usingServerPostgres } from '../src/db/test-database.js';
import { clock } from '../src/lib/clock.js';
import { hashPassword, signAccessToken } from '../src/modules/auth/auth.service.js';
import { createUser } from '../src/modules/users/users.service.js';
import { bookableMentor, payInSandbox } from '../src/test-support/bookings.js';
import { ledgerProblems } from '../src/test-support/ledger-checks.js';
import { createAdmin, createTestApp, uniqueEmail, type TestApp } from '../src/test-support/test-app.js';

/**
 * PRODUCT.md §11 property 3 at scale (server PostgreSQL, child processes): 2,000 sessions due to settle, with
 * attendance evidence making a third completed, a third student no-shows and a third mentor no-shows. A
 * `settle-sessions` run is SIGKILLed mid-way (right before a chosen SQL statement, test/support/job-until-statement.ts),
 * then three processes run it at once; the same for `release-escrow` a day later. Each session settles once, its
 * people are told once, its money moves once, the mentors' counters count it once, and the ledger balances.
 */

const backendDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SESSIONS = Number(process.env.SETTLEMENT_SESSIONS ?? 2000);
const MENTORS = 4;
const MINUTE = 60_000;
const DAY = 86_400_000;
const SEED = Number(process.env.CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));

type Row = Record<string, unknown>;
const rowsOf = (result: unknown): Row[] => (result as { rows?: Row[] }).rows ?? (result as Row[]);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.runIf(usingServerPostgres())('settlement and release jobs, at once and killed (server PostgreSQL, child processes)', () => {
  let t: TestApp;
  let databaseUrl: string;
  let dataDir: string;
  const sessions: { id: string; mentorId: string; studentId: string; endsAt: Date; outcome: 'completed' | 'no_show_student' | 'no_show_mentor' }[] = [];
  const query = async (text: ReturnType<typeof sql>) => rowsOf(await t.database.db.execute(text));

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'mc-settle-'));
    const database = await createTestDatabase();
    databaseUrl = database.url!;
    // Webhooks go nowhere: nothing but the jobs under test changes a booking.
    t = await createTestApp({ SANDBOX_WEBHOOK_URL: 'http://127.0.0.1:9/webhooks-are-lost' }, database);
    const admin = await createAdmin(t);
    const mentors: Awaited<ReturnType<typeof bookableMentor>>[] = [];
    for (let i = 0; i < MENTORS; i++) mentors.push(await bookableMentor(t, admin, { name: `Settling Mentor ${i}` }));
    const passwordHash = await hashPassword('settle-pass-123');
    const students: { id: string; token: string }[] = [];
    for (let i = 0; i < 20; i++) {
      const user = await createUser(t.database.db, { name: `Settling Student ${i}`, email: uniqueEmail('settle'), passwordHash, role: 'student' });
      students.push({ id: user.id, token: signAccessToken(authSettings(t.config), { id: user.id, role: 'student' }) });
    }
    // Half-hour sessions back to back from two days out, spread over the mentors; booked, paid and verified
    // through the API and the sandbox, eight at a time.
    const base = Math.ceil((clock.now().getTime() + 2 * DAY) / DAY) * DAY;
    const post = async (urlPath: string, body: unknown, token?: string) => {
      const res = await fetch(`${t.origin}${urlPath}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
      return { status: res.status, body: (await res.json()) as Row };
    };
    const outcomes = ['completed', 'no_show_student', 'no_show_mentor'] as const;
    for (let i = 0; i < SESSIONS; i += 8) {
      await Promise.all(
        Array.from({ length: Math.min(8, SESSIONS - i) }, async (_, k) => {
          const n = i + k;
          const mentor = mentors[n % MENTORS]!;
          const student = students[n % students.length]!;
          const slotIndex = Math.floor(n / MENTORS);
          // 46 half-hours a day (00:00–23:00), so no session runs past midnight.
          const startsAt = new Date(base + Math.floor(slotIndex / 46) * DAY + (slotIndex % 46) * 30 * MINUTE);
          const created = await post('/api/bookings', { mentorSlug: mentor.slug, startsAt: startsAt.toISOString(), durationMinutes: 30, topic: 'Settling at scale', agenda: '' }, student.token);
          if (created.status !== 201) throw new Error(`booking failed: ${created.status} ${JSON.stringify(created.body)}`);
          const { booking, checkout } = created.body as { booking: { id: string }; checkout: { keyId: string; orderId: string } };
          const paid = await payInSandbox(t, checkout);
          const verified = await post('/api/payments/verify', paid.body, student.token);
          if (verified.status !== 200) throw new Error(`verify failed: ${JSON.stringify(verified.body)}`);
          sessions.push({ id: booking.id, mentorId: mentor.user.id, studentId: student.id, endsAt: new Date(startsAt.getTime() + 30 * MINUTE), outcome: outcomes[n % 3]! });
        }),
      );
    }
    // The video server's evidence (the sessions module's own table), as its webhooks store it: whole-session
    // intervals for whoever was there.
    const evidence = sessions.flatMap((s) => {
      const startsAt = new Date(s.endsAt.getTime() - 30 * MINUTE);
      const present = s.outcome === 'completed' ? [s.mentorId, s.studentId] : s.outcome === 'no_show_student' ? [s.mentorId] : [s.studentId];
      return present.map((userId) => sql`(${s.id}::uuid, ${userId}::uuid, 'video', ${`seed-${userId}`}, ${startsAt.toISOString()}::timestamptz, ${startsAt.toISOString()}::timestamptz, ${s.endsAt.toISOString()}::timestamptz)`);
    });
    for (let i = 0; i < evidence.length; i += 500) {
      await t.database.db.execute(sql`insert into attendance_evidence (meeting_id, user_id, source, evidence_key, opened_at, last_seen_at, closed_at) values ${sql.join(evidence.slice(i, i + 500), sql`, `)}`);
    }
  }, 900_000);

  afterAll(async () => {
    await t?.close();
  });

  function runJob(name: string, now: Date, stopAt?: number): Promise<{ killed: boolean; stopped: boolean; code: number | null; stdout: string; stderr: string; appName: string }> {
    const appName = `mc-settle-${process.pid}-${name}-${Math.random().toString(36).slice(2)}`;
    const args = ['--import', 'tsx', 'test/support/job-until-statement.ts', name, '--now', now.toISOString(), ...(stopAt ? ['--stop-at', String(stopAt)] : [])];
    const child = spawn(process.execPath, args, {
      cwd: backendDir,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: databaseUrl, JWT_SECRET: t.config.JWT_SECRET, RAZORPAY_API_BASE_URL: `${t.origin}/sandbox/razorpay`, LOG_LEVEL: 'silent', DATA_DIR: dataDir, PGAPPNAME: appName },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    return new Promise((resolve) =>
      child.on('close', async (code, signal) => {
        // Wait for the server to roll a dead client's transaction back before the next run looks.
        for (let i = 0; i < 500; i++) {
          const [left] = await query(sql`select count(*)::int as n from pg_stat_activity where application_name = ${appName}`);
          if (Number(left!.n) === 0) break;
          await sleep(20);
        }
        resolve({ killed: signal === 'SIGKILL', stopped: stdout.includes(`stopped before statement ${stopAt}`), code, stdout, stderr, appName });
      }),
    );
  }

  /** What must hold at any moment, however a run died; empty when fine. */
  async function problems(): Promise<string[]> {
    const found = [...(await ledgerProblems(t.database.db))];
    const ids = sql.join(sessions.map((s) => sql`${s.id}::uuid`), sql`, `);
    const rows = await query(sql`
      select b.id, b.status::text as status, b.settlement::text as settlement, b.settled_at, b.released_at,
        (select count(*)::int from notifications n where n.type = 'session_settled' and n.data->>'bookingId' = b.id::text) as told,
        (select count(*)::int from refunds r where r.booking_id = b.id) as refunds,
        (select count(*)::int from ledger_transfers x where x.booking_id = b.id) as transfers
      from bookings b where b.id in (${ids})`);
    const expected = new Map(sessions.map((s) => [s.id, s.outcome]));
    for (const r of rows) {
      const bad = (what: string) => found.push(`booking ${String(r.id)}: ${what} — ${JSON.stringify(r)}`);
      if (r.status === 'confirmed') {
        if (r.settled_at !== null || r.told !== 0 || r.refunds !== 0 || r.settlement !== 'held') bad('not settled, yet something moved');
        continue;
      }
      if (r.status !== expected.get(String(r.id))) bad(`settled as ${String(r.status)}, the evidence says ${expected.get(String(r.id))}`);
      if (r.told !== 2) bad('not told exactly once to each of the two');
      if (r.refunds !== (r.status === 'no_show_mentor' ? 1 : 0)) bad('not refunded exactly as its outcome says');
      const wantSettlement = { completed: r.released_at ? 'released' : 'held', no_show_student: 'released', no_show_mentor: 'refunded' }[String(r.status)];
      if (r.settlement !== wantSettlement) bad(`settlement ${String(r.settlement)}, expected ${wantSettlement}`);
    }
    const completedByMentor = await query(sql`
      select m.user_id, m.sessions_completed, m.mentor_no_shows,
        (select count(*)::int from bookings b where b.mentor_id = m.user_id and b.status = 'completed') as completed,
        (select count(*)::int from bookings b where b.mentor_id = m.user_id and b.status = 'no_show_mentor') as no_shows
      from mentors m where m.user_id in (${sql.join([...new Set(sessions.map((s) => sql`${s.mentorId}::uuid`))], sql`, `)})`);
    for (const m of completedByMentor) {
      if (m.sessions_completed !== m.completed || m.mentor_no_shows !== m.no_shows) found.push(`mentor ${String(m.user_id)}: counters ${String(m.sessions_completed)}/${String(m.mentor_no_shows)} but ${String(m.completed)}/${String(m.no_shows)} sessions`);
    }
    return found;
  }

  const count = async (condition: ReturnType<typeof sql>) =>
    Number((await query(sql`select count(*)::int as n from bookings where id in (${sql.join(sessions.map((s) => sql`${s.id}::uuid`), sql`, `)}) and ${condition}`))[0]!.n);

  /**
   * Kills `job` right before statement `firstStop`, then twice as late, … until a run has committed part of the work
   * (what `done` counts) without finishing it; checks after each kill that nothing is half done. Returns the count.
   */
  async function killUntilPartial(job: string, now: Date, firstStop: number, done: ReturnType<typeof sql>): Promise<number> {
    for (let stopAt = firstStop; ; stopAt *= 2) {
      const killed = await runJob(job, now, stopAt);
      expect(killed.killed && killed.stopped, `${job} was to stop before statement ${stopAt} (CRASH_SEED=${SEED}): ${killed.stdout} ${killed.stderr}`).toBe(true);
      expect(await problems()).toEqual([]);
      const n = await count(done);
      if (n > 0) return n;
    }
  }

  it(`when ${SESSIONS} sessions are due and settle-sessions is killed mid-run, then three processes at once finish it: each settles once; the same for release-escrow a day later`, async () => {
    expect(sessions).toHaveLength(SESSIONS);
    expect(await problems()).toEqual([]);
    const settleAt = new Date(Math.max(...sessions.map((s) => s.endsAt.getTime())) + 15 * MINUTE);
    const random = (() => {
      let a = SEED >>> 0;
      return () => ((a = (a * 1_103_515_245 + 12_345) >>> 0) / 4_294_967_296);
    })();

    // Killed right before a statement drawn from the seed; until a kill lands after a batch committed (and before
    // the run's end), the next kill comes twice as late. Every kill, wherever it fell, must leave nothing half done.
    const settledAfterKill = await killUntilPartial('settle-sessions', settleAt, 20 + Math.floor(random() * 40), sql`status <> 'confirmed'`);
    expect(settledAfterKill).toBeGreaterThan(0);
    expect(settledAfterKill).toBeLessThan(SESSIONS);

    const runs = await Promise.all([1, 2, 3].map(() => runJob('settle-sessions', settleAt)));
    for (const run of runs) expect(run.code, run.stderr).toBe(0);
    const handled = runs.map((run) => Number(/settle-sessions: (\d+) handled/.exec(run.stdout)?.[1]));
    // The three shared the rest between them: each session was taken by exactly one.
    expect(handled.reduce((a, b) => a + b, 0)).toBe(SESSIONS - settledAfterKill);
    expect(await count(sql`status = 'completed' and settlement = 'held'`)).toBe(sessions.filter((s) => s.outcome === 'completed').length);
    expect(await problems()).toEqual([]);

    // Release: a day later, killed mid-run, then three at once.
    const releaseAt = new Date(settleAt.getTime() + DAY);
    const completed = sessions.filter((s) => s.outcome === 'completed').length;
    const releasedAfterKill = await killUntilPartial('release-escrow', releaseAt, 2 + Math.floor(random() * 4), sql`status = 'completed' and settlement = 'released'`);
    expect(releasedAfterKill).toBeGreaterThan(0);
    expect(releasedAfterKill).toBeLessThan(completed);
    const releases = await Promise.all([1, 2, 3].map(() => runJob('release-escrow', releaseAt)));
    for (const run of releases) expect(run.code, run.stderr).toBe(0);
    const released = releases.map((run) => Number(/release-escrow: (\d+) handled/.exec(run.stdout)?.[1]));
    expect(released.reduce((a, b) => a + b, 0)).toBe(completed - releasedAfterKill);
    expect(await count(sql`status = 'completed' and settlement = 'released'`)).toBe(completed);
    expect(await problems()).toEqual([]);
    // Every completed session's split was posted (ids are unique, so at most once): the same parts for each.
    const completedIds = sql.join(sessions.filter((s) => s.outcome === 'completed').map((s) => sql`${s.id}::uuid`), sql`, `);
    const posted = await query(sql`select booking_id, count(*)::int as parts from ledger_transfers where id like 'booking:%:post' and booking_id in (${completedIds}) group by booking_id`);
    expect(posted).toHaveLength(completed);
    expect(new Set(posted.map((p) => p.parts)).size).toBe(1);
  }, 900_000);
});
