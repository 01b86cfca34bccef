import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authSettings } from '../src/app.js';
import { createTestDatabase, usingServerPostgres } from '../src/db/test-database.js';
import { hashPassword, signAccessToken } from '../src/modules/auth/auth.service.js';
import { createUser } from '../src/modules/users/users.service.js';
import { bookableMentor, payInSandbox } from '../src/test-support/bookings.js';
import { ledgerProblems } from '../src/test-support/ledger-checks.js';
import { createAdmin, createTestApp, uniqueEmail, type TestApp } from '../src/test-support/test-app.js';
import { clock } from '../src/lib/clock.js';

/**
 * DESIGN.md §4.5: every job can be killed at any point and re-run. The hold-expiry and reconciliation jobs run
 * here as the operator runs them — `runJobCommand` of `cli.ts`, in a separate process against the same database
 * and gateway sandbox — and are SIGKILLed at chosen points of their work; after every kill the books must still
 * be consistent, and after a final run every effect must have happened exactly once.
 *
 * Where a child dies is decided by a statement number, not by a delay: the child counts the SQL statements it
 * sends and kills itself right before the chosen one (test/support/job-until-statement.ts), so a kill lands
 * inside a transaction, between batches or between a gateway call and its record whatever the machine's speed.
 * The number is drawn below a bound the work is sure to reach, so every trial is a kill.
 */

const backendDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MINUTE = 60_000;
const DAY = 86_400_000;

const ROUNDS = 2;
const KILLS = { 'reconcile-payments': 8, 'expire-holds': 3 } as const;
// Per round: 1-to-1 bookings paid in the sandbox without verify (only reconciliation can confirm them), paid
// group seats, failed payments, and holds nobody pays (several expiry batches of 50).
const PAID_ONE_TO_ONE = 40;
const PAID_SEATS = 6;
const FAILED_ONE_TO_ONE = 4;
const UNPAID_ONE_TO_ONE = 140;
const UNPAID_SEATS = 8;
const SEAT_CAPACITY = 20;
/**
 * Statements each unit of work is sure to cost: reconciliation reads every due open order and then pushes its
 * next check back (2; a paid one far more); expiry updates each lapsed booking and frees its time or seat (2).
 */
const STATEMENTS_PER_ITEM = { 'reconcile-payments': 2, 'expire-holds': 2 } as const;

