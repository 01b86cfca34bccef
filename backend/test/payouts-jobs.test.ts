import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, usingServerPostgres } from '../src/db/test-database.js';
import { clock } from '../src/lib/clock.js';
import { hashPassword } from '../src/modules/auth/auth.service.js';
import { postEntries, walletAccount } from '../src/modules/ledger/ledger.service.js';
import { approveWithdrawal, requestWithdrawal } from '../src/modules/payouts/payouts.service.js';
import { payoutMethods } from '../src/modules/payouts/payouts.tables.js';
import { weeklyPayoutMoment } from '../src/modules/payouts/payouts.weekly.js';
import { createUser } from '../src/modules/users/users.service.js';
import { ledgerProblems } from '../src/test-support/ledger-checks.js';
import { createTestApp, uniqueEmail, type TestApp } from '../src/test-support/test-app.js';

/**
 * PRODUCT.md §11 property 8 against a gateway that misbehaves (server PostgreSQL, child processes): withdrawals
 * approved while the sandbox answers 30% of the RazorpayX calls with a 5xx or not at all, and some answers come
 * too late for the caller's timeout; `process-payouts` killed mid-run, then run by two processes at once, again and
 * again on a later clock until every payout finished. Each withdrawal is paid exactly once (counted at the sandbox:
 * one payout per withdrawal id), and the ledger balances. Then `weekly-payouts` and `process-payouts`, two
 * processes each at once, pay every opted-in mentor once.
 */

const backendDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WITHDRAWALS = Number(process.env.PAYOUT_WITHDRAWALS ?? 200);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

