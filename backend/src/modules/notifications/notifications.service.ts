import { and, count, desc, eq, isNull, lte, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { inTransaction } from '../../db/transaction.js';
import { notFound } from '../../lib/errors.js';
import type { Logger } from '../../lib/logger.js';
import type { MailAttachment, Mailer } from '../../lib/mailer.js';
import { offsetOf } from '../../lib/pagination.js';
import { getUser } from '../users/users.service.js';
import { emailOutbox, notifications } from './notifications.tables.js';
import { renderEmail } from './templates.js';

export interface NotifyInput {
  userId: string;
  type: string;
  title: string;
  body: string;
  /** Identifies the business event (e.g. `application:<id>:approved`); notifying twice for it does nothing. */
  eventKey: string;
  data?: Record<string, unknown>;
  actionUrl?: string | null;
  email?: { template: string; context?: Record<string, unknown>; actionLabel?: string; attachments?: MailAttachment[] };
}

/**
 * Records an in-app notification and, when asked, an email — both in the caller's transaction, so they
 * exist exactly when the change they report commits. The email is delivered after commit by the outbox.
 */
export async function notify(tx: Db, input: NotifyInput): Promise<void> {
  const user = await getUser(tx, input.userId);
  const dedupeKey = `${input.eventKey}:${input.userId}`;
  const inserted = await tx
    .insert(notifications)
    .values({
      userId: input.userId,
      type: input.type,
      title: input.title,
      body: input.body,
      data: input.data ?? {},
      actionUrl: input.actionUrl ?? null,
      dedupeKey,
    })
    .onConflictDoNothing({ target: notifications.dedupeKey })
    .returning({ id: notifications.id });
  if (inserted.length === 0 || !input.email) return;
  const rendered = renderEmail(input.email.template, {
    subject: input.title,
    name: user.name,
    actionUrl: input.actionUrl ?? null,
    actionLabel: input.email.actionLabel ?? 'Open Mentor Connect',
    ...input.email.context,
  });
  await tx
    .insert(emailOutbox)
    .values({
      dedupeKey: `${dedupeKey}:email`,
      toAddress: user.email,
      subject: rendered.subject,
      html: rendered.html,
      text: rendered.text,
      attachments: input.email.attachments ?? null,
    })
    .onConflictDoNothing({ target: emailOutbox.dedupeKey });
}

const MAX_ATTEMPTS = 8;

/**
 * Sends due outbox emails. Rows are claimed with FOR UPDATE SKIP LOCKED, so several instances can run this
 * at once without sending a message twice; a crash after sending but before commit re-sends it (at-least-once).
 */
export async function runDeliverOutbox(db: Db, mailer: Mailer, logger: Logger, now = new Date(), batchSize = 20): Promise<number> {
  return inTransaction(db, async (tx) => {
    const due = await tx
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.status, 'pending'), lte(emailOutbox.nextAttemptAt, now)))
      .orderBy(emailOutbox.createdAt)
      .limit(batchSize)
      .for('update', { skipLocked: true });
    for (const row of due) {
      try {
        await mailer.send({ to: row.toAddress, subject: row.subject, html: row.html, text: row.text, attachments: row.attachments ?? [] });
        await tx.update(emailOutbox).set({ status: 'sent', sentAt: now, attempts: row.attempts + 1 }).where(eq(emailOutbox.id, row.id));
      } catch (err) {
        const attempts = row.attempts + 1;
        // Exponential back-off (30 s, 1 min, 2 min, …); after MAX_ATTEMPTS the row is parked as failed for a human.
        const delayMs = 30_000 * 2 ** (attempts - 1);
        logger.warn({ err, outboxId: row.id, attempts }, 'email delivery failed');
        await tx
          .update(emailOutbox)
          .set({
            attempts,
            status: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending',
            nextAttemptAt: new Date(now.getTime() + delayMs),
            lastError: err instanceof Error ? err.message.slice(0, 500) : String(err).slice(0, 500),
          })
          .where(eq(emailOutbox.id, row.id));
      }
    }
    return due.length;
  });
}

export function toNotificationDto(row: typeof notifications.$inferSelect) {
  return {
    id: row.id,
    type: row.type,
    title: row.title,
    body: row.body,
    data: row.data,
    actionUrl: row.actionUrl,
    readAt: row.readAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function listNotifications(db: Db, userId: string, query: { page: number; limit: number; unread?: 'true' | 'false' | undefined }) {
  const where = and(eq(notifications.userId, userId), query.unread === 'true' ? isNull(notifications.readAt) : undefined);
  const rows = await db
    .select({
      row: notifications,
      total: sql<number>`count(*) over ()`.mapWith(Number),
      unreadCount: sql<number>`(select count(*) from ${notifications} n where n.user_id = ${userId} and n.read_at is null)`.mapWith(Number),
    })
    .from(notifications)
    .where(where)
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(query.limit)
    .offset(offsetOf(query.page, query.limit));
  const unreadCount = rows[0]?.unreadCount ?? (await countUnread(db, userId));
  return { items: rows.map((r) => toNotificationDto(r.row)), page: query.page, limit: query.limit, total: rows[0]?.total ?? 0, unreadCount };
}

async function countUnread(db: Db, userId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(notifications).where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/** Someone else's notification is reported as not found, never as forbidden. */
export async function markRead(db: Db, userId: string, id: string, now = new Date()) {
  const [row] = await db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, ${now})` })
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId)))
    .returning();
  if (!row) throw notFound('Notification');
  return toNotificationDto(row);
}

export async function markAllRead(db: Db, userId: string, now = new Date()): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: now })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}
