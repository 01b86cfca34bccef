import { randomUUID } from 'node:crypto';
import { eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/client.js';
import { createTestDatabase, usingServerPostgres } from '../src/db/test-database.js';
import { createTransfers, getAccount, LEDGER_SHARDS, postEntries, resolvePending, walletAccount } from '../src/modules/ledger/ledger.service.js';
import { ledgerBalances, ledgerTransfers } from '../src/modules/ledger/ledger.tables.js';
import { ledgerProblems } from '../src/test-support/ledger-checks.js';

// Only a server PostgreSQL runs these calls truly at once; on PGlite they would queue and prove nothing.
describe.runIf(usingServerPostgres())('ledger under concurrency (server PostgreSQL)', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  it('when the same capture is recorded 20 times at once, then it moves the money exactly once and every call succeeds', async () => {
    const booking = randomUUID();
    const mentor = randomUUID();
    const capture = () =>
      createTransfers(database.db, [
        { id: `booking:${booking}:capture`, debit: 'gateway_clearing', credit: 'escrow', amount: 1_000_00, code: 'capture' },
        { id: `booking:${booking}:share`, debit: 'escrow', credit: walletAccount(mentor), amount: 776_40, code: 'mentor_share', pending: true },
      ]);
    const results = await Promise.allSettled(Array.from({ length: 20 }, capture));
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const created = results.flatMap((r) => (r.status === 'fulfilled' ? r.value : []));
    expect(created.sort()).toEqual([`booking:${booking}:capture`, `booking:${booking}:share`]);
    expect(await database.db.select().from(ledgerTransfers).where(like(ledgerTransfers.id, `booking:${booking}:%`))).toHaveLength(2);
    expect((await getAccount(database.db, walletAccount(mentor))).creditsPending).toBe(776_40);

    const release = () => resolvePending(database.db, 'post', `booking:${booking}:share`, `booking:${booking}:share:release`);
    const released = await Promise.allSettled(Array.from({ length: 20 }, release));
    expect(released.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(released.filter((r) => r.status === 'fulfilled' && r.value === true)).toHaveLength(1);
    expect(await database.db.select().from(ledgerTransfers).where(eq(ledgerTransfers.pendingId, `booking:${booking}:share`))).toHaveLength(1);
    const wallet = await getAccount(database.db, walletAccount(mentor));
    expect(wallet).toMatchObject({ creditsPosted: 776_40, creditsPending: 0 });
  });

  it('when 200 bookings of 5 mentors capture, release and refund at once, then every total matches its transfers, spread over the shards, with no deadlock', async () => {
    const mentors = Array.from({ length: 5 }, () => randomUUID());
    const bookings = Array.from({ length: 200 }, (_, i) => ({ id: randomUUID(), mentor: mentors[i % 5]!, amount: 1_000_00 + i }));
    const split = (amount: number) => ({ share: amount - 200_00 - 23_60, commission: 200_00, fee: 23_60 });
    const capture = (b: (typeof bookings)[number]) => {
      const s = split(b.amount);
      return createTransfers(database.db, [
        { id: `booking:${b.id}:capture`, debit: 'gateway_clearing', credit: 'escrow', amount: b.amount, code: 'capture', bookingId: b.id },
        { id: `booking:${b.id}:share`, debit: 'escrow', credit: walletAccount(b.mentor), amount: s.share, code: 'mentor_share', pending: true, bookingId: b.id },
        { id: `booking:${b.id}:commission`, debit: 'escrow', credit: 'platform_revenue', amount: s.commission, code: 'commission', pending: true, bookingId: b.id },
        { id: `booking:${b.id}:fee`, debit: 'escrow', credit: 'gateway_fees', amount: s.fee, code: 'gateway_fee', pending: true, bookingId: b.id },
      ]);
    };
    const settle = (b: (typeof bookings)[number], i: number) => {
      const action = i % 2 === 0 ? ('post' as const) : ('void' as const);
      const resolve = ['share', 'commission', 'fee'].map((part) => ({ action, pendingId: `booking:${b.id}:${part}`, id: `booking:${b.id}:${part}:${action}` }));
      const transfers = action === 'void' ? [{ id: `booking:${b.id}:refund`, debit: 'escrow', credit: 'refunds_payable', amount: b.amount, code: 'refund', bookingId: b.id }] : [];
      return postEntries(database.db, { resolve, transfers });
    };
    const before = await getAccount(database.db, 'escrow');
    const captured = await Promise.allSettled(bookings.map(capture));
    expect(captured.filter((r) => r.status === 'rejected')).toEqual([]);
    const settled = await Promise.allSettled(bookings.map(settle));
    expect(settled.filter((r) => r.status === 'rejected')).toEqual([]);

    expect(await ledgerProblems(database.db)).toEqual([]);
    const escrowRows = await database.db.select().from(ledgerBalances).where(eq(ledgerBalances.accountId, 'escrow'));
    expect(escrowRows.length).toBeGreaterThan(LEDGER_SHARDS / 2);
    const escrow = await getAccount(database.db, 'escrow');
    // Everything that came into escrow went out again: released to its parts or on its way back to the student.
    expect({ pending: escrow.debitsPending, held: escrow.creditsPosted - escrow.debitsPosted }).toEqual({ pending: 0, held: before.creditsPosted - before.debitsPosted });
    for (const [i, mentor] of mentors.entries()) {
      const paid = bookings.filter((b, n) => b.mentor === mentor && n % 2 === 0).reduce((sum, b) => sum + split(b.amount).share, 0);
      expect(await getAccount(database.db, walletAccount(mentor)), `mentor ${i}`).toMatchObject({ creditsPosted: paid, creditsPending: 0 });
    }
  });
});
