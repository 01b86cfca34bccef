import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { inTransaction } from '../../db/transaction.js';
import { clock } from '../../lib/clock.js';
import { notFound } from '../../lib/errors.js';
import { PG_FOREIGN_KEY_VIOLATION, pgErrorCode } from '../../lib/db-errors.js';
import { ALWAYS_SENT_NOTICES, categoryKeys, NOTIFICATION_CATEGORIES, type NotificationCategory } from './notifications.categories.js';
import { notificationPreferences } from './notifications.tables.js';
import type { UnsubscribeScope } from './notifications.unsubscribe.js';

/**
 * A person's notification preferences: per category (notifications.categories.ts) an in-app and an email switch,
 * everything on by default. notify() reads them in its own statement (notifications.service.ts); here they are
 * shown and changed.
 */

export interface CategoryChoice {
  category: NotificationCategory;
  inApp: boolean;
  email: boolean;
}

export async function getPreferences(db: Db, userId: string) {
  const rows = await db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, userId));
  const changed = new Map(rows.map((r) => [r.category, r]));
  return {
    categories: NOTIFICATION_CATEGORIES.map((c) => {
      const row = changed.get(c.key);
      return { key: c.key, label: c.label, description: c.description, inApp: row?.inApp ?? true, email: row?.email ?? true };
    }),
    alwaysSent: [...ALWAYS_SENT_NOTICES],
  };
}

export type PreferencesDto = Awaited<ReturnType<typeof getPreferences>>;

/**
 * Sets the categories named (the others stay as they are), in one transaction: a category switched fully on loses
 * its row, any other choice is kept as one.
 */
export async function updatePreferences(db: Db, userId: string, choices: CategoryChoice[], now = clock.now()): Promise<PreferencesDto> {
  await inTransaction(db, async (tx) => {
    const allOn = choices.filter((c) => c.inApp && c.email).map((c) => c.category);
    const changed = choices.filter((c) => !(c.inApp && c.email));
    if (allOn.length > 0) await tx.delete(notificationPreferences).where(and(eq(notificationPreferences.userId, userId), inArray(notificationPreferences.category, allOn)));
    if (changed.length > 0) {
      await tx
        .insert(notificationPreferences)
        .values(changed.map((c) => ({ userId, category: c.category, inApp: c.inApp, email: c.email, updatedAt: now })))
        .onConflictDoUpdate({
          target: [notificationPreferences.userId, notificationPreferences.category],
          set: { inApp: sql`excluded.in_app`, email: sql`excluded.email`, updatedAt: sql`excluded.updated_at` },
        });
    }
  });
  return getPreferences(db, userId);
}

/**
 * An unsubscribe link was followed: the email of its category (of every category, for `all`) is switched off and
 * in-app stays as it was. Doing it twice changes nothing more. Returns the categories now off by email.
 */
export async function switchEmailOff(db: Db, userId: string, scope: UnsubscribeScope, now = clock.now()): Promise<NotificationCategory[]> {
  const categories = scope === 'all' ? categoryKeys : [scope];
  try {
    await db
      .insert(notificationPreferences)
      .values(categories.map((category) => ({ userId, category, inApp: true, email: false, updatedAt: now })))
      .onConflictDoUpdate({ target: [notificationPreferences.userId, notificationPreferences.category], set: { email: false, updatedAt: now } });
  } catch (error) {
    // The account is gone (a link in an old email).
    if (pgErrorCode(error) === PG_FOREIGN_KEY_VIOLATION) throw notFound('Account');
    throw error;
  }
  return categories;
}
