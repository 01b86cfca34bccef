import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Request, Response } from 'express';
import type { Db } from '../db/client.js';
import { clock } from './clock.js';
import { AppError, invalidField } from './errors.js';
import { idempotencyKeys } from './idempotency.tables.js';
import { problem } from './problem.js';

export interface StoredResponse {
  status: number;
  body: unknown;
}

const KEY_PATTERN = /^[A-Za-z0-9_.:-]{8,100}$/;
/** A request still "running" after this long is presumed dead (its process crashed); the key may be retried. */
const LOCK_MS = 60_000;

/** Canonical JSON (sorted keys), so the same body sent with keys in another order is the same request. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** What a stored key remembers of its request: SHA-256 of the body's canonical JSON. */
export const requestHashOf = (body: unknown) => createHash('sha256').update(canonical(body)).digest('hex');

/**
 * Stripe's idempotency semantics (DESIGN.md §4.2) for one user and operation: the first request with a key
 * runs and its response is stored; a repeat with the same body gets the stored response, with another body
 * 422, while the first is still running 409. Server errors are not stored, so the client may retry them.
 */
export async function withIdempotency(
  db: Db,
  input: { userId: string; scope: string; key: string | undefined; body: unknown; now?: Date },
  run: () => Promise<StoredResponse>,
): Promise<StoredResponse> {
  if (input.key === undefined) return run();
  if (!KEY_PATTERN.test(input.key)) throw invalidField('Idempotency-Key', 'Use 8–100 letters, digits, "-", "_", "." or ":" (a UUID is ideal)');
  const now = input.now ?? clock.now();
  const requestHash = requestHashOf(input.body);
  const where = and(eq(idempotencyKeys.userId, input.userId), eq(idempotencyKeys.scope, input.scope), eq(idempotencyKeys.key, input.key));

  const claimed = await db
    .insert(idempotencyKeys)
    .values({ userId: input.userId, scope: input.scope, key: input.key, requestHash, lockedUntil: new Date(now.getTime() + LOCK_MS) })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (claimed.length === 0) {
    const [row] = await db.select().from(idempotencyKeys).where(where);
    if (!row) throw new AppError('idempotency_key_in_use', 'A request with this Idempotency-Key is still being processed', 409);
    if (row.requestHash !== requestHash) {
      throw new AppError('idempotency_key_reused', 'This Idempotency-Key was used with a different request', 422, {
        errors: [{ path: 'Idempotency-Key', message: 'Already used for a different request; use a new key' }],
      });
    }
    if (row.responseStatus !== null) return { status: row.responseStatus, body: row.responseBody };
    // Still running — unless its lock ran out (the process died), in which case this request takes over.
    const taken = await db
      .update(idempotencyKeys)
      .set({ lockedUntil: new Date(now.getTime() + LOCK_MS) })
      .where(and(where, sql`${idempotencyKeys.responseStatus} is null`, sql`${idempotencyKeys.lockedUntil} < ${now.toISOString()}::timestamptz`))
      .returning({ key: idempotencyKeys.key });
    if (taken.length === 0) throw new AppError('idempotency_key_in_use', 'A request with this Idempotency-Key is still being processed', 409);
  }

  let response: StoredResponse;
  try {
    response = await run();
  } catch (error) {
    if (error instanceof AppError && error.status < 500 && error.code !== 'idempotency_key_in_use') {
      const body = problem(error.status, error.code, error.message, error.extra.errors, error.extra.facts);
      await db.update(idempotencyKeys).set({ responseStatus: error.status, responseBody: body, lockedUntil: null }).where(where);
    } else {
      await db.delete(idempotencyKeys).where(where);
    }
    throw error;
  }
  await db.update(idempotencyKeys).set({ responseStatus: response.status, responseBody: response.body, lockedUntil: null }).where(where);
  return response;
}

function send(res: Response, stored: StoredResponse): void {
  if (stored.status >= 400) res.status(stored.status).type('application/problem+json').send(JSON.stringify(stored.body));
  else res.status(stored.status).json(stored.body);
}

/**
 * Runs a route's mutation under the request's `Idempotency-Key` header (if any) and sends its stored or fresh
 * answer: the one way every money route (bookings, payments, next the wallet) is made safe to retry.
 */
export async function respondIdempotently(
  db: Db,
  req: Request,
  res: Response,
  input: { userId: string; scope: string; status: number },
  run: () => Promise<unknown>,
): Promise<void> {
  const key = req.header('Idempotency-Key') ?? undefined;
  const stored = await withIdempotency(db, { userId: input.userId, scope: input.scope, key, body: req.body }, async () => ({ status: input.status, body: await run() }));
  send(res, stored);
}
