import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../db/test-database.js';
import { approvedMentor, createAdmin, createTestApp, registerUser, type TestApp } from '../../test-support/test-app.js';
import { reviews } from '../reviews/reviews.tables.js';
import { mentors } from './mentors.tables.js';

let t: TestApp;
let admin: { id: string; token: string };
const queries: string[] = [];
type Mentor = Awaited<ReturnType<typeof approvedMentor>>;
const m: Record<string, Mentor> = {};

beforeAll(async () => {
  t = await createTestApp({}, await createTestDatabase({ onQuery: (q) => queries.push(q) }));
  admin = await createAdmin(t);
  m.sys = await approvedMentor(t, admin, {
    name: 'Sunita Systems',
    application: { headline: 'Distributed systems architect at Google', expertise: ['System Design', 'Kafka'], experience: [{ company: 'Google', role: 'Staff Engineer', years: 9 }], price30Paise: 300_000, price60Paise: 500_000, languages: ['English', 'Tamil'] },
  });
  m.dsa = await approvedMentor(t, admin, {
    name: 'Dev Algo',
    application: { headline: 'Competitive programming coach for interviews', expertise: ['Algorithms', 'C++'], sessionTopics: ['DSA Problem Solving'], experience: [{ company: 'Amazon', role: 'SDE II', years: 4 }], price30Paise: 50_000, price60Paise: 90_000, languages: ['English', 'Hindi'] },
  });
  m.pm = await approvedMentor(t, admin, {
    name: 'Pallavi Product',
    application: { headline: 'Product leader who mentors new PMs', expertise: ['Product Strategy'], sessionTopics: ['Product Management'], experience: [{ company: 'Microsoft', role: 'Principal PM', years: 10 }], price30Paise: 150_000, price60Paise: 250_000, languages: ['English', 'French'] },
  });
  m.paused = await approvedMentor(t, admin, { name: 'Paula Paused', application: { headline: 'System design mentor currently on a break' } });
  await t.http().put('/api/mentors/me/accepting-bookings').set('Authorization', `Bearer ${m.paused.accessToken}`).send({ accepting: false }).expect(200);
  await t.database.db.update(mentors).set({ ratingAvg: 4.8, ratingCount: 20, sessionsCompleted: 40 }).where(eq(mentors.slug, m.sys.slug));
  await t.database.db.update(mentors).set({ ratingAvg: 4.2, ratingCount: 5, sessionsCompleted: 70 }).where(eq(mentors.slug, m.dsa.slug));
});
afterAll(async () => {
  await t.close();
});

const slugs = (res: { body: { items: { slug: string }[] } }) => res.body.items.map((i) => i.slug);
const discover = (query: string) => t.http().get(`/api/mentors${query}`);