/** A small seeded generator (mulberry32), so a failing run can be repeated with CRASH_SEED. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
const SEED = Number(process.env.CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));
const random = seededRandom(SEED);

type JobName = keyof typeof KILLS;
type Row = Record<string, unknown>;

const rowsOf = (result: unknown): Row[] => (result as { rows?: Row[] }).rows ?? (result as Row[]);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.runIf(usingServerPostgres())('jobs killed at random points and re-run (server PostgreSQL, child processes)', () => {
  let t: TestApp;
  let databaseUrl: string;
  let mentors: Awaited<ReturnType<typeof bookableMentor>>[];
  let students: { id: string; token: string }[];
  let dataDir: string;
  const base = Math.ceil((clock.now().getTime() + 2 * DAY) / DAY) * DAY;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'mc-jobs-crash-'));
    const database = await createTestDatabase();
    databaseUrl = database.url!;
    // Webhooks go nowhere: a paid order is confirmed only if reconciliation asks the gateway about it.
    t = await createTestApp({ SANDBOX_WEBHOOK_URL: 'http://127.0.0.1:9/webhooks-are-lost' }, database);
    const admin = await createAdmin(t);
    mentors = [await bookableMentor(t, admin, { name: 'Mentor One' }), await bookableMentor(t, admin, { name: 'Mentor Two' })];
    // Students with access tokens signed as login signs them (one password hash instead of one per student).
    const passwordHash = await hashPassword('crash-pass-123');
    const settings = authSettings(t.config);
    students = [];
    for (let i = 0; i < PAID_SEATS + UNPAID_SEATS; i++) {
      const user = await createUser(t.database.db, { name: `Crash Student ${i}`, email: uniqueEmail('crash'), passwordHash, role: 'student' });
      students.push({ id: user.id, token: signAccessToken(settings, { id: user.id, role: 'student' }) });
    }
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  async function post(urlPath: string, token: string, body: unknown): Promise<{ status: number; body: Row }> {
    const res = await fetch(`${t.origin}${urlPath}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Row };
  }

  async function inBatches<T, R>(items: T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
    const out: R[] = [];
    for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map(work))));
    return out;
  }

  const query = async (text: ReturnType<typeof sql>) => rowsOf(await t.database.db.execute(text));

  // ---- the job in a child process ----------------------------------------------------------------------

  /**
   * Runs one job in its own process (the source through tsx, so it is always the code under test). With
   * `stopAt` the child kills itself right before that statement; it says so on stdout first.
   */
  async function runJob(name: JobName, now: Date, stopAt?: number): Promise<{ killed: boolean; stopped: boolean; code: number | null; stdout: string; stderr: string; ms: number }> {
    const started = Date.now();
    const args = ['--import', 'tsx', 'test/support/job-until-statement.ts', name, '--now', now.toISOString(), ...(stopAt ? ['--stop-at', String(stopAt)] : [])];
    const appName = `mc-crash-${process.pid}-${name}-${started}`;
    const child = spawn(process.execPath, args, {
      cwd: backendDir,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        DATABASE_URL: databaseUrl,
        JWT_SECRET: t.config.JWT_SECRET,
        RAZORPAY_API_BASE_URL: `${t.origin}/sandbox/razorpay`,
        LOG_LEVEL: 'silent',
        DATA_DIR: dataDir,
        PGAPPNAME: appName,
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const { code, signal } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (c, s) => resolve({ code: c, signal: s })));
    // The server notices the dead client and rolls its transaction back; wait for that, so the next run's
    // SKIP LOCKED does not step over rows a dead connection still locks.
    for (let i = 0; i < 500; i++) {
      const [left] = await query(sql`select count(*)::int as n from pg_stat_activity where application_name = ${appName}`);
      if (Number(left!.n) === 0) break;
      await sleep(20);
    }
    return { killed: signal === 'SIGKILL', stopped: stdout.includes(`stopped before statement ${stopAt}`), code, stdout, stderr, ms: Date.now() - started };
  }

  // ---- what must hold after every kill, and at the end ----------------------------------------------------

  /** Invariants that must hold at any moment, however a job died: returns what is wrong (empty when fine). */
  async function problems(): Promise<string[]> {
    const found = [...(await ledgerProblems(t.database.db))];
    const rows = await query(sql`
      select b.id, b.status::text as status, b.slot_id, p.status::text as payment_status,
        (select count(*)::int from ledger_transfers x where x.id = 'booking:' || b.id || ':capture') as captures,
        (select count(*)::int from ledger_transfers x where x.booking_id = b.id) as transfers,
        (select count(*)::int from notifications n where n.type = 'booking_confirmed' and n.data->>'bookingId' = b.id::text) as confirmed_notes,
        (select count(*)::int from notifications n where n.data->>'bookingId' = b.id::text) as notes,
        (select count(*)::int from email_outbox e where e.dedupe_key like 'booking:' || b.id || ':%') as emails,
        (select count(*)::int from occupancies o where o.source_id = b.id) as occupations,
        (select count(*)::int from occupancies o where o.source_id = b.id and o.active) as active_occupations,
        (select count(*)::int from occupancies o where o.source_id = b.id and o.active and o.kind = 'booking') as booked_occupations
      from bookings b join payments p on p.booking_id = b.id`);
    for (const r of rows) {
      const oneToOne = r.slot_id === null;
      const check = (ok: boolean, what: string) => {
        if (!ok) found.push(`booking ${String(r.id)} (${String(r.status)}, payment ${String(r.payment_status)}): ${what} — ${JSON.stringify(r)}`);
      };
      if (r.status === 'confirmed') {
        check(r.payment_status === 'captured', 'confirmed without a captured payment');
        check(r.captures === 1, 'not exactly one capture transfer');
        check(r.transfers === 4, 'not exactly capture + three pending splits');
        check(r.confirmed_notes === 2 && r.notes === 2, 'not exactly one confirmation notification per party');
        check(r.emails === 2, 'not exactly one confirmation email per party');
        if (oneToOne) check(r.occupations === 1 && r.booked_occupations === 1, 'time not held exactly once as a booking');
        else check(r.occupations === 0, 'a seat occupies time');
      } else if (r.status === 'pending_payment' || r.status === 'expired') {
        check(r.payment_status !== 'captured', 'payment captured but the booking is not confirmed');
        check(r.transfers === 0 && r.notes === 0 && r.emails === 0, 'money moved or someone was notified');
        if (oneToOne) check(r.occupations === 1 && r.active_occupations === (r.status === 'pending_payment' ? 1 : 0), 'the held time is not held (or freed) exactly once');
        else check(r.occupations === 0, 'a seat occupies time');
      } else {
        check(false, 'unexpected status');
      }
    }
    const seats = await query(sql`
      select s.id, s.seats_taken, (select count(*)::int from bookings b where b.slot_id = s.id and b.status in ('pending_payment', 'confirmed', 'in_progress')) as held
      from slots s`);
    for (const s of seats) if (s.seats_taken !== s.held) found.push(`slot ${String(s.id)}: seats_taken ${String(s.seats_taken)} but ${String(s.held)} seats are held`);
    return found;
  }

  const countWhere = async (ids: string[], condition: ReturnType<typeof sql>) =>
    Number((await query(sql`select count(*)::int as n from bookings where id in (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)}) and ${condition}`))[0]!.n);

  // ---- one round: book, pay some, kill the jobs, finish them, check ---------------------------------------

  interface Booked {
    id: string;
    orderId: string;
    keyId: string;
  }

  async function setUpRound(round: number) {
    const day = base + round * 3 * DAY;
    const [mentorA, mentorB] = mentors as [(typeof mentors)[number], (typeof mentors)[number]];
    const oneToOneCount = PAID_ONE_TO_ONE + FAILED_ONE_TO_ONE + UNPAID_ONE_TO_ONE;
    // Half-hour sessions back to back, alternating mentors, inside the mentors' all-day hours.
    const times = Array.from({ length: oneToOneCount }, (_, i) => ({ mentor: i % 2 ? mentorB : mentorA, startsAt: new Date(day + Math.floor(i / 2) * 30 * MINUTE) }));
    const oneToOne = await inBatches(times, 8, async ({ mentor, startsAt }) => {
      const res = await post('/api/bookings', students[0]!.token, { mentorSlug: mentor.slug, startsAt: startsAt.toISOString(), durationMinutes: 30, topic: `Crash round ${round}`, agenda: '' });
      if (res.status !== 201) throw new Error(`booking failed: ${res.status} ${JSON.stringify(res.body)}`);
      const { booking, checkout } = res.body as { booking: { id: string }; checkout: { orderId: string; keyId: string } };
      return { id: booking.id, orderId: checkout.orderId, keyId: checkout.keyId } satisfies Booked;
    });
    const slot = await post('/api/mentors/me/slots', mentorA.accessToken, {
      startsAt: new Date(day + Math.ceil(oneToOneCount / 4 + 1) * 60 * MINUTE).toISOString(),
      durationMinutes: 60,
      capacity: SEAT_CAPACITY,
      title: `Crash group ${round}`,
      pricePaise: 50_000,
    });
    if (slot.status !== 201) throw new Error(`slot failed: ${JSON.stringify(slot.body)}`);
    const seats = await inBatches(students.slice(0, PAID_SEATS + UNPAID_SEATS), 8, async (student) => {
      const res = await post('/api/bookings', student.token, { slotId: slot.body.id, topic: `Crash group ${round}`, agenda: '' });
      if (res.status !== 201) throw new Error(`seat failed: ${res.status} ${JSON.stringify(res.body)}`);
      const { booking, checkout } = res.body as { booking: { id: string }; checkout: { orderId: string; keyId: string } };
      return { id: booking.id, orderId: checkout.orderId, keyId: checkout.keyId } satisfies Booked;
    });
    const paid = [...oneToOne.slice(0, PAID_ONE_TO_ONE), ...seats.slice(0, PAID_SEATS)];
    const failed = oneToOne.slice(PAID_ONE_TO_ONE, PAID_ONE_TO_ONE + FAILED_ONE_TO_ONE);
    const unpaid = [...oneToOne.slice(PAID_ONE_TO_ONE + FAILED_ONE_TO_ONE), ...seats.slice(PAID_SEATS)];
    // The student pays on the checkout page and closes the browser: no verify, and the webhooks are lost.
    await inBatches(paid, 8, async (b) => {
      const res = await payInSandbox(t, b);
      if (res.status !== 200) throw new Error(`payment failed: ${JSON.stringify(res.body)}`);
    });
    await inBatches(failed, 8, (b) => payInSandbox(t, b, 'failure'));
    return { paid, failed, unpaid, slotId: slot.body.id as string, createdAt: clock.now() };
  }

  interface Trial {
    round: number;
    job: JobName;
    stopAt: number;
    bound: number;
    killed: boolean;
    progress: number;
    remainingBefore: number;
  }

  /** Work the job will find due at `now`: open orders due a check for reconciliation, lapsed holds for expiry. */
  async function dueItems(job: JobName, now: Date, lapsedIds: string[]): Promise<number> {
    if (job === 'expire-holds') return countWhere(lapsedIds, sql`status = 'pending_payment'`);
    const at = sql`${now.toISOString()}::timestamptz`;
    const [row] = await query(sql`
      select count(*)::int as n from payments
      where status in ('created', 'authorized', 'failed') and next_check_at <= ${at} and created_at > ${at} - interval '7 days'`);
    return Number(row!.n);
  }

  /**
   * One kill of `job`: the child dies right before a statement drawn uniformly from 1 up to a bound its work is
   * sure to reach (the due items times the statements each costs at least), so the kill may land before any
   * work, inside a batch's transaction, or after some batches committed.
   */
  async function killTrial(round: number, job: JobName, now: Date, ids: string[], lapsedIds: string[]): Promise<Trial> {
    const remaining = () => countWhere(ids, sql`status = 'pending_payment'`);
    const remainingBefore = await remaining();
    const bound = (await dueItems(job, now, lapsedIds)) * STATEMENTS_PER_ITEM[job];
    const stopAt = 1 + Math.floor(random() * bound);
    const run = await runJob(job, now, stopAt);
    const what = `${job} stopped before statement ${stopAt} of at least ${bound} (CRASH_SEED=${SEED})`;
    expect(run.killed && run.stopped, `${what}: the child was not killed where chosen; stdout: ${run.stdout} stderr: ${run.stderr}`).toBe(true);
    expect(await problems(), `after killing ${what}`).toEqual([]);
    return { round, job, stopAt, bound, killed: run.killed, progress: remainingBefore - (await remaining()), remainingBefore };
  }

  it(
    `when the expiry and reconciliation jobs are SIGKILLed at random points (${ROUNDS * (KILLS['reconcile-payments'] + KILLS['expire-holds'])} kills) and re-run, then every effect happens exactly once`,
    async () => {
      const trials: Trial[] = [];
      const completions: string[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const { paid, failed, unpaid, slotId, createdAt } = await setUpRound(round);
        expect(await problems()).toEqual([]);
        const paidIds = paid.map((b) => b.id);
        const lapsedIds = [...failed, ...unpaid].map((b) => b.id);

        // Reconciliation: past RECONCILE_AFTER_MINUTES (5). Each run's clock is an hour past the previous one,
        // beyond any lease or back-off (at most an hour) a killed run leaves on the orders it had claimed.
        let clock = createdAt.getTime() + 10 * MINUTE;
        for (let k = 0; k < KILLS['reconcile-payments']; k++) {
          trials.push(await killTrial(round, 'reconcile-payments', new Date(clock), paidIds, lapsedIds));
          clock += 61 * MINUTE;
        }
        const reconciled = await runJob('reconcile-payments', new Date(clock));
        clock += 61 * MINUTE;
        expect(reconciled.code, reconciled.stderr).toBe(0);
        completions.push(`round ${round} reconcile: ${reconciled.stdout.trim()} in ${reconciled.ms} ms`);
        expect(await countWhere(paidIds, sql`status = 'confirmed'`)).toBe(paidIds.length);
        expect(await problems()).toEqual([]);

        // Hold expiry: every hold of this round ran out 15 minutes after it was made.
        for (let k = 0; k < KILLS['expire-holds']; k++) trials.push(await killTrial(round, 'expire-holds', new Date(clock), lapsedIds, lapsedIds));
        const expired = await runJob('expire-holds', new Date(clock));
        expect(expired.code, expired.stderr).toBe(0);
        completions.push(`round ${round} expire: ${expired.stdout.trim()} in ${expired.ms} ms`);

        // Every effect exactly once.
        expect(await problems()).toEqual([]);
        expect(await countWhere(paidIds, sql`status = 'confirmed' and settlement = 'held'`)).toBe(paidIds.length);
        expect(await countWhere(lapsedIds, sql`status = 'expired' and cancel_reason = 'hold_expired'`)).toBe(lapsedIds.length);
        const [slot] = await query(sql`select seats_taken from slots where id = ${slotId}`);
        expect(slot!.seats_taken).toBe(PAID_SEATS);
        const orders = await query(sql`
          select p.status::text as status, count(*)::int as n from payments p
          where p.booking_id in (${sql.join([...paidIds, ...lapsedIds].map((id) => sql`${id}::uuid`), sql`, `)}) group by 1 order by 1`);
        expect(Object.fromEntries(orders.map((o) => [o.status, o.n]))).toEqual({ captured: paid.length, created: unpaid.length, failed: failed.length });
        // The gateway agrees: what it captured is what we confirmed, each payment once.
        const [gateway] = await query(sql`
          select count(*) filter (where sp.status = 'captured')::int as captured, count(*)::int as total
          from sandbox_payments sp join payments p on p.gateway_order_id = sp.order_id
          where p.booking_id in (${sql.join(paidIds.map((id) => sql`${id}::uuid`), sql`, `)})`);
        expect(gateway).toEqual({ captured: paid.length, total: paid.length });
      }

      const killed = trials.filter((x) => x.killed);
      const midWork = trials.filter((x) => x.killed && x.progress > 0 && x.progress < x.remainingBefore);
      console.info(
        [
          `jobs crash (CRASH_SEED=${SEED}): ${trials.length} trials, ${killed.length} killed (${midWork.length} with part of the work committed)`,
          ...trials.map((x) => `  round ${x.round} ${x.job.padEnd(18)} killed before statement ${String(x.stopAt).padStart(4)} of ≥ ${String(x.bound).padStart(4)}: ${x.progress}/${x.remainingBefore} done`),
          ...completions.map((c) => `  ${c}`),
        ].join('\n'),
      );
      expect(trials.length).toBeGreaterThanOrEqual(20);
      expect(killed.length, 'every run must be killed at its chosen statement').toBe(trials.length);
      expect(midWork.length, `some kills must land after part of the work was committed (CRASH_SEED=${SEED})`).toBeGreaterThan(0);
    },
    600_000,
  );
});
