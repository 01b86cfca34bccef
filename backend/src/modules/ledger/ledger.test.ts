import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { createTestDatabase } from '../../db/test-database.js';
import { splitPayment } from '../../lib/money.js';
import { createTransfers, getAccount, LedgerConflictError, resolvePending, walletAccount, walletBalance } from './ledger.service.js';
import { ledgerBalances, ledgerTransfers } from './ledger.tables.js';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

const RATES = { commissionBps: 2000, gatewayFeeBps: 200, gstOnFeeBps: 1800 };

describe('payment split (property 5)', () => {
  it('for any amount and rates, commission + gateway fee + mentor share = amount, to the paisa', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_00_000_00 }),
        fc.integer({ min: 0, max: 5000 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 0, max: 2800 }),
        (amount, commissionBps, gatewayFeeBps, gstOnFeeBps) => {
          const split = splitPayment(amount, { commissionBps, gatewayFeeBps, gstOnFeeBps });
          expect(split.commissionPaise + split.gatewayFeePaise + split.mentorSharePaise).toBe(amount);
          expect(Math.min(split.commissionPaise, split.gatewayFeePaise, split.mentorSharePaise)).toBeGreaterThanOrEqual(0);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('when ₹1,000 is paid at the default rates, then ₹200 commission, ₹23.60 fee and ₹776.40 to the mentor', () => {
    expect(splitPayment(1_000_00, RATES)).toEqual({ amountPaise: 1_000_00, commissionPaise: 200_00, gatewayFeePaise: 23_60, mentorSharePaise: 776_40 });
  });
});

describe('two-phase escrow', () => {
  it('when a pending transfer is posted, then the wallet moves from escrow to available; it resolves only once', async () => {
    const mentor = randomUUID();
    const b = randomUUID();
    await createTransfers(database.db, [
      { id: `booking:${b}:capture`, debit: 'gateway_clearing', credit: 'escrow', amount: 1_000_00, code: 'capture' },
      { id: `booking:${b}:share`, debit: 'escrow', credit: walletAccount(mentor), amount: 776_40, code: 'mentor_share', pending: true },
    ]);
    expect(await walletBalance(database.db, mentor)).toEqual({ availablePaise: 0, inEscrowPaise: 776_40, lifetimeEarnedPaise: 0 });
    expect(await resolvePending(database.db, 'post', `booking:${b}:share`, `booking:${b}:share:release`)).toBe(true);
    expect(await resolvePending(database.db, 'post', `booking:${b}:share`, `booking:${b}:share:release`)).toBe(false);
    await expect(resolvePending(database.db, 'void', `booking:${b}:share`, `booking:${b}:share:void`)).rejects.toBeInstanceOf(LedgerConflictError);
    expect(await walletBalance(database.db, mentor)).toEqual({ availablePaise: 776_40, inEscrowPaise: 0, lifetimeEarnedPaise: 776_40 });
  });

  it('when a wallet would go negative, then the database refuses and nothing changes', async () => {
    const mentor = randomUUID();
    await createTransfers(database.db, [{ id: `seed:${mentor}`, debit: 'escrow', credit: walletAccount(mentor), amount: 500_00, code: 'test' }]);
    await expect(createTransfers(database.db, [{ id: `withdraw:${mentor}`, debit: walletAccount(mentor), credit: 'payouts_in_transit', amount: 500_01, code: 'withdrawal' }])).rejects.toThrow();
    expect((await walletBalance(database.db, mentor)).availablePaise).toBe(500_00);
    expect((await getAccount(database.db, 'payouts_in_transit')).id).toBe('payouts_in_transit');
  });

  it('when the same id is replayed with a different amount, then it is refused as a conflict', async () => {
    const id = `conflict:${randomUUID()}`;
    await createTransfers(database.db, [{ id, debit: 'gateway_clearing', credit: 'escrow', amount: 100_00, code: 'capture' }]);
    expect(await createTransfers(database.db, [{ id, debit: 'gateway_clearing', credit: 'escrow', amount: 100_00, code: 'capture' }])).toEqual([]);
    await expect(createTransfers(database.db, [{ id, debit: 'gateway_clearing', credit: 'escrow', amount: 100_01, code: 'capture' }])).rejects.toBeInstanceOf(LedgerConflictError);
  });
});

type Op =
  | { kind: 'capture'; booking: number; mentor: number; amount: number }
  | { kind: 'release'; booking: number }
  | { kind: 'refund'; booking: number }
  | { kind: 'withdraw'; mentor: number; amount: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('capture' as const), booking: fc.integer({ min: 0, max: 5 }), mentor: fc.integer({ min: 0, max: 2 }), amount: fc.integer({ min: 100_00, max: 50_000_00 }) }),
  fc.record({ kind: fc.constant('release' as const), booking: fc.integer({ min: 0, max: 5 }) }),
  fc.record({ kind: fc.constant('refund' as const), booking: fc.integer({ min: 0, max: 5 }) }),
  fc.record({ kind: fc.constant('withdraw' as const), mentor: fc.integer({ min: 0, max: 2 }), amount: fc.integer({ min: 1, max: 40_000_00 }) }),
);

