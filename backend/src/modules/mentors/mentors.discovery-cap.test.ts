import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { DISCOVERY_COUNT_CAP } from './mentors.service.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ DISCOVERY_CACHE_SECONDS: '0' });
  // A large catalogue, inserted directly: 1,005 approved mentors, 5 of them teaching Rust.
  await t.database.db.execute(sql`
    with ids as (select g, gen_random_uuid() as id from generate_series(1, ${DISCOVERY_COUNT_CAP + 5}) g),
    u as (insert into users (id, email, name, password_hash, role) select id, 'cap-' || g || '@example.test', 'Cap Mentor ' || g, 'x', 'mentor' from ids returning id, email)
    insert into mentors (user_id, slug, headline, bio, experience, expertise, session_topics, languages, companies, price30_paise, price60_paise, time_zone, approved_at)
    select u.id, 'cap-mentor-' || ids.g, 'Engineer mentoring on ' || case when ids.g <= 5 then 'rust' else 'java' end, 'Bio', '[]', '{Java}', '{Backend}', '{English}', '{Acme}', 50000, 90000, 'UTC', now()
    from ids join u on u.email = 'cap-' || ids.g || '@example.test'`);
});
afterAll(async () => {
  await t.close();
});

describe('discovery totals on a large catalogue', () => {
  it('when more than 1,000 mentors match, then the total is capped and flagged; a narrow search is counted exactly', async () => {
    const broad = await t.http().get('/api/mentors?limit=5');
    expect(broad.body).toMatchObject({ total: DISCOVERY_COUNT_CAP, totalCapped: true });
    expect(broad.body.items).toHaveLength(5);
    const narrow = await t.http().get('/api/mentors?q=rust');
    expect(narrow.body).toMatchObject({ total: 5, totalCapped: false });
  });
});
