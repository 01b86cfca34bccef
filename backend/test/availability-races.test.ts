import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usingServerPostgres } from '../src/db/test-database.js';
import { occupancies, slots } from '../src/modules/availability/availability.tables.js';
import { approvedMentor, createAdmin, createTestApp, type TestApp } from '../src/test-support/test-app.js';
import { clock } from '../src/lib/clock.js';

// PGlite has one connection, so nothing races there: this proves something only on a server PostgreSQL.
describe.runIf(usingServerPostgres())('slots under concurrency (server PostgreSQL)', () => {
  let t: TestApp;
  let server: Server;
  let base: string;
  let mentor: Awaited<ReturnType<typeof approvedMentor>>;

  beforeAll(async () => {
    t = await createTestApp();
    mentor = await approvedMentor(t, await createAdmin(t), { name: 'Racing Mentor' });
    server = t.app.listen(0);
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await t.close();
  });

  const createSlot = (startsAt: Date, title: string) =>
    fetch(`${base}/api/mentors/me/slots`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${mentor.accessToken}` },
      body: JSON.stringify({ startsAt: startsAt.toISOString(), durationMinutes: 60, capacity: 5, title, pricePaise: 50_000 }),
    }).then(async (r) => ({ status: r.status, body: (await r.json()) as { code?: string } }));

  it('when overlapping slots are created concurrently, then exactly one wins each time and the rest get 409 slot_overlap', async () => {
    for (let round = 0; round < 10; round++) {
      const start = new Date(clock.now().getTime() + (2 + round) * 86_400_000);
      start.setUTCHours(10, 0, 0, 0);
      // Pairs (and crowds) of requests whose hours overlap by 0–45 minutes.
      const attempts = await Promise.all(
        Array.from({ length: 8 }, (_, i) => createSlot(new Date(start.getTime() + (i % 4) * 15 * 60_000), `Round ${round} slot ${i}`)),
      );
      expect(attempts.filter((a) => a.status === 201), JSON.stringify(attempts)).toHaveLength(1);
      expect(attempts.filter((a) => a.status === 409 && a.body.code === 'slot_overlap'), JSON.stringify(attempts)).toHaveLength(7);
    }
    const mine = await t.database.db.select().from(slots).where(eq(slots.mentorId, mentor.user.id));
    expect(mine).toHaveLength(10);
    const occupied = await t.database.db.select().from(occupancies).where(eq(occupancies.mentorId, mentor.user.id));
    expect(occupied).toHaveLength(10);
  });
});