describe('discovery', () => {
  it('when nothing is filtered, then every approved, accepting mentor is listed and the paused one is not', async () => {
    const res = await discover('');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ page: 1, limit: 12, total: 3 });
    expect(slugs(res).sort()).toEqual([m.dsa!.slug, m.pm!.slug, m.sys!.slug].sort());
    expect(res.body.items[0]).toEqual(
      expect.objectContaining({ name: expect.any(String), headline: expect.any(String), price30Paise: expect.any(Number), companies: expect.any(Array), acceptingBookings: true }),
    );
  });

  it('when searching by a word prefix, then full-text search finds the mentor (name, headline, expertise or company)', async () => {
    expect(slugs(await discover('?q=sys%20des'))).toEqual([m.sys!.slug]);
    expect(slugs(await discover('?q=competitive'))).toEqual([m.dsa!.slug]);
    expect(slugs(await discover('?q=microsoft'))).toEqual([m.pm!.slug]);
    expect(slugs(await discover('?q=pallavi'))).toEqual([m.pm!.slug]);
    expect(slugs(await discover('?q=nothing-matches-this'))).toEqual([]);
    expect((await discover('?q=%26%7C!(')).status).toBe(200);
  });

  it.each([
    ['?expertise=Kafka', ['sys']],
    ['?topic=Product%20Management', ['pm']],
    ['?company=Amazon', ['dsa']],
    ['?language=French', ['pm']],
    ['?priceMin=100000&priceMax=200000', ['pm']],
    ['?minRating=4.5', ['sys']],
    ['?language=English&priceMax=200000&sort=price_asc', ['dsa', 'pm']],
  ])('when filtering by %s, then only matching mentors come back', async (query, expected) => {
    expect(slugs(await discover(query))).toEqual(expected.map((k) => m[k]!.slug));
  });

  it('when sorting, then the order follows price, rating or sessions', async () => {
    expect(slugs(await discover('?sort=price_asc'))).toEqual([m.dsa!.slug, m.pm!.slug, m.sys!.slug]);
    expect(slugs(await discover('?sort=price_desc'))).toEqual([m.sys!.slug, m.pm!.slug, m.dsa!.slug]);
    expect(slugs(await discover('?sort=rating'))).toEqual([m.sys!.slug, m.dsa!.slug, m.pm!.slug]);
    expect(slugs(await discover('?sort=sessions'))).toEqual([m.dsa!.slug, m.sys!.slug, m.pm!.slug]);
  });

  it('when paging, then limit is clamped to 50 and a page past the end is empty with the right total', async () => {
    const page = await discover('?limit=2&page=2&sort=price_asc');
    expect(page.body).toMatchObject({ page: 2, limit: 2, total: 3 });
    expect(slugs(page)).toEqual([m.sys!.slug]);
    expect((await discover('?limit=500')).body.limit).toBe(50);
    const beyond = await discover('?page=9');
    expect(beyond.body).toMatchObject({ items: [], total: 3, page: 9 });
  });

  it.each([
    ['?priceMin=300000&priceMax=100', 'priceMin'],
    ['?sort=cheapest', 'sort'],
    ['?priceMin=abc', 'priceMin'],
    ['?page=0', 'page'],
    ['?minRating=9', 'minRating'],
    ['?topic=Astrology', 'topic'],
  ])('when the query is %s, then 422 names %s', async (query, field) => {
    const res = await discover(query);
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(field);
  });

  it('when one discovery request runs, then it issues at most 2 SQL statements', async () => {
    for (const query of ['?q=system&language=English&sort=rating', '?page=7', '?topic=Backend&priceMin=1']) {
      queries.length = 0;
      await discover(query).expect(200);
      expect(queries.length).toBeLessThanOrEqual(2);
      expect(queries.length).toBeGreaterThanOrEqual(1);
    }
  });

  it('when the same page is asked for again, then it comes from the cache; a mentor write clears it at once', async () => {
    queries.length = 0;
    const first = await discover('?q=kafka&sort=rating').expect(200);
    const afterFirst = queries.length;
    expect(afterFirst).toBeGreaterThan(0);
    const second = await discover('?q=kafka&sort=rating').expect(200);
    expect(queries.length).toBe(afterFirst);
    expect(second.body).toEqual(first.body);

    const auth = { Authorization: `Bearer ${m.sys!.accessToken}` };
    await t.http().put('/api/mentors/me/accepting-bookings').set(auth).send({ accepting: false }).expect(200);
    expect(slugs(await discover('?q=kafka&sort=rating'))).toEqual([]);
    await t.http().put('/api/mentors/me/accepting-bookings').set(auth).send({ accepting: true }).expect(200);
    expect(slugs(await discover('?q=kafka&sort=rating'))).toEqual([m.sys!.slug]);
  });

  it('when facets are asked for, then they list values among discoverable mentors with counts', async () => {
    const res = await discover('/facets');
    expect(res.status).toBe(200);
    expect(res.body.companies).toEqual(expect.arrayContaining([{ value: 'Google', count: 1 }]));
    expect(res.body.languages).toEqual(expect.arrayContaining([{ value: 'English', count: 3 }]));
    expect(res.body.priceRange).toEqual({ minPaise: 50_000, maxPaise: 300_000 });
  });
});

