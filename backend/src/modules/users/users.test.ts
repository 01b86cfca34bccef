import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, registerUser, type TestApp } from '../../test-support/test-app.js';
import { users } from './users.tables.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const row = async (id: string) => (await t.database.db.select().from(users).where(eq(users.id, id)))[0]!;

describe('GET /api/users/me', () => {
  it('when signed in, then it returns the public profile and never the password hash', async () => {
    const account = await registerUser(t, { name: 'Meera' });
    const res = await t.http().get('/api/users/me').set('Authorization', `Bearer ${account.accessToken}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: account.user.id,
      name: 'Meera',
      email: account.email,
      role: 'student',
      timeZone: 'Asia/Kolkata',
      language: 'en',
      avatarUrl: null,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
  });
});

describe('PATCH /api/users/me', () => {
  it('when name, time zone and language are valid, then they are saved (zone canonicalised)', async () => {
    const account = await registerUser(t);
    const res = await t
      .http()
      .patch('/api/users/me')
      .set('Authorization', `Bearer ${account.accessToken}`)
      .send({ name: 'Renamed', timeZone: 'america/new_york', language: 'hi' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'Renamed', timeZone: 'America/New_York', language: 'hi' });
    expect(await row(account.user.id)).toMatchObject({ name: 'Renamed', timeZone: 'America/New_York', language: 'hi' });
  });

  it('when the time zone is unknown, then 422 names timeZone and nothing changes', async () => {
    const account = await registerUser(t, { name: 'Stays' });
    const res = await t
      .http()
      .patch('/api/users/me')
      .set('Authorization', `Bearer ${account.accessToken}`)
      .send({ name: 'Changed', timeZone: 'Mars/Olympus_Mons' });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'timeZone' })]);
    expect(await row(account.user.id)).toMatchObject({ name: 'Stays', timeZone: 'Asia/Kolkata' });
  });

  it('when the body carries role or email, then they are refused and stay as they were', async () => {
    const account = await registerUser(t);
    const res = await t
      .http()
      .patch('/api/users/me')
      .set('Authorization', `Bearer ${account.accessToken}`)
      .send({ name: 'Sneaky', role: 'admin', email: 'boss@example.test' });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['email', 'role']);
    expect(await row(account.user.id)).toMatchObject({ role: 'student', email: account.email, name: 'Test User' });
  });

  it('when anonymous, then 401 and no change', async () => {
    const res = await t.http().patch('/api/users/me').send({ name: 'Nobody' });
    expect(res.status).toBe(401);
  });
});
