import { eq } from 'drizzle-orm';
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clock } from '../../lib/clock.js';
import { authSettings } from '../../app.js';
import { createTestApp, refreshCookie, registerUser, uniqueEmail, type TestApp } from '../../test-support/test-app.js';
import { users } from '../users/users.tables.js';
import { login } from './auth.service.js';
import { loginThrottle, refreshTokens } from './auth.tables.js';

let t: TestApp;
let ipCounter = 0;
// Each test speaks from its own address so the per-IP throttle of one test can't leak into another.
const freshIp = () => `10.9.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const userRows = (email: string) => t.database.db.select().from(users).where(eq(users.email, email));

describe('register', () => {
  it('when the input is valid, then it creates a student, returns a session and sets a strict httpOnly refresh cookie', async () => {
    const email = uniqueEmail('Reg').toUpperCase();
    const res = await t.http().post('/api/auth/register').send({ name: '  Priya  ', email, password: 'longenough' });

    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({ name: 'Priya', email: email.toLowerCase(), role: 'student', timeZone: 'Asia/Kolkata' });
    expect(res.body.user).not.toHaveProperty('passwordHash');
    expect(typeof res.body.accessToken).toBe('string');
    const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('mc_refresh='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/api\/auth/);
    const [row] = await userRows(email.toLowerCase());
    expect(row!.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row!.passwordHash).not.toContain('longenough');
  });

  it('when the email is taken (in any letter case), then 409 email_taken and no second row', async () => {
    const first = await registerUser(t);
    const res = await t.http().post('/api/auth/register').send({ name: 'Dup', email: first.email.toUpperCase(), password: 'longenough' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('email_taken');
    expect(await userRows(first.email)).toHaveLength(1);
  });

  it('when fields are invalid, then 422 names each field and nothing is stored', async () => {
    const email = uniqueEmail();
    const res = await t.http().post('/api/auth/register').send({ name: '', email: 'not-an-email', password: 'short' });
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['email', 'name', 'password']);
    const again = await t.http().post('/api/auth/register').send({ name: 'Ok', email, password: 'seven77' });
    expect(again.status).toBe(422);
    expect(await userRows(email)).toHaveLength(0);
  });

  it('when the body tries to set a role, then it is rejected and no admin is created', async () => {
    const email = uniqueEmail();
    const res = await t.http().post('/api/auth/register').send({ name: 'Eve', email, password: 'longenough', role: 'admin' });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'role' })]);
    expect(await userRows(email)).toHaveLength(0);
  });
});

describe('login', () => {
  it('when the credentials are right, then 200 with the user, an access token and a refresh cookie', async () => {
    const account = await registerUser(t);
    const res = await t.http().post('/api/auth/login').set('X-Forwarded-For', freshIp()).send({ email: account.email, password: account.password });
    expect(res.status).toBe(200);
    expect(res.body.user.id).toBe(account.user.id);
    expect(refreshCookie(res.headers['set-cookie'])).toMatch(/^mc_refresh=.{20,}/);
    const me = await t.http().get('/api/users/me').set('Authorization', `Bearer ${res.body.accessToken}`);
    expect(me.status).toBe(200);
    expect(me.body.email).toBe(account.email);
  });

  it('when the password is wrong or the email unknown, then the same 401 either way', async () => {
    const account = await registerUser(t);
    const ip = freshIp();
    const wrong = await t.http().post('/api/auth/login').set('X-Forwarded-For', ip).send({ email: account.email, password: 'not the password' });
    const unknown = await t.http().post('/api/auth/login').set('X-Forwarded-For', ip).send({ email: uniqueEmail('ghost'), password: 'whatever1' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.code).toBe('invalid_credentials');
    const { type, title, detail, code } = wrong.body;
    expect(unknown.body).toMatchObject({ type, title, detail, code });
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('when an account has too many failures, then even the right password gets 429 with Retry-After', async () => {
    const account = await registerUser(t);
    const limit = t.config.LOGIN_MAX_FAILURES_PER_ACCOUNT;
    for (let i = 0; i < limit; i++) {
      // Different addresses: the account counter alone must trip.
      const res = await t.http().post('/api/auth/login').set('X-Forwarded-For', freshIp()).send({ email: account.email, password: `wrong-${i}-pass` });
      expect(res.status).toBe(401);
    }
    const blocked = await t.http().post('/api/auth/login').set('X-Forwarded-For', freshIp()).send({ email: account.email, password: account.password });
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('too_many_attempts');
    const retryAfter = Number(blocked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(t.config.LOGIN_THROTTLE_WINDOW_SECONDS);
    expect(blocked.headers['set-cookie']).toBeUndefined();
  });

  it('when one address fails against many accounts, then that address is throttled but others are not', async () => {
    const small = await createTestApp({ LOGIN_MAX_FAILURES_PER_IP: '3' }, t.database);
    const ip = freshIp();
    for (let i = 0; i < 3; i++) {
      const res = await small.http().post('/api/auth/login').set('X-Forwarded-For', ip).send({ email: uniqueEmail('probe'), password: 'guess-guess' });
      expect(res.status).toBe(401);
    }
    const account = await registerUser(small);
    const blocked = await small.http().post('/api/auth/login').set('X-Forwarded-For', ip).send({ email: account.email, password: account.password });
    expect(blocked.status).toBe(429);
    const elsewhere = await small.http().post('/api/auth/login').set('X-Forwarded-For', freshIp()).send({ email: account.email, password: account.password });
    expect(elsewhere.status).toBe(200);
  });

  it('when the throttle window has passed, then the account can sign in again and its counter is cleared', async () => {
    const account = await registerUser(t);
    const settings = authSettings(t.config);
    const start = clock.now();
    for (let i = 0; i < settings.maxFailuresPerAccount; i++) {
      await expect(login(t.database.db, settings, { email: account.email, password: 'nope-nope' }, { ip: freshIp(), now: start })).rejects.toMatchObject({ code: 'invalid_credentials' });
    }
    await expect(login(t.database.db, settings, { email: account.email, password: account.password }, { ip: freshIp(), now: start })).rejects.toMatchObject({ code: 'too_many_attempts', status: 429 });
    const later = new Date(start.getTime() + settings.throttleWindowSeconds * 1000 + 1000);
    const session = await login(t.database.db, settings, { email: account.email, password: account.password }, { ip: freshIp(), now: later });
    expect(session.user.id).toBe(account.user.id);
    const counters = await t.database.db.select().from(loginThrottle).where(eq(loginThrottle.key, `account:${account.email}`));
    expect(counters).toHaveLength(0);
  });
});

describe('refresh and logout', () => {
  it('when a refresh token is used, then it rotates: a new access token and a different cookie', async () => {
    const account = await registerUser(t);
    const res = await t.http().post('/api/auth/refresh').set('Cookie', account.cookie);
    expect(res.status).toBe(200);
    expect(res.body.user.id).toBe(account.user.id);
    const rotated = refreshCookie(res.headers['set-cookie']);
    expect(rotated).not.toBe(account.cookie);
    const next = await t.http().post('/api/auth/refresh').set('Cookie', rotated);
    expect(next.status).toBe(200);
  });

  it('when an already-rotated token is presented again, then the whole family is revoked', async () => {
    const account = await registerUser(t);
    const first = await t.http().post('/api/auth/refresh').set('Cookie', account.cookie).expect(200);
    const current = refreshCookie(first.headers['set-cookie']);

    const replay = await t.http().post('/api/auth/refresh').set('Cookie', account.cookie);
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('refresh_token_reused');

    const legit = await t.http().post('/api/auth/refresh').set('Cookie', current);
    expect(legit.status).toBe(401);
    const family = await t.database.db.select().from(refreshTokens).where(eq(refreshTokens.userId, account.user.id));
    expect(family.length).toBe(2);
    expect(family.every((row) => row.revokedAt !== null)).toBe(true);
  });

  it('when another login of the same user exists, then revoking one family leaves the other session working', async () => {
    const account = await registerUser(t);
    const other = await t.http().post('/api/auth/login').set('X-Forwarded-For', freshIp()).send({ email: account.email, password: account.password }).expect(200);
    await t.http().post('/api/auth/logout').set('Cookie', account.cookie).expect(204);
    const res = await t.http().post('/api/auth/refresh').set('Cookie', refreshCookie(other.headers['set-cookie']));
    expect(res.status).toBe(200);
  });

  it('when there is no cookie or a forged one, then 401 and the cookie is cleared', async () => {
    expect((await t.http().post('/api/auth/refresh')).status).toBe(401);
    const forged = await t.http().post('/api/auth/refresh').set('Cookie', 'mc_refresh=forged-value');
    expect(forged.status).toBe(401);
    expect(String(forged.headers['set-cookie'])).toMatch(/mc_refresh=;/);
  });

  it('when the user logs out, then 204, the cookie is cleared and the refresh token no longer works', async () => {
    const account = await registerUser(t);
    const res = await t.http().post('/api/auth/logout').set('Cookie', account.cookie);
    expect(res.status).toBe(204);
    expect(String(res.headers['set-cookie'])).toMatch(/mc_refresh=;.*Expires=Thu, 01 Jan 1970/);
    expect((await t.http().post('/api/auth/refresh').set('Cookie', account.cookie)).status).toBe(401);
  });
});

describe('access tokens', () => {
  const claims = (sub: string) => ({ role: 'admin', sub, iss: 'mentor-connect', aud: 'mentor-connect-api' });

  it('when a token is issued, then it is HS256 with a 15-minute lifetime', async () => {
    const account = await registerUser(t);
    const decoded = jwt.decode(account.accessToken, { complete: true })!;
    expect(decoded.header.alg).toBe('HS256');
    const payload = decoded.payload as jwt.JwtPayload;
    expect(payload.exp! - payload.iat!).toBe(15 * 60);
    expect(payload.sub).toBe(account.user.id);
  });

  // Built when the test runs: the app's secret is generated at start-up.
  it.each<[string, ((secret: string) => string) | undefined]>([
    ['no token', undefined],
    ['garbage', () => 'Bearer not.a.token'],
    ['alg none', () => `Bearer ${jwt.sign(claims('x'), '', { algorithm: 'none' })}`],
    ['another algorithm with the same secret', (secret) => `Bearer ${jwt.sign(claims('x'), secret, { algorithm: 'HS512' })}`],
    ['a wrong secret', () => `Bearer ${jwt.sign(claims('x'), 'another-secret-another-secret-1234567', { algorithm: 'HS256' })}`],
    ['an expired token', (secret) => `Bearer ${jwt.sign({ ...claims('x'), exp: Math.floor(clock.now().getTime() / 1000) - 10 }, secret, { algorithm: 'HS256' })}`],
  ])('when the request carries %s, then /api/users/me answers 401 problem+json', async (_label, build) => {
    const header = build?.(t.config.JWT_SECRET);
    const req = t.http().get('/api/users/me');
    const res = header ? await req.set('Authorization', header) : await req;
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('unauthenticated');
  });
});
