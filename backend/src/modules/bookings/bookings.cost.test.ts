import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../db/test-database.js';
import { statementCounter } from '../../test-support/statements.js';
import { bearer, bookableMentor, createBooking, futureStart, payInSandbox, type Account } from '../../test-support/bookings.js';
import { createAdmin, createTestApp, registerUser, type TestApp } from '../../test-support/test-app.js';

/**
 * Cost is a feature: the SQL statements of the booking flow's requests are counted, so a change that adds a
 * round trip to the hot path fails here, not only in the benchmark. The gateway is the in-process sandbox, whose
 * own statements (`sandbox_…` tables) are not ours and are left out; its webhooks go nowhere, so no webhook work
 * interleaves. Emails queued by a request are sent by the outbox afterwards: its claims and sent-marks (updates
 * of `email_outbox`) are background work, not the request's.
 */

let t: TestApp;
let student: Account;
let mentor: Awaited<ReturnType<typeof bookableMentor>>;
const counter = statementCounter();

beforeAll(async () => {
  const database = await createTestDatabase({ onQuery: counter.onQuery });
  t = await createTestApp({ SANDBOX_WEBHOOK_URL: 'http://127.0.0.1:9/webhooks-are-lost' }, database);
  const admin = await createAdmin(t);
  mentor = await bookableMentor(t, admin, { name: 'Counted Mentor' });
  student = await registerUser(t, { name: 'Counted Student' });
});
afterAll(async () => {
  await t?.close();
});

/** The statements `work` sends itself (after background work already running has settled). */
const count = <T>(work: () => Promise<T>) => counter.count(() => t.settle(), work);

describe('statements per request on the booking path', () => {
  it('when a student books, pays and verifies, then create and verify each run a fixed, small number of statements; reads run one', async () => {
    const created = await count(() => createBooking(t, student, { mentorSlug: mentor.slug, startsAt: futureStart(30).toISOString(), durationMinutes: 60 }));
    expect(created.result.status).toBe(201);
    // The mentor's prices beside the schedule (mentor with hours, then occupied time), the booking and its hold,
    // the order's row, the booking as the response shows it.
    expect(created.statements, created.statements.join('\n')).toHaveLength(7);

    const paid = await payInSandbox(t, created.result.body.checkout);
    const verified = await count(() => t.http().post('/api/payments/verify').set(bearer(student.accessToken)).send(paid.body));
    expect(verified.result.status).toBe(200);
    expect(verified.result.body.status).toBe('confirmed');
    // The payment, then one transaction: claim it, confirm the booking, turn the hold into its time, the booking as
    // shown, both notifications in one statement and both emails in another, the ledger's one statement, and the
    // pair's conversation opened (or found) with both as members in one more.
    expect(verified.statements, verified.statements.join('\n')).toHaveLength(9);

    const id = verified.result.body.id as string;
    for (const path of [`/api/bookings/${id}`, '/api/bookings?status=upcoming', '/api/payments', `/api/payments/${verified.result.body.payment.id}/invoice`]) {
      const read = await count(() => t.http().get(path).set(bearer(student.accessToken)));
      expect(read.result.status, path).toBe(200);
      expect(read.statements, `${path}\n${read.statements.join('\n')}`).toHaveLength(1);
    }
  });
});
