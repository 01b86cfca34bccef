import argon2 from 'argon2';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from './db/client.js';
import { createTestDatabase } from './db/test-database.js';
import { demoMentors } from './demo-mentors.js';
import { createLogger } from './lib/logger.js';
import { publicAvailability } from './modules/availability/availability.service.js';
import { searchMentors } from './modules/mentors/mentors.service.js';
import { mentorApplications } from './modules/mentors/mentors.tables.js';
import { users } from './modules/users/users.tables.js';
import { DEMO_PASSWORD, demoAccounts, seedDemoData, seedIfEmpty } from './seed.js';
import { clock } from './lib/clock.js';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

describe('demo data', () => {
  it('when an empty database starts, then the demo accounts, ≥ 12 discoverable mentors and one pending application exist; a restart adds nothing', async () => {
    await seedIfEmpty(database.db, createLogger('silent'));
    const countAfterFirst = (await database.db.select().from(users)).length;
    await seedIfEmpty(database.db, createLogger('silent'));
    expect((await seedDemoData(database.db)).created).toEqual([]);
    const rows = await database.db.select().from(users);
    expect(rows).toHaveLength(countAfterFirst);

    for (const account of demoAccounts) {
      const row = rows.find((r) => r.email === account.email)!;
      expect(row.role).toBe(account.role);
      expect(await argon2.verify(row.passwordHash, DEMO_PASSWORD)).toBe(true);
    }
    const listed = await searchMentors(database.db, { page: 1, limit: 50, sort: 'relevance' });
    expect(listed.total).toBe(demoMentors.length);
    expect(listed.total).toBeGreaterThanOrEqual(12);
    expect(new Set(listed.items.flatMap((m) => m.companies)).size).toBeGreaterThanOrEqual(12);
    expect(new Set(listed.items.map((m) => m.price30Paise)).size).toBeGreaterThanOrEqual(10);
    expect(listed.items.map((m) => m.slug)).toContain('asha-rao');
    const pending = await database.db.select().from(mentorApplications).where(eq(mentorApplications.status, 'pending'));
    expect(pending).toHaveLength(1);

    // Demo mentors have weekly hours and Asha has group slots, so a student sees bookable times immediately.
    const today = clock.now().toISOString().slice(0, 10);
    const inTwoWeeks = new Date(clock.now().getTime() + 14 * 86_400_000).toISOString().slice(0, 10);
    const asha = await publicAvailability(database.db, 'asha-rao', { from: today, to: inTwoWeeks, durationMinutes: 60, timeZone: 'Asia/Kolkata' });
    expect(asha.days.length).toBeGreaterThanOrEqual(8);
    expect(asha.groupSlots.map((s) => s.title)).toEqual(['System design AMA: design a URL shortener', 'Mock interview panel (group)']);
    expect(asha.groupSlots[0]).toMatchObject({ local: '16:00', capacity: 8, seatsLeft: 8 });
    for (const slug of listed.items.map((m) => m.slug)) {
      const view = await publicAvailability(database.db, slug, { from: today, to: inTwoWeeks, durationMinutes: 30, timeZone: 'UTC' });
      expect(view.days.length, slug).toBeGreaterThan(0);
    }
  });
});
