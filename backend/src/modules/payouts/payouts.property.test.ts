import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimDue } from '../../db/claim.js';
import { sandboxSettings } from '../../gateway-settings.js';
import { clock } from '../../lib/clock.js';
import { hmacHex } from '../../lib/signatures.js';
import { propertyRuns } from '../../test-support/properties.js';
import { ledgerProblems } from '../../test-support/ledger-checks.js';
import { moveTo, restoreClockAfterEach, tokenAt } from '../../test-support/sessions.js';
import { createAdmin, createTestApp, approvedMentor, type TestApp } from '../../test-support/test-app.js';
import { postEntries, walletAccount, walletBalance } from '../ledger/ledger.service.js';
import { sandboxPayouts, sandboxWebhooks } from '../sandbox/sandbox.tables.js';
import { runProcessPayouts } from './payouts.service.js';
import { withdrawals } from './payouts.tables.js';

/**
 * PRODUCT.md §11 property 8 (withdrawal integrity), with the gateway as it really behaves: for any interleaving of
 * requests, approvals, rejections, job passes, bank outcomes, webhooks repeated and out of order, a pass that dies
 * after claiming its work, time passing — against a sandbox that answers a quarter of the payout calls with a 5xx or
 * not at all — each withdrawal is paid at most once (one payout per withdrawal at the gateway, one paid transfer),
 * one that failed, was rejected or came back returns its money exactly once, the wallet holds exactly what the
 * model says, the ledger balances, and once everything has settled our status is the gateway's.
 *
 * Each run drives the real app over HTTP (about a second), so CI makes as many runs as fit in about 30 s;
 * FC_RUNS=… for a long run.
 */

const FUNDED = 300_000;
const MINUTE = 60_000;

let t: TestApp;
let admin: { id: string; token: string };

beforeAll(async () => {
  // A quarter of the gateway's answers are 5xx, dropped or too late for the caller's timeout; its bank takes 12 hours.
  t = await createTestApp({ SANDBOX_FAULT_RATE: '0.25', GATEWAY_TIMEOUT_MS: '300', SANDBOX_PAYOUT_DELAY_MS: String(12 * 3_600_000) });
  admin = await createAdmin(t);
});
restoreClockAfterEach();
afterAll(async () => {
  await t?.close();
});

type Op =
  | { kind: 'request'; amount: number }
  | { kind: 'approve' }
  | { kind: 'reject' }
  | { kind: 'job' }
  | { kind: 'bank'; outcome: 'processed' | 'failed' | 'reversed' }
  | { kind: 'replay'; pick: number }
  | { kind: 'crash' }
  | { kind: 'wait'; minutes: number };

// Weighted towards the steps that move a withdrawal on, so most runs reach the gateway and the bank's answer.
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('request' as const), amount: fc.integer({ min: 40_000, max: 200_000 }) }) },
  { weight: 4, arbitrary: fc.constant({ kind: 'approve' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'reject' as const }) },
  { weight: 3, arbitrary: fc.constant({ kind: 'job' as const }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('bank' as const), outcome: fc.constantFrom('processed' as const, 'failed' as const, 'reversed' as const) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('replay' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'crash' as const }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('wait' as const), minutes: fc.integer({ min: 1, max: 90 }) }) },
);

async function fund(mentorId: string): Promise<void> {
  const id = randomUUID();
  await postEntries(t.database.db, {
    transfers: [
      { id: `booking:${id}:capture`, debit: 'gateway_clearing', credit: 'escrow', amount: FUNDED, code: 'capture', bookingId: id, externalRef: `pay_${id.slice(0, 14)}` },
      { id: `booking:${id}:share`, debit: 'escrow', credit: walletAccount(mentorId), amount: FUNDED, code: 'mentor_share', bookingId: id },
    ],
  });
}

