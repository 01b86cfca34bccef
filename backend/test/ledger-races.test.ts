import { randomUUID } from 'node:crypto';
import { eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/client.js';
import { createTestDatabase, usingServerPostgres } from '../src/db/test-database.js';
import { createTransfers, getAccount, resolvePending, walletAccount } from '../src/modules/ledger/ledger.service.js';
import { ledgerTransfers } from '../src/modules/ledger/ledger.tables.js';

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
});
