import { createHash, createSecretKey, randomBytes, randomUUID, type KeyObject } from 'node:crypto';
import argon2 from 'argon2';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import jwt from 'jsonwebtoken';
import type { Db } from '../../db/client.js';
import { inTransaction } from '../../db/transaction.js';
import { AppError, unauthenticated } from '../../lib/errors.js';
import type { AuthContext, Role } from '../../lib/http.js';
import { createUser, findUserByEmail, findUserById, getUser, type UserRow } from '../users/users.service.js';
import type { LoginInput, RegisterInput } from './auth.schemas.js';
import { loginThrottle, refreshTokens } from './auth.tables.js';
import { clock } from '../../lib/clock.js';

export interface AuthSettings {
  jwtSecret: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
  maxFailuresPerAccount: number;
  maxFailuresPerIp: number;
  throttleWindowSeconds: number;
}

export interface IssuedSession {
  user: UserRow;
  accessToken: string;
  refreshToken: string;
  refreshExpiresAt: Date;
}

const JWT_ISSUER = 'mentor-connect';
const JWT_AUDIENCE = 'mentor-connect-api';

// OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane): strong, yet cheap enough for a login burst.
const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => argon2.hash(password, ARGON2_OPTIONS);

// Verifying against this when the email is unknown keeps the response time the same as for a wrong password.
let dummyHash: Promise<string> | undefined;

async function passwordMatches(user: UserRow | undefined, password: string): Promise<boolean> {
  if (!user) {
    dummyHash ??= hashPassword(randomUUID());
    await argon2.verify(await dummyHash, password);
    return false;
  }
  return argon2.verify(user.passwordHash, password);
}

/**
 * Whether `password` is this user's current password (a sensitive change asks for it again). As slow for an unknown
 * user as for a wrong password.
 */
export async function verifyPassword(db: Db, userId: string, password: string): Promise<boolean> {
  return passwordMatches(await findUserById(db, userId), password);
}


const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

export function signAccessToken(settings: AuthSettings, user: { id: string; role: Role }): string {
  // Issued and checked on the process clock, like everything else time-dependent.
  return jwt.sign({ role: user.role, iat: Math.floor(clock.now().getTime() / 1000) }, settings.jwtSecret, {
    algorithm: 'HS256',
    subject: user.id,
    issuer: JWT_ISSUER,
    audience: JWT_AUDIENCE,
    expiresIn: settings.accessTokenTtlSeconds,
  });
}

// Given the secret as a string, jsonwebtoken first tries to parse it as a public key on every call (and fails);
// a secret key object built once per secret skips that work on every authenticated request.
const secretKeys = new Map<string, KeyObject>();
function verificationKey(secret: string): KeyObject {
  let key = secretKeys.get(secret);
  if (!key) {
    key = createSecretKey(Buffer.from(secret, 'utf8'));
    secretKeys.set(secret, key);
  }
  return key;
}

/** The algorithm is pinned so a token signed with `none` or an asymmetric key is never accepted. */
export function verifyAccessToken(settings: AuthSettings, token: string): AuthContext {
  try {
    const payload = jwt.verify(token, verificationKey(settings.jwtSecret), {
      algorithms: ['HS256'],
      issuer: JWT_ISSUER,
      audience: JWT_AUDIENCE,
      clockTimestamp: Math.floor(clock.now().getTime() / 1000),
    });
    if (typeof payload !== 'object' || typeof payload.sub !== 'string') throw new Error('malformed token');
    const role = (payload as { role?: unknown }).role;
    if (role !== 'student' && role !== 'mentor' && role !== 'admin') throw new Error('malformed role');
    return { userId: payload.sub, role };
  } catch {
    throw unauthenticated('The access token is invalid or expired');
  }
}

async function issueSession(db: Db, settings: AuthSettings, user: UserRow, familyId: string, now: Date): Promise<IssuedSession> {
  const refreshToken = randomBytes(32).toString('base64url');
  const refreshExpiresAt = new Date(now.getTime() + settings.refreshTokenTtlDays * 86_400_000);
  await db.insert(refreshTokens).values({
    familyId,
    userId: user.id,
    tokenHash: sha256(refreshToken),
    expiresAt: refreshExpiresAt,
    createdAt: now,
  });
  return { user, accessToken: signAccessToken(settings, user), refreshToken, refreshExpiresAt };
}

export async function register(db: Db, settings: AuthSettings, input: RegisterInput, now = clock.now()): Promise<IssuedSession> {
  const passwordHash = await hashPassword(input.password);
  return inTransaction(db, async (tx) => {
    const user = await createUser(tx, { name: input.name, email: input.email, passwordHash });
    return issueSession(tx, settings, user, randomUUID(), now);
  });
}

// ---- login throttling -------------------------------------------------------------------------------

interface ThrottleKey {
  key: string;
  limit: number;
}

function throttleKeys(settings: AuthSettings, email: string, ip: string): ThrottleKey[] {
  return [
    { key: `account:${email}`, limit: settings.maxFailuresPerAccount },
    { key: `ip:${ip}`, limit: settings.maxFailuresPerIp },
  ];
}