/** Re-delivers one payout webhook the sandbox already sent (or is yet to send): a repeat, or one arriving out of order. */
async function replayWebhook(pick: number): Promise<void> {
  const sent = await t.database.db.select().from(sandboxWebhooks).where(eq(sandboxWebhooks.target, 'payouts'));
  if (sent.length === 0) return;
  const row = sent[pick % sent.length]!;
  await t
    .http()
    .post('/api/payouts/webhook')
    .set('Content-Type', 'application/json')
    .set('X-Razorpay-Signature', hmacHex(sandboxSettings(t.config).webhookSecret, row.body))
    .set('x-razorpay-event-id', row.eventId)
    .send(row.body)
    .expect(200);
}

async function apply(op: Op, mentor: { id: string }): Promise<void> {
  const [latest] = await t.database.db.select().from(withdrawals).where(eq(withdrawals.mentorId, mentor.id)).orderBy(sql`${withdrawals.requestedAt} desc`).limit(1);
  switch (op.kind) {
    case 'request':
      await t.http().post('/api/wallet/withdrawals').set(tokenAt(t, mentor.id, 'mentor')).set('Idempotency-Key', randomUUID()).send({ amountPaise: op.amount });
      return;
    case 'approve':
      if (latest) await t.http().post(`/api/admin/withdrawals/${latest.id}/approve`).set(tokenAt(t, admin.id, 'admin'));
      return;
    case 'reject':
      if (latest) await t.http().post(`/api/admin/withdrawals/${latest.id}/reject`).set(tokenAt(t, admin.id, 'admin')).send({ reason: 'Checked and declined' });
      return;
    case 'job':
      await runProcessPayouts(t.built.payouts, clock.now());
      return;
    case 'bank': {
      // The bank decides about the latest payout the sandbox holds for this mentor's withdrawals.
      const ours = await t.database.db.select({ id: withdrawals.id }).from(withdrawals).where(eq(withdrawals.mentorId, mentor.id));
      if (ours.length === 0) return;
      const [payout] = await t.database.db
        .select()
        .from(sandboxPayouts)
        .where(inArray(sandboxPayouts.referenceId, ours.map((w) => w.id)))
        .orderBy(sql`${sandboxPayouts.createdAt} desc`)
        .limit(1);
      if (payout) await t.http().post(`/sandbox/razorpay/v1/payouts/${payout.id}/simulate`).send({ outcome: op.outcome });
      return;
    }
    case 'replay':
      await replayWebhook(op.pick);
      return;
    case 'crash':
      // A pass that claimed its work and died before doing any of it: the lease runs out, another pass takes over.
      await claimDue(t.database.db, withdrawals, { key: 'id', due: 'nextAttemptAt', waiting: inArray(withdrawals.status, ['approved', 'processing']), orderBy: ['nextAttemptAt'], now: clock.now(), leaseMs: 60_000, batchSize: 10 });
      return;
    case 'wait':
      moveTo(new Date(clock.now().getTime() + op.minutes * MINUTE));
      return;
  }
}

/** What must hold at every moment, whatever happened. */
async function integrity(mentorId: string): Promise<void> {
  const rows = await t.database.db.select().from(withdrawals).where(eq(withdrawals.mentorId, mentorId));
  for (const w of rows) {
    const payouts = await t.database.db.select().from(sandboxPayouts).where(eq(sandboxPayouts.referenceId, w.id));
    expect(payouts.length, `withdrawal ${w.id} paid ${payouts.length} times`).toBeLessThanOrEqual(1);
    const moved = await t.database.db.execute(sql`select id from ledger_transfers where id like ${`withdrawal:${w.id}%`}`);
    const ids = ((moved as { rows?: { id: string }[] }).rows ?? (moved as unknown as { id: string }[])).map((r) => r.id.slice(`withdrawal:${w.id}`.length));
    const has = (suffix: string) => ids.filter((id) => id === suffix).length;
    expect(has(':paid') + has(':returned'), `withdrawal ${w.id} both paid and returned`).toBeLessThanOrEqual(1);
    if (w.status === 'processed') expect(has(':paid')).toBe(1);
    if (w.status === 'failed' || w.status === 'rejected') expect(has(':returned')).toBe(1);
    if (w.status === 'reversed') expect(has(':returned') + has(':reversal')).toBe(1);
  }
  // The wallet holds what was funded less what left or is on its way.
  const away = rows.filter((w) => ['requested', 'approved', 'processing', 'processed'].includes(w.status)).reduce((sum, w) => sum + w.amountPaise, 0);
  expect((await walletBalance(t.database.db, mentorId)).availablePaise).toBe(FUNDED - away);
}

