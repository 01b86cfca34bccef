import { eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { PG_UNIQUE_VIOLATION, pgErrorCode } from '../../lib/db-errors.js';
import { conflict, notFound } from '../../lib/errors.js';
import type { Role } from '../../lib/http.js';
import type { PublicUser, UpdateMeInput } from './users.schemas.js';
import { users, type UserRow } from './users.tables.js';
import { clock } from '../../lib/clock.js';

export type { UserRow };

export function toPublicUser(row: UserRow): PublicUser {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    timeZone: row.timeZone,
    language: row.language,
    avatarUrl: row.avatarUrl,
    createdAt: row.createdAt.toISOString(),
  };
}

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

export interface NewUser {
  name: string;
  email: string;
  passwordHash: string;
  role?: Role;
  timeZone?: string;
}

export async function createUser(db: Db, input: NewUser): Promise<UserRow> {
  try {
    const [row] = await db
      .insert(users)
      .values({ ...input, email: normalizeEmail(input.email), createdAt: clock.now(), updatedAt: clock.now() })
      .returning();
    return row!;
  } catch (error) {
    // The unique index is the arbiter: two simultaneous registrations can't both pass a prior SELECT check.
    if (pgErrorCode(error) === PG_UNIQUE_VIOLATION) throw conflict('email_taken', 'An account with this email already exists');
    throw error;
  }
}

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  const [row] = await db
    .select()
    .from(users)
    .where(eq(sql`lower(${users.email})`, normalizeEmail(email)));
  return row;
}

export async function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

export async function getUser(db: Db, id: string): Promise<UserRow> {
  const row = await findUserById(db, id);
  if (!row) throw notFound('User');
  return row;
}

/** Several users by id, in one statement; every id must exist. */
export async function getUsers(db: Db, ids: string[]): Promise<UserRow[]> {
  if (ids.length === 0) return [];
  const rows = await db.select().from(users).where(inArray(users.id, ids));
  if (rows.length !== new Set(ids).size) throw notFound('User');
  return rows;
}

export async function updateProfile(db: Db, id: string, input: UpdateMeInput): Promise<UserRow> {
  const [row] = await db
    .update(users)
    .set({ ...input, updatedAt: clock.now() })
    .where(eq(users.id, id))
    .returning();
  if (!row) throw notFound('User');
  return row;
}

export async function countUsers(db: Db): Promise<number> {
  const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(users);
  return row?.count ?? 0;
}

export async function setRole(db: Db, id: string, role: Role): Promise<void> {
  const rows = await db.update(users).set({ role, updatedAt: clock.now() }).where(eq(users.id, id)).returning({ id: users.id });
  if (rows.length === 0) throw notFound('User');
}

export async function setAvatarUrl(db: Db, id: string, avatarUrl: string | null): Promise<UserRow> {
  const [row] = await db.update(users).set({ avatarUrl, updatedAt: clock.now() }).where(eq(users.id, id)).returning();
  if (!row) throw notFound('User');
  return row;
}

/**
 * The read-only join target for other modules' list queries that show people (ADR 0006): a view with a user's
 * id, name, email, avatar, time zone and joining date. Single users are read through the functions above.
 */
export { userCards } from './users.tables.js';

/** Every admin's id and contact, for telling them of work waiting in their queues. */
export async function listAdmins(db: Db): Promise<Array<{ id: string; name: string; email: string }>> {
  return db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(eq(users.role, 'admin'));
}