/**
 * Refuses the attempt (before the password is even checked) while any key has used up its failures in the
 * current window, so a correct guess made during a lock-out does not get through either.
 */
async function assertNotThrottled(db: Db, settings: AuthSettings, keys: ThrottleKey[], now: Date): Promise<void> {
  const rows = await db
    .select()
    .from(loginThrottle)
    .where(inArray(loginThrottle.key, keys.map((k) => k.key)));
  const windowMs = settings.throttleWindowSeconds * 1000;
  let retryAfterMs = 0;
  for (const row of rows) {
    const limit = keys.find((k) => k.key === row.key)!.limit;
    const windowEndsMs = row.windowStartedAt.getTime() + windowMs;
    if (row.failures >= limit && windowEndsMs > now.getTime()) retryAfterMs = Math.max(retryAfterMs, windowEndsMs - now.getTime());
  }
  if (retryAfterMs > 0) {
    const seconds = Math.ceil(retryAfterMs / 1000);
    throw new AppError('too_many_attempts', `Too many failed sign-in attempts. Try again in ${Math.ceil(seconds / 60)} minute(s).`, 429, {
      headers: { 'Retry-After': String(seconds) },
    });
  }
}

async function recordFailure(db: Db, settings: AuthSettings, keys: ThrottleKey[], now: Date): Promise<void> {
  const windowStart = new Date(now.getTime() - settings.throttleWindowSeconds * 1000);
  for (const { key } of keys) {
    // One atomic upsert per key: concurrent failures all count, and an expired window starts over.
    await db
      .insert(loginThrottle)
      .values({ key, failures: 1, windowStartedAt: now })
      .onConflictDoUpdate({
        target: loginThrottle.key,
        set: {
          failures: sql`case when ${loginThrottle.windowStartedAt} <= ${windowStart} then 1 else ${loginThrottle.failures} + 1 end`,
          windowStartedAt: sql`case when ${loginThrottle.windowStartedAt} <= ${windowStart} then ${now} else ${loginThrottle.windowStartedAt} end`,
        },
      });
  }
}

export async function login(
  db: Db,
  settings: AuthSettings,
  input: LoginInput,
  ctx: { ip: string; now?: Date },
): Promise<IssuedSession> {
  const now = ctx.now ?? clock.now();
  const keys = throttleKeys(settings, input.email, ctx.ip);
  await assertNotThrottled(db, settings, keys, now);
  const user = await findUserByEmail(db, input.email);
  if (!(await passwordMatches(user, input.password))) {
    await recordFailure(db, settings, keys, now);
    throw new AppError('invalid_credentials', 'Email or password is incorrect', 401);
  }
  // A success clears the account's counter; the IP's counter keeps counting so one address can't probe many accounts.
  await db.delete(loginThrottle).where(eq(loginThrottle.key, keys[0]!.key));
  return issueSession(db, settings, user!, randomUUID(), now);
}

// ---- refresh-token rotation ---------------------------------------------------------------------------

async function revokeFamily(db: Db, familyId: string, now: Date): Promise<void> {
  await db
    .update(refreshTokens)
    .set({ revokedAt: now })
    .where(and(eq(refreshTokens.familyId, familyId), isNull(refreshTokens.revokedAt)));
}

export async function refresh(db: Db, settings: AuthSettings, presented: string | undefined, now = clock.now()): Promise<IssuedSession> {
  if (!presented) throw unauthenticated('No refresh token');
  const outcome = await inTransaction(db, async (tx) => {
    const [token] = await tx.select().from(refreshTokens).where(eq(refreshTokens.tokenHash, sha256(presented)));
    if (!token || token.expiresAt <= now) return { kind: 'invalid' as const };
    if (token.revokedAt) return { kind: 'invalid' as const };
    // Marking the token used is conditional, so of two concurrent refreshes with one token only one rotates.
    const claimed = await tx
      .update(refreshTokens)
      .set({ usedAt: now })
      .where(and(eq(refreshTokens.id, token.id), isNull(refreshTokens.usedAt), isNull(refreshTokens.revokedAt)))
      .returning({ id: refreshTokens.id });
    if (claimed.length === 0) return { kind: 'reused' as const, familyId: token.familyId };
    const user = await getUser(tx, token.userId);
    return { kind: 'rotated' as const, session: await issueSession(tx, settings, user, token.familyId, now) };
  });
  if (outcome.kind === 'rotated') return outcome.session;
  if (outcome.kind === 'reused') {
    // A rotated-away token came back: someone holds a copy. End every session descending from that login.
    await revokeFamily(db, outcome.familyId, now);
    throw new AppError('refresh_token_reused', 'This session was ended for your security. Please sign in again.', 401);
  }
  throw unauthenticated('The refresh token is invalid or expired');
}

export async function logout(db: Db, presented: string | undefined, now = clock.now()): Promise<void> {
  if (!presented) return;
  const [token] = await db.select().from(refreshTokens).where(eq(refreshTokens.tokenHash, sha256(presented)));
  if (token) await revokeFamily(db, token.familyId, now);
}