describe('ledger invariants (properties 5 and 6)', () => {
  it('for any sequence of captures, releases, refunds, withdrawals and replays: books balance, wallets match their transfers and never go negative', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 14 }), async (ops) => {
        const run = randomUUID();
        const mentors = [0, 1, 2].map(() => randomUUID());
        const bookings = new Map<number, { mentor: string; amount: number; state: 'held' | 'released' | 'refunded' }>();
        const parts = (b: number) => [`run:${run}:b${b}:share`, `run:${run}:b${b}:commission`, `run:${run}:b${b}:fee`];
        let withdrawals = 0;
        // Every operation is applied twice: a replayed webhook or a retried job must change nothing.
        for (const op of ops.flatMap((o) => [o, o])) {
          if (op.kind === 'capture') {
            const existing = bookings.get(op.booking);
            const mentor = existing?.mentor ?? mentors[op.mentor]!;
            const amount = existing?.amount ?? op.amount;
            const split = splitPayment(amount, RATES);
            const [share, commission, fee] = parts(op.booking);
            await createTransfers(database.db, [
              { id: `run:${run}:b${op.booking}:capture`, debit: 'gateway_clearing', credit: 'escrow', amount, code: 'capture' },
              { id: share!, debit: 'escrow', credit: walletAccount(mentor), amount: split.mentorSharePaise, code: 'mentor_share', pending: true },
              { id: commission!, debit: 'escrow', credit: 'platform_revenue', amount: split.commissionPaise, code: 'commission', pending: true },
              { id: fee!, debit: 'escrow', credit: 'gateway_fees', amount: split.gatewayFeePaise, code: 'gateway_fee', pending: true },
            ]);
            if (!existing) bookings.set(op.booking, { mentor, amount, state: 'held' });
          } else if (op.kind === 'release') {
            const b = bookings.get(op.booking);
            if (!b || b.state === 'refunded') continue;
            for (const p of parts(op.booking)) await resolvePending(database.db, 'post', p, `${p}:post`);
            b.state = 'released';
          } else if (op.kind === 'refund') {
            const b = bookings.get(op.booking);
            if (!b || b.state === 'released') continue;
            for (const p of parts(op.booking)) await resolvePending(database.db, 'void', p, `${p}:void`);
            await createTransfers(database.db, [
              { id: `run:${run}:b${op.booking}:refund`, debit: 'escrow', credit: 'refunds_payable', amount: b.amount, code: 'refund' },
              { id: `run:${run}:b${op.booking}:refund_sent`, debit: 'refunds_payable', credit: 'gateway_clearing', amount: b.amount, code: 'refund_sent' },
            ]);
            b.state = 'refunded';
          } else {
            const mentor = mentors[op.mentor]!;
            const before = await walletBalance(database.db, mentor);
            const id = `run:${run}:w${withdrawals++}`;
            const attempt = createTransfers(database.db, [{ id, debit: walletAccount(mentor), credit: 'payouts_in_transit', amount: op.amount, code: 'withdrawal' }]);
            if (op.amount > before.availablePaise) await expect(attempt).rejects.toThrow();
            else await attempt;
          }
        }

        // Σ debits = Σ credits, posted and pending.
        const accounts = await database.db.select().from(ledgerBalances);
        const sum = (f: (a: (typeof accounts)[number]) => number) => accounts.reduce((n, a) => n + f(a), 0);
        expect(sum((a) => a.debitsPosted)).toBe(sum((a) => a.creditsPosted));
        expect(sum((a) => a.debitsPending)).toBe(sum((a) => a.creditsPending));
        // Each wallet = Σ its posted credits − Σ its posted debits, recomputed from the transfer rows, and never negative.
        const transfers = await database.db.select().from(ledgerTransfers);
        for (const mentor of mentors) {
          const id = walletAccount(mentor);
          const moved = transfers.filter((t) => t.kind === 'posted' || t.kind === 'post_pending');
          const fromRows = moved.filter((t) => t.creditAccountId === id).reduce((n, t) => n + t.amount, 0) - moved.filter((t) => t.debitAccountId === id).reduce((n, t) => n + t.amount, 0);
          const account = await getAccount(database.db, id);
          expect(account.creditsPosted - account.debitsPosted).toBe(fromRows);
          expect(fromRows).toBeGreaterThanOrEqual(0);
          // Escrowed share = pending credits = the shares of this mentor's held bookings.
          const held = [...bookings.values()].filter((b) => b.mentor === mentor && b.state === 'held').reduce((n, b) => n + splitPayment(b.amount, RATES).mentorSharePaise, 0);
          expect(account.creditsPending).toBe(held);
        }
      }),
      { numRuns: 25 },
    );
  }, 120_000);
});
