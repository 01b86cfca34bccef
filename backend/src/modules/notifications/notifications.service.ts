import { and, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { claimDue, retryLater } from '../../db/claim.js';
import { nextAttemptAt } from '../../lib/backoff.js';
import { rowsOf, type Db } from '../../db/client.js';
import { notFound } from '../../lib/errors.js';
import type { MailAttachment } from '../../lib/mailer.js';
import { offsetOf } from '../../lib/pagination.js';
import { getUsers } from '../users/users.service.js';
import { categoryLabel, categoryOf } from './notifications.categories.js';
import type { EmailLinks, NotificationsContext } from './notifications.context.js';
import { emailOutbox, notificationPreferences, notifications } from './notifications.tables.js';
import { settingsUrl, signUnsubscribeToken, unsubscribeUrl } from './notifications.unsubscribe.js';
import { renderEmail, type EmailContext } from './templates.js';
import { clock } from '../../lib/clock.js';
import { publish } from '../../lib/events.js';

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
  /** The recipient's name and address, when the caller has them at hand (saves looking the user up). */
  recipient?: { name: string; email: string };
}

const dedupeKeyOf = (input: NotifyInput) => `${input.eventKey}:${input.userId}`;

/**
 * Records in-app notifications and, when asked, emails — all in the caller's transaction, so they exist
 * exactly when the change they report commits. The emails are delivered after commit by the outbox. Several
 * notifications of one change are written together: one statement for the notifications, one for the emails.
 *
 * Each recipient's preferences for the notification's category (notifications.categories.ts) are read inside the
 * first statement: an in-app notice switched off is not written, an email switched off is not queued; a type in no
 * category is always sent. An email goes with a notification written now (a repeat of the event sends nothing), or,
 * when its reader keeps in-app notices off, on its own — its outbox key still lets it out only once.
 */
export async function notify(tx: Db, input: NotifyInput | NotifyInput[]): Promise<void> {
  const inputs = Array.isArray(input) ? input : [input];
  if (inputs.length === 0) return;
  // The process clock, not the database's: a due email is one whose time has come on the clock the outbox reads.
  const now = clock.now();
  // Rows go as one JSON parameter: a batch of hundreds (a settlement run) costs one small statement to build and send.
  const rows = inputs.map((i, n) => ({ n, user_id: i.userId, type: i.type, title: i.title, body: i.body, data: i.data ?? {}, action_url: i.actionUrl ?? null, dedupe_key: dedupeKeyOf(i), category: categoryOf(i.type) }));
  const decided = rowsOf<{ n: number; user_id: string; in_app: boolean; email: boolean; fresh: boolean; dto: (ReturnType<typeof toNotificationDto> & { createdAt: string }) | null }>(
    await tx.execute(sql`
      with x as (
        select r.*, coalesce(p.in_app, true) as in_app, coalesce(p.email, true) as email
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(n int, user_id uuid, type text, title text, body text, data jsonb, action_url text, dedupe_key text, category text)
        left join ${notificationPreferences} p on p.user_id = r.user_id and p.category = r.category
      ), written as (
        insert into ${notifications} (user_id, type, title, body, data, action_url, dedupe_key, created_at)
        select user_id, type, title, body, data, action_url, dedupe_key, ${now.toISOString()}::timestamptz from x where in_app
        on conflict (dedupe_key) do nothing
        returning dedupe_key, json_build_object('id', id, 'type', type, 'title', title, 'body', body, 'data', data, 'actionUrl', action_url, 'readAt', null, 'createdAt', created_at) as dto
      )
      select x.n, x.user_id, x.in_app, x.email, w.dedupe_key is not null as fresh, w.dto
      from x left join written w on w.dedupe_key = x.dedupe_key`),
  );
  // Told live to the readers' bells (the real-time layer) once this commits.
  const created = decided.filter((d) => d.fresh).map((d) => ({ userId: d.user_id, notification: { ...d.dto!, createdAt: new Date(d.dto!.createdAt).toISOString() } }));
  if (created.length > 0) publish(tx, { type: 'notifications.created', items: created });
  const choice = new Map(decided.map((d) => [Number(d.n), d]));
  const emails = inputs.filter((i, n) => {
    const d = choice.get(n)!;
    return i.email && d.email && (d.fresh || !d.in_app);
  });
  if (emails.length === 0) return;
  const unknown = [...new Set(emails.filter((i) => !i.recipient).map((i) => i.userId))];
  const looked = new Map((await getUsers(tx, unknown)).map((u) => [u.id, { name: u.name, email: u.email }]));
  // The email is rendered when it is sent (runDeliverOutbox): here only its template and what it says are kept.
  const outbox = emails.map((i) => {
    const to = i.recipient ?? looked.get(i.userId)!;
    const context: EmailContext = { subject: i.title, name: to.name, actionUrl: i.actionUrl ?? null, actionLabel: i.email!.actionLabel ?? 'Open Mentor Connect', ...i.email!.context };
    return { dedupe_key: `${dedupeKeyOf(i)}:email`, to_address: to.email, subject: i.title, template: i.email!.template, context, attachments: i.email!.attachments ?? null, user_id: i.userId, type: i.type };
  });
  await tx.execute(sql`
    insert into ${emailOutbox} (dedupe_key, to_address, subject, template, context, attachments, user_id, type, created_at, next_attempt_at)
    select dedupe_key, to_address, subject, template, context, attachments, user_id, type, ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz
    from jsonb_to_recordset(${JSON.stringify(outbox)}::jsonb) as x(dedupe_key text, to_address text, subject text, template text, context jsonb, attachments jsonb, user_id uuid, type text)
    on conflict (dedupe_key) do nothing`);
  publish(tx, { type: 'email.queued' });
}

