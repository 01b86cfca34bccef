import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usingServerPostgres } from '../src/db/test-database.js';
import { refreshTokens } from '../src/modules/auth/auth.tables.js';
import { users } from '../src/modules/users/users.tables.js';
import { createTestApp, registerUser, uniqueEmail, type TestApp } from '../src/test-support/test-app.js';

// PGlite has a single connection, so requests there never truly overlap: these tests only mean something on a server.
describe.runIf(usingServerPostgres())('auth under concurrency (server PostgreSQL)', () => {
  let t: TestApp;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    t = await createTestApp({ DATABASE_POOL_SIZE: '20' });
    server = t.app.listen(0);
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await t.close();
  });

  it('when 20 registrations race for one email, then exactly one wins and the rest get 409', async () => {
    const email = uniqueEmail('race');
    const statuses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        fetch(`${base}/api/auth/register`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ name: `Racer ${i}`, email, password: 'longenough' }),
        }).then((r) => r.status),
      ),
    );
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    expect(await t.database.db.select().from(users).where(eq(users.email, email))).toHaveLength(1);
  });

  it('when one refresh token is presented 10 times at once, then at most one rotation succeeds and the family ends revoked', async () => {
    const account = await registerUser(t);
    const results = await Promise.all(
      Array.from({ length: 10 }, () => fetch(`${base}/api/auth/refresh`, { method: 'POST', headers: { cookie: account.cookie } }).then((r) => r.status)),
    );
    expect(results.filter((s) => s === 200).length).toBeLessThanOrEqual(1);
    expect(results.filter((s) => s === 401).length).toBeGreaterThanOrEqual(9);
    const rows = await t.database.db.select().from(refreshTokens).where(eq(refreshTokens.userId, account.user.id));
    // Never more than one successor token was minted from the single presented one.
    expect(rows.length).toBeLessThanOrEqual(2);
    expect(rows.every((r) => r.revokedAt !== null)).toBe(true);
  });
});