type Row = Record<string, unknown>;
const rowsOf = (result: unknown): Row[] => (result as { rows?: Row[] }).rows ?? (result as Row[]);
/** A PostgreSQL array literal of ids, sent as one parameter. */
const pgArray = (ids: string[]) => `{${ids.join(',')}}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.runIf(usingServerPostgres())('payouts against a faulty gateway, killed and run twice at once (server PostgreSQL, child processes)', () => {
  let t: TestApp;
  let databaseUrl: string;
  let dataDir: string;
  let admin: { id: string };
  const mentors: string[] = [];
  const query = async (text: ReturnType<typeof sql>) => rowsOf(await t.database.db.execute(text));

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'mc-payouts-'));
    const database = await createTestDatabase();
    databaseUrl = database.url!;
    // This process runs no jobs of its own (only its sandbox and webhook endpoint): the child processes do the paying.
    t = await createTestApp({ SANDBOX_FAULT_RATE: '0.3', SANDBOX_PAYOUT_DELAY_MS: '0', JOBS_ENABLED: 'false' }, database);
    const passwordHash = await hashPassword('payout-pass-123');
    admin = await createUser(t.database.db, { name: 'Payout Admin', email: uniqueEmail('padmin'), passwordHash, role: 'admin' });
    for (let i = 0; i < WITHDRAWALS; i++) {
      const user = await createUser(t.database.db, { name: `Paid Mentor ${i}`, email: uniqueEmail('paid'), passwordHash, role: 'mentor' });
      mentors.push(user.id);
    }
    // Each wallet credited as a released session does, and a bank account sealed as the payout method route seals it.
    const now = clock.now();
    for (const [i, mentorId] of mentors.entries()) {
      const id = randomUUID();
      await postEntries(t.database.db, {
        transfers: [
          { id: `booking:${id}:capture`, debit: 'gateway_clearing', credit: 'escrow', amount: 100_000, code: 'capture', bookingId: id, externalRef: `pay_seed${i}` },
          { id: `booking:${id}:share`, debit: 'escrow', credit: walletAccount(mentorId), amount: 100_000, code: 'mentor_share', bookingId: id },
        ],
      });
      const details = { type: 'bank', holderName: `Paid Mentor ${i}`, accountNumber: String(100_000_000_000 + i), ifsc: 'HDFC0000001' };
      const sealed = t.built.payouts.box.seal(JSON.stringify(details), mentorId);
      await t.database.db.insert(payoutMethods).values({ mentorId, type: 'bank', sealed, keyId: sealed.split('.')[1]!, masked: `XXXXXX${details.accountNumber.slice(-4)}`, ifsc: 'HDFC0000001', bankName: 'HDFC Bank', createdAt: now, updatedAt: now });
    }
  }, 600_000);

  afterAll(async () => {
    await t?.close();
  });

  function runJob(name: string, now: Date, stopAt?: number): Promise<{ killed: boolean; code: number | null; stdout: string; stderr: string }> {
    const appName = `mc-payouts-${process.pid}-${name}-${Math.random().toString(36).slice(2)}`;
    const args = ['--import', 'tsx', 'test/support/job-until-statement.ts', name, '--now', now.toISOString(), ...(stopAt ? ['--stop-at', String(stopAt)] : [])];
    const child = spawn(process.execPath, args, {
      cwd: backendDir,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        DATABASE_URL: databaseUrl,
        JWT_SECRET: t.config.JWT_SECRET,
        RAZORPAY_API_BASE_URL: `${t.origin}/sandbox/razorpay`,
        // Shorter than some of the sandbox's answers: those calls end as "outcome unknown".
        GATEWAY_TIMEOUT_MS: '400',
        LOG_LEVEL: 'silent',
        DATA_DIR: dataDir,
        PGAPPNAME: appName,
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    return new Promise((resolve) =>
      child.on('close', async (code, signal) => {
        for (let i = 0; i < 500; i++) {
          const [left] = await query(sql`select count(*)::int as n from pg_stat_activity where application_name = ${appName}`);
          if (Number(left!.n) === 0) break;
          await sleep(20);
        }
        resolve({ killed: signal === 'SIGKILL', code, stdout, stderr });
      }),
    );
  }

  /** Every withdrawal with its payouts at the sandbox and its ledger transfers; what must hold at any moment. */
  async function problems(): Promise<string[]> {
    const found = [...(await ledgerProblems(t.database.db))];
    const rows = await query(sql`
      select w.id, w.status::text as status, w.payout_id, w.amount_paise,
        (select count(*)::int from sandbox_payouts p where p.reference_id = w.id::text) as payouts,
        (select count(*)::int from ledger_transfers x where x.id = 'withdrawal:' || w.id || ':paid') as paid,
        (select count(*)::int from ledger_transfers x where x.id = 'withdrawal:' || w.id || ':returned') as returned
      from withdrawals w where w.mentor_id = any(${pgArray(mentors)}::uuid[])`);
    for (const r of rows) {
      const bad = (what: string) => found.push(`withdrawal ${String(r.id)}: ${what} — ${JSON.stringify(r)}`);
      if (Number(r.payouts) > 1) bad('paid more than once at the gateway');
      if (Number(r.paid) + Number(r.returned) > 1) bad('both paid and returned');
      if (r.status === 'processed' && (r.paid !== 1 || r.payouts !== 1)) bad('processed without exactly one payout and one paid transfer');
      if (['failed', 'rejected'].includes(String(r.status)) && r.returned !== 1) bad('failed without its money back');
    }
    return found;
  }

  it(`when ${WITHDRAWALS} withdrawals are approved while 30% of gateway calls fail or go unanswered, and the job is killed and run twice at once, then each is paid exactly once`, async () => {
    const ids: string[] = [];
    for (const mentorId of mentors) {
      const w = await requestWithdrawal(t.built.payouts, mentorId, 60_000);
      await approveWithdrawal(t.built.payouts, admin.id, w.id);
      ids.push(w.id);
    }
    expect(await problems()).toEqual([]);

    // Killed part-way through its first pass (wherever statement 40 falls: a claim, a fund account, a payout's record).
    const killed = await runJob('process-payouts', clock.now(), 40);
    expect(killed.killed, killed.stderr).toBe(true);
    expect(await problems()).toEqual([]);

    // Then two at once, each round a little later on the clock (past leases and back-offs), until every payout ended.
    let at = clock.now().getTime();
    for (let round = 0; round < 40; round++) {
      at += 31 * MINUTE;
      const runs = await Promise.all([runJob('process-payouts', new Date(at)), runJob('process-payouts', new Date(at))]);
      for (const run of runs) expect(run.code, run.stderr).toBe(0);
      expect(await problems()).toEqual([]);
      await t.settle();
      const [open] = await query(sql`select count(*)::int as n from withdrawals where id = any(${pgArray(ids)}::uuid[]) and status in ('approved', 'processing')`);
      if (Number(open!.n) === 0) break;
    }
    const statuses = await query(sql`select status::text as status, count(*)::int as n from withdrawals where id = any(${pgArray(ids)}::uuid[]) group by 1`);
    expect(statuses).toEqual([{ status: 'processed', n: WITHDRAWALS }]);
    const [payouts] = await query(sql`select count(*)::int as n, count(distinct reference_id)::int as distinct from sandbox_payouts where reference_id = any(${pgArray(ids)}::text[])`);
    expect(payouts).toEqual({ n: WITHDRAWALS, distinct: WITHDRAWALS });
    expect(await problems()).toEqual([]);
  }, 900_000);

  it('when weekly-payouts and process-payouts run as two processes each at once, then every opted-in mentor is paid once', async () => {
    await t.database.db.execute(sql`update payout_methods set auto_payout = true where mentor_id = any(${pgArray(mentors)}::uuid[])`);
    const { at } = weeklyPayoutMoment(new Date(clock.now().getTime() + 8 * 24 * HOUR));
    const monday = new Date(at.getTime() + 5 * MINUTE);
    const weekly = await Promise.all([runJob('weekly-payouts', monday), runJob('weekly-payouts', monday)]);
    for (const run of weekly) expect(run.code, run.stderr).toBe(0);
    const created = weekly.map((run) => Number(/weekly-payouts: (\d+) handled/.exec(run.stdout)?.[1]));
    // 40,000 paise were left in each wallet: below the minimum, so nobody is paid. Top them up and run again.
    expect(created).toEqual([0, 0]);
    for (const mentorId of mentors) {
      const id = randomUUID();
      await postEntries(t.database.db, {
        transfers: [
          { id: `booking:${id}:capture`, debit: 'gateway_clearing', credit: 'escrow', amount: 20_000, code: 'capture', bookingId: id, externalRef: `pay_${id.slice(0, 8)}` },
          { id: `booking:${id}:share`, debit: 'escrow', credit: walletAccount(mentorId), amount: 20_000, code: 'mentor_share', bookingId: id },
        ],
      });
    }
    const again = await Promise.all([runJob('weekly-payouts', monday), runJob('weekly-payouts', monday), runJob('process-payouts', monday), runJob('process-payouts', monday)]);
    for (const run of again) expect(run.code, run.stderr).toBe(0);
    const [weeklyRows] = await query(sql`select count(*)::int as n, count(distinct mentor_id)::int as mentors, min(amount_paise)::int as min, max(amount_paise)::int as max from withdrawals where source = 'weekly'`);
    expect(weeklyRows, JSON.stringify(weeklyRows)).toEqual({ n: WITHDRAWALS, mentors: WITHDRAWALS, min: 60_000, max: 60_000 });
    let later = monday.getTime();
    for (let round = 0; round < 40; round++) {
      later += 31 * MINUTE;
      const runs = await Promise.all([runJob('process-payouts', new Date(later)), runJob('process-payouts', new Date(later))]);
      for (const run of runs) expect(run.code, run.stderr).toBe(0);
      await t.settle();
      const [open] = await query(sql`select count(*)::int as n from withdrawals where source = 'weekly' and status in ('approved', 'processing')`);
      if (Number(open!.n) === 0) break;
    }
    const [paid] = await query(sql`select count(*)::int as n from sandbox_payouts p join withdrawals w on p.reference_id = w.id::text where w.source = 'weekly'`);
    expect(paid).toEqual({ n: WITHDRAWALS });
    expect(await problems()).toEqual([]);
  }, 900_000);
});