describe('public profile and reviews', () => {
  it('when a profile is opened, then it has the full profile, rating summary from visible reviews and stats', async () => {
    const student = await registerUser(t);
    const rows = [5, 5, 4, 2].map((rating, i) => ({ mentorId: m.pm!.user.id, studentId: student.user.id, rating, text: `Review ${i}`, isPublic: i !== 1 }));
    await t.database.db.insert(reviews).values([...rows, { mentorId: m.pm!.user.id, studentId: student.user.id, rating: 1, text: 'spam', hidden: true }]);

    const res = await discover(`/${m.pm!.slug}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      slug: m.pm!.slug,
      name: 'Pallavi Product',
      headline: 'Product leader who mentors new PMs',
      experience: [{ company: 'Microsoft', role: 'Principal PM', years: 10 }],
      acceptingBookings: true,
      ratingSummary: { average: 4, count: 4, distribution: { 1: 0, 2: 1, 3: 0, 4: 1, 5: 2 } },
      stats: { sessionsCompleted: 0, cancellationRate: null, repeatStudentRate: null },
    });

    const list = await discover(`/${m.pm!.slug}/reviews?limit=2`);
    expect(list.body.total).toBe(3);
    expect(list.body.items).toHaveLength(2);
    expect(list.body.items[0]).toMatchObject({ studentName: 'Test User', rating: expect.any(Number) });
    expect(JSON.stringify(list.body)).not.toContain('spam');
    expect((await discover(`/${m.sys!.slug}/reviews`)).body).toEqual({ items: [], page: 1, limit: 10, total: 0 });
  });

  it('when the mentor is paused, then the profile still shows (not accepting); unknown or unapproved slugs are 404', async () => {
    const paused = await discover(`/${m.paused!.slug}`);
    expect(paused.status).toBe(200);
    expect(paused.body.acceptingBookings).toBe(false);
    expect((await discover('/no-such-mentor')).status).toBe(404);
    expect((await discover('/Bad_Slug!')).status).toBe(422);
    expect((await discover('/no-such-mentor/reviews')).status).toBe(404);
  });
});

describe('mentor self-service', () => {
  it('when a mentor edits the profile, then discovery shows the change; a 60-minute price below the 30-minute one is refused', async () => {
    const mentor = await approvedMentor(t, admin, { name: 'Edit Me', application: { headline: 'Original headline for editing' } });
    const auth = { Authorization: `Bearer ${mentor.accessToken}` };
    const res = await t.http().patch('/api/mentors/me').set(auth).send({ headline: 'Rust and WebAssembly specialist', expertise: ['Rust', 'WebAssembly'], price30Paise: 120_000 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ headline: 'Rust and WebAssembly specialist', expertise: ['Rust', 'WebAssembly'], price30Paise: 120_000 });
    expect(slugs(await discover('?q=webassembly'))).toEqual([mentor.slug]);

    const bad = await t.http().patch('/api/mentors/me').set(auth).send({ price30Paise: 900_000 });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].path).toBe('price60Paise');
    expect((await t.http().get('/api/mentors/me').set(auth)).body.price30Paise).toBe(120_000);
  });

  it('when a student calls mentor self-service, then 403', async () => {
    const student = await registerUser(t);
    const auth = { Authorization: `Bearer ${student.accessToken}` };
    expect((await t.http().patch('/api/mentors/me').set(auth).send({ headline: 'I am not a mentor at all' })).status).toBe(403);
    expect((await t.http().put('/api/mentors/me/accepting-bookings').set(auth).send({ accepting: false })).status).toBe(403);
  });

  it('when a mentor pauses and resumes, then discovery hides and shows them', async () => {
    const mentor = await approvedMentor(t, admin, { name: 'Toggle Person', application: { headline: 'Zymurgy and fermentation science mentor' } });
    const auth = { Authorization: `Bearer ${mentor.accessToken}` };
    await t.http().put('/api/mentors/me/accepting-bookings').set(auth).send({ accepting: false }).expect(200);
    expect(slugs(await discover('?q=zymurgy'))).toEqual([]);
    await t.http().put('/api/mentors/me/accepting-bookings').set(auth).send({ accepting: true }).expect(200);
    expect(slugs(await discover('?q=zymurgy'))).toEqual([mentor.slug]);
    expect((await t.http().put('/api/mentors/me/accepting-bookings').set(auth).send({ accepting: 'yes' })).body.errors[0].path).toBe('accepting');
  });

  it('when an avatar is uploaded, then it is checked by content, resized to 256 px WebP and served; bad or huge files are refused', async () => {
    const mentor = await approvedMentor(t, admin, { name: 'Avatar Owner' });
    const auth = { Authorization: `Bearer ${mentor.accessToken}` };
    const png = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#4c3fd1' } }).png().toBuffer();
    const ok = await t.http().put('/api/mentors/me/avatar').set(auth).attach('avatar', png, { filename: 'me.png', contentType: 'image/png' });
    expect(ok.status).toBe(200);
    expect(ok.body.avatarUrl).toMatch(/^\/uploads\/avatars\/.+\.webp$/);
    const served = await t.http().get(ok.body.avatarUrl);
    expect(served.status).toBe(200);
    const meta = await sharp(served.body as Buffer).metadata();
    expect(meta).toMatchObject({ format: 'webp', width: 256, height: 256 });
    expect((await discover(`/${mentor.slug}`)).body.avatarUrl).toBe(ok.body.avatarUrl);

    const fake = await t.http().put('/api/mentors/me/avatar').set(auth).attach('avatar', Buffer.from('<?php echo 1; ?>'), { filename: 'evil.png', contentType: 'image/png' });
    expect(fake.status).toBe(422);
    expect(fake.body).toMatchObject({ code: 'invalid_image', errors: [{ path: 'avatar' }] });

    const huge = await t.http().put('/api/mentors/me/avatar').set(auth).attach('avatar', Buffer.alloc(2 * 1024 * 1024 + 10, 1), { filename: 'big.png', contentType: 'image/png' });
    expect(huge.status).toBe(413);
    expect((await t.http().put('/api/mentors/me/avatar').set(auth)).status).toBe(422);
    expect((await discover(`/${mentor.slug}`)).body.avatarUrl).toBe(ok.body.avatarUrl);
  });
});