const MAX_ATTEMPTS = 8;
/** Retries of an email the server refused: 30 s, 1 min, 2 min, … (the eighth and last about an hour later). */
const EMAIL_RETRY = { baseMs: 30_000, maxMs: 2 * 3_600_000 };

/** A claimed email is sent within this time, or a later pass (on any instance) takes it over. */
const LEASE_MS = 2 * 60_000;

/**
 * Sends due outbox emails. One statement claims a batch: due rows are leased (their next attempt moved past the
 * lease) while rows another pass is claiming are skipped (FOR UPDATE SKIP LOCKED), so several instances share the
 * work and no transaction stays open while mail goes out. A crash after sending but before marking the row sent
 * sends it again once the lease ends (at-least-once). Each email is rendered now, with its reader's one-click
 * unsubscribe link (headers and footer) signed now.
 */
export async function runDeliverOutbox(ctx: NotificationsContext, now = clock.now(), batchSize = 20): Promise<number> {
  const { db, mailer, logger } = ctx;
  const due = await claimDue(db, emailOutbox, { key: 'id', due: 'nextAttemptAt', waiting: eq(emailOutbox.status, 'pending'), orderBy: ['createdAt'], now, leaseMs: LEASE_MS, batchSize });
  const sent: string[] = [];
  for (const row of due) {
    try {
      const unsubscribe = row.userId ? unsubscribeOf(ctx.links, row.userId, row.type, now) : null;
      const body = row.template ? renderEmail(row.template, { ...(row.context as EmailContext), ...unsubscribe?.footer }) : { html: row.html!, text: row.text! };
      await mailer.send({ to: row.toAddress, subject: row.subject, html: body.html, text: body.text, attachments: row.attachments ?? [], headers: unsubscribe?.headers });
      sent.push(row.id);
    } catch (err) {
      const attempts = row.attempts + 1;
      logger.warn({ err, outboxId: row.id, attempts }, 'email delivery failed');
      // After MAX_ATTEMPTS the row is parked as failed for a human.
      await retryLater(db, emailOutbox, {
        key: 'id',
        id: row.id,
        due: 'nextAttemptAt',
        next: nextAttemptAt(now, attempts, EMAIL_RETRY),
        set: { attempts, status: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending', lastError: err instanceof Error ? err.message.slice(0, 500) : String(err).slice(0, 500) },
      });
    }
  }
  if (sent.length > 0) {
    await db
      .update(emailOutbox)
      .set({ status: 'sent', sentAt: now, attempts: sql`${emailOutbox.attempts} + 1` })
      .where(inArray(emailOutbox.id, sent));
  }
  return due.length;
}

/**
 * The one-click unsubscribe of an email (RFC 8058 headers, and the footer's words and links): it switches off the
 * email of the notification's category, or — for a notice that is always sent — every category's email.
 */
function unsubscribeOf(links: EmailLinks, userId: string, type: string | null, now: Date) {
  const category = type ? categoryOf(type) : null;
  const url = unsubscribeUrl(links, signUnsubscribeToken(links.unsubscribeKey, userId, category ?? 'all', now));
  return {
    headers: { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    footer: { unsubscribeUrl: url, settingsUrl: settingsUrl(links), categoryLabel: category ? categoryLabel(category) : null, alwaysSent: category === null },
  };
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

export async function countUnread(db: Db, userId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(notifications).where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/** Someone else's notification is reported as not found, never as forbidden. */
export async function markRead(db: Db, userId: string, id: string, now = clock.now()) {
  const [row] = await db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, ${now})` })
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId)))
    .returning();
  if (!row) throw notFound('Notification');
  return toNotificationDto(row);
}

export async function markAllRead(db: Db, userId: string, now = clock.now()): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: now })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}