describe('withdrawal integrity (property 8)', () => {
  const seen = new Map<string, number>();
  const see = (what: string) => seen.set(what, (seen.get(what) ?? 0) + 1);

  it('for any interleaving of request / approve / reject / job / bank outcome / repeated and reordered webhooks / crash / time, each withdrawal is paid at most once and returned exactly once when it did not arrive', async () => {
    const start = clock.now();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('approve' as const, 'approve' as const, 'reject' as const), fc.array(opArb, { minLength: 1, maxLength: 20 }), async (decision, ops) => {
        moveTo(start);
        const mentor = await approvedMentor(t, admin, { name: 'Property Mentor' });
        await fund(mentor.user.id);
        await t.http().put('/api/wallet/payout-method').set(tokenAt(t, mentor.user.id, 'mentor')).send({ type: 'upi', vpa: 'property.mentor@okaxis', password: 'correct horse 1' }).expect(200);
        // Every run starts with one withdrawal decided (mostly approved, so most runs reach the gateway); what follows is drawn.
        for (const op of [{ kind: 'request', amount: 100_000 } as const, { kind: decision }, ...ops]) {
          await apply(op, mentor.user);
          // Whatever the step set off in the background (a kicked job pass, a webhook) lands before the next step.
          await t.settle();
          await integrity(mentor.user.id);
        }
        // Then everything settles: the bank processes what is still on its way, the jobs and webhooks catch up.
        for (let round = 0; round < 30; round++) {
          moveTo(new Date(clock.now().getTime() + 61 * MINUTE));
          // The sandbox's worker sleeps on real timers: told that time moved, it looks for what fell due.
          t.built.sandbox?.kick();
          await t.settle();
          await runProcessPayouts(t.built.payouts, clock.now());
          await t.settle();
          const open = await t.database.db.select().from(withdrawals).where(and(eq(withdrawals.mentorId, mentor.user.id), inArray(withdrawals.status, ['approved', 'processing'])));
          if (open.length === 0) break;
        }
        await integrity(mentor.user.id);
        // Our status is the gateway's for every payout made.
        const rows = await t.database.db.select().from(withdrawals).where(eq(withdrawals.mentorId, mentor.user.id));
        for (const row of rows) see(row.status);
        for (const w of rows.filter((r) => r.payoutId)) {
          const [payout] = await t.database.db.select().from(sandboxPayouts).where(eq(sandboxPayouts.id, w.payoutId!));
          expect({ id: w.id, status: w.status }).toEqual({ id: w.id, status: payout!.status });
        }
        expect(await ledgerProblems(t.database.db)).toEqual([]);
      }),
      { numRuns: propertyRuns(50) },
    );
    // The runs reached every ending, so the property was tested on each, not only on the easy ones.
    const count = (status: string) => seen.get(status) ?? 0;
    for (const status of ['processed', 'rejected']) expect(count(status), `${status} in ${JSON.stringify([...seen])}`).toBeGreaterThan(0);
    // The bank's two ways of not paying are drawn less often; at least one of them in every run of the test.
    expect(count('failed') + count('reversed'), `failed or reversed in ${JSON.stringify([...seen])}`).toBeGreaterThan(0);
  }, 600_000);
});
