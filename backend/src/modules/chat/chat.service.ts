import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db } from '../../db/client.js';
import { inTransaction } from '../../db/transaction.js';
import { clock } from '../../lib/clock.js';
import { conflict, forbidden, invalidField, notFound } from '../../lib/errors.js';
import { publish } from '../../lib/events.js';
import { safeFileName, sniffFileType } from '../../lib/file-types.js';
import { sessionOf } from '../bookings/bookings.service.js';
import { mentorIdBySlug } from '../mentors/mentors.service.js';
import { userCards } from '../users/users.service.js';
import type { ConversationDto, MessageDto, SendMessageInput } from './chat.schemas.js';
import { attachments, conversationMembers, conversations, messages } from './chat.tables.js';

/** A student opens at most this many new conversations a day with "Message mentor" (bookings open theirs freely). */
export const NEW_CONVERSATIONS_PER_DAY = 5;
const DAY_MS = 86_400_000;

// ---- opening conversations ---------------------------------------------------------------------------------

/** The pair's conversation, made (with both as members) if there is none yet. */
export async function ensurePairConversation(db: Db, pair: { mentorId: string; studentId: string }, openedBy: 'booking' | 'student', now = clock.now()): Promise<{ id: string; created: boolean }> {
  return inTransaction(db, async (tx) => {
    const [made] = await tx
      .insert(conversations)
      .values({ kind: 'pair', mentorId: pair.mentorId, studentId: pair.studentId, openedBy, createdAt: now })
      .onConflictDoNothing({ target: [conversations.mentorId, conversations.studentId], where: sql`kind = 'pair'` })
      .returning({ id: conversations.id });
    if (!made) {
      const [found] = await tx
        .select({ id: conversations.id })
        .from(conversations)
        .where(and(eq(conversations.kind, 'pair'), eq(conversations.mentorId, pair.mentorId), eq(conversations.studentId, pair.studentId)));
      return { id: found!.id, created: false };
    }
    await tx.insert(conversationMembers).values([
      { conversationId: made.id, userId: pair.mentorId, joinedAt: now },
      { conversationId: made.id, userId: pair.studentId, joinedAt: now },
    ]);
    publish(tx, { type: 'chat.joined', conversationId: made.id, userIds: [pair.mentorId, pair.studentId] });
    return { id: made.id, created: true };
  });
}

/**
 * A booking was confirmed (told in its transaction): the pair's conversation opens, or the student joins the group
 * session's (named after the session's title) — in one statement, idempotent, so a second confirmation of the same
 * pair changes nothing.
 */
export async function openForBooking(tx: Db, booking: { mentorId: string; studentId: string; slotId: string | null; slotTitle?: string | null }, now = clock.now()): Promise<void> {
  const kind = booking.slotId ? 'group' : 'pair';
  const joined = rowsOf<{ conversation_id: string; user_id: string }>(
    await tx.execute(sql`
      with made as (
        insert into ${conversations} (kind, mentor_id, student_id, slot_id, title, opened_by, created_at)
        values (${kind}, ${booking.mentorId}, ${booking.slotId ? null : booking.studentId}, ${booking.slotId}, ${booking.slotId ? (booking.slotTitle ?? null) : null}, 'booking', ${now.toISOString()}::timestamptz)
        on conflict ${booking.slotId ? sql`(slot_id) where kind = 'group'` : sql`(mentor_id, student_id) where kind = 'pair'`} do nothing
        returning id),
      target as (
        select id from made
        union all
        select id from ${conversations}
        where ${booking.slotId ? sql`kind = 'group' and slot_id = ${booking.slotId}` : sql`kind = 'pair' and mentor_id = ${booking.mentorId} and student_id = ${booking.studentId}`}
        limit 1)
      insert into ${conversationMembers} (conversation_id, user_id, joined_at)
      select target.id, u.id, ${now.toISOString()}::timestamptz from target, (values (${booking.mentorId}::uuid), (${booking.studentId}::uuid)) as u(id)
      on conflict do nothing
      returning conversation_id, user_id`),
  );
  if (joined.length > 0) publish(tx, { type: 'chat.joined', conversationId: joined[0]!.conversation_id, userIds: joined.map((j) => j.user_id) });
}

/** "Message mentor": a student opens (or reopens) the conversation with a mentor; at most 5 new ones a day. */
export async function openConversationWithMentor(db: Db, studentId: string, mentorSlug: string, now = clock.now()): Promise<{ conversation: ConversationDto; created: boolean }> {
  const mentorId = await mentorIdBySlug(db, mentorSlug).catch(() => {
    throw invalidField('mentorSlug', 'No mentor has this profile address');
  });
  if (mentorId === studentId) throw invalidField('mentorSlug', 'You cannot message yourself');
  const [existing] = await db
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(eq(conversations.kind, 'pair'), eq(conversations.mentorId, mentorId), eq(conversations.studentId, studentId)));
  if (!existing) {
    const [opened] = await db
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(conversations)
      .where(and(eq(conversations.studentId, studentId), eq(conversations.openedBy, 'student'), sql`${conversations.createdAt} > ${new Date(now.getTime() - DAY_MS).toISOString()}::timestamptz`));
    if (opened!.n >= NEW_CONVERSATIONS_PER_DAY) {
      throw conflict('conversation_limit', `You can start ${NEW_CONVERSATIONS_PER_DAY} new conversations a day; try again tomorrow`, { limit: NEW_CONVERSATIONS_PER_DAY });
    }
  }
  const { id, created } = existing ? { id: existing.id, created: false } : await ensurePairConversation(db, { mentorId, studentId }, 'student', now);
  return { conversation: await getConversation(db, studentId, id), created };
}

// ---- reading ------------------------------------------------------------------------------------------------

interface ConversationRow {
  id: string;
  kind: 'pair' | 'group';
  title: string | null;
  mentor_id: string;
  muted_by_mentor: boolean;
  created_at: string;
  last_read_seq: string | number;
  unread: number;
  last_message: { id: string; seq: number; senderId: string; text: string; createdAt: string } | null;
  members: Array<{ id: string; name: string; avatarUrl: string | null; lastReadSeq: number }>;
}

/** Every conversation of `userId` (or the one `conversationId`), with unread counts, the last message and the members: one statement. */
function conversationsQuery(userId: string, only?: SQL) {
  return sql`
    select c.id, c.kind, c.title, c.mentor_id, c.muted_by_mentor, c.created_at, me.last_read_seq,
      me.unread_count as unread,
      (select json_build_object('id', m.id, 'seq', m.seq, 'senderId', m.sender_id, 'text', m.text, 'createdAt', m.created_at)
         from ${messages} m where m.conversation_id = c.id order by m.seq desc limit 1) as last_message,
      (select json_agg(json_build_object('id', u.id, 'name', u.name, 'avatarUrl', u.avatar_url, 'lastReadSeq', cm.last_read_seq) order by (cm.user_id <> c.mentor_id), cm.joined_at, u.id)
         from ${conversationMembers} cm join ${userCards} u on u.id = cm.user_id where cm.conversation_id = c.id) as members
    from ${conversationMembers} me join ${conversations} c on c.id = me.conversation_id
    where me.user_id = ${userId} ${only ? sql`and ${only}` : sql``}
    order by coalesce(c.last_message_at, c.created_at) desc, c.id
    limit 200`;
}

const iso = (value: string) => new Date(value).toISOString();

function toConversationDto(r: ConversationRow): ConversationDto {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    mentorId: r.mentor_id,
    muted: r.muted_by_mentor,
    unread: r.unread,
    lastReadSeq: Number(r.last_read_seq),
    lastMessage: r.last_message ? { ...r.last_message, seq: Number(r.last_message.seq), createdAt: iso(r.last_message.createdAt) } : null,
    members: (r.members ?? []).map((m) => ({ ...m, lastReadSeq: Number(m.lastReadSeq), role: m.id === r.mentor_id ? ('mentor' as const) : ('student' as const) })),
    createdAt: iso(r.created_at),
  };
}

/** Muted conversations do not count towards the mentor's header total. */
const countsTowardsTotal = (c: ConversationDto, userId: string) => !(c.muted && c.mentorId === userId);

export async function listConversations(db: Db, userId: string): Promise<{ items: ConversationDto[]; unread: number }> {
  const items = rowsOf<ConversationRow>(await db.execute(conversationsQuery(userId))).map(toConversationDto);
  return { items, unread: items.filter((c) => countsTowardsTotal(c, userId)).reduce((n, c) => n + c.unread, 0) };
}

export async function getConversation(db: Db, userId: string, conversationId: string): Promise<ConversationDto> {
  const [row] = rowsOf<ConversationRow>(await db.execute(conversationsQuery(userId, sql`c.id = ${conversationId}`)));
  if (!row) throw notFound('Conversation');
  return toConversationDto(row);
}

/**
 * The conversation a booking's page shows: its pair's, or its group session's. 404 for someone not in the booking,
 * and while there is none yet (it opens when the booking is confirmed). Two statements: the booking, the conversation.
 */
export async function conversationOfBooking(db: Db, userId: string, bookingId: string): Promise<ConversationDto> {
  const booking = await sessionOf(db, userId, bookingId);
  if (booking.role === 'admin') throw notFound('Booking');
  const which = booking.slotId
    ? sql`c.kind = 'group' and c.slot_id = ${booking.slotId}`
    : sql`c.kind = 'pair' and c.mentor_id = ${booking.mentor.id} and c.student_id = ${booking.student.id}`;
  const [row] = rowsOf<ConversationRow>(await db.execute(conversationsQuery(userId, which)));
  if (!row) throw notFound('Conversation');
  return toConversationDto(row);
}

interface MessageRow {
  id: string;
  conversation_id: string;
  seq: string | number;
  sender_id: string;
  client_id: string;
  text: string;
  created_at: string;
  attachments: Array<{ id: string; name: string; type: string; size: number }> | null;
}

const toMessageDto = (r: MessageRow): MessageDto => ({
  id: r.id,
  conversationId: r.conversation_id,
  seq: Number(r.seq),
  senderId: r.sender_id,
  clientId: r.client_id,
  text: r.text,
  createdAt: iso(r.created_at),
  attachments: r.attachments ?? [],
});

const messageColumns = sql`m.id, m.conversation_id, m.seq, m.sender_id, m.client_id, m.text, m.created_at,
  (select json_agg(json_build_object('id', a.id, 'name', a.name, 'type', a.content_type, 'size', a.size) order by a.created_at, a.id)
     from ${attachments} a where a.message_id = m.id) as attachments`;

const memberOf = (conversationId: string, userId: string) =>
  sql`exists (select 1 from ${conversationMembers} cm where cm.conversation_id = ${conversationId} and cm.user_id = ${userId})`;

/** A page of a conversation's history, oldest first, ending before the message at `before` (a seq); a stranger gets 404. */
export async function listMessages(db: Db, userId: string, conversationId: string, query: { before?: number | undefined; limit: number }) {
  const rows = rowsOf<MessageRow>(
    await db.execute(sql`
      select ${messageColumns} from ${messages} m
      where m.conversation_id = ${conversationId} and ${memberOf(conversationId, userId)}
        ${query.before ? sql`and m.seq < ${query.before}` : sql``}
      order by m.seq desc limit ${query.limit + 1}`),
  );
  if (rows.length === 0 && !(await isMember(db, userId, conversationId))) throw notFound('Conversation');
  const page = rows.slice(0, query.limit).reverse().map(toMessageDto);
  return { items: page, nextBefore: rows.length > query.limit ? page[0]!.seq : null };
}

export async function isMember(db: Db, userId: string, conversationId: string): Promise<boolean> {
  const [row] = await db
    .select({ userId: conversationMembers.userId })
    .from(conversationMembers)
    .where(and(eq(conversationMembers.conversationId, conversationId), eq(conversationMembers.userId, userId)));
  return Boolean(row);
}

/** The ids of every conversation `userId` is in (a socket joins their rooms). */
export async function conversationIdsOf(db: Db, userId: string): Promise<string[]> {
  return (await db.select({ id: conversationMembers.conversationId }).from(conversationMembers).where(eq(conversationMembers.userId, userId))).map((r) => r.id);
}

// ---- writing ------------------------------------------------------------------------------------------------

/**
 * Sends a message. The same `clientId` from the same sender in the same conversation is stored once: a resend
 * answers with the message already stored (`duplicate: true`) and tells no one again. Files named by id must have
 * been uploaded by the sender to this conversation and not sent yet. The sender has read up to their own message;
 * everyone else has one more unread. Two statements (three with files): the member’s lock, then the message with the
 * members' counts and the conversation's time, and the files.
 */
export async function sendMessage(db: Db, userId: string, conversationId: string, input: SendMessageInput, now = clock.now()): Promise<{ message: MessageDto; duplicate: boolean }> {
  return inTransaction(db, async (tx) => {
    // Membership, and one sender at a time per conversation (its row locked): a message's seq is then also the order
    // its transaction commits in, so a reader who has read up to seq N can never miss a message below N committed later.
    const [member] = rowsOf<{ id: string }>(
      await tx.execute(sql`select c.id from ${conversations} c join ${conversationMembers} cm on cm.conversation_id = c.id and cm.user_id = ${userId}
        where c.id = ${conversationId} for update of c`),
    );
    if (!member) throw notFound('Conversation');
    const [made] = rowsOf<{ id: string; seq: string | number; counts: Array<{ userId: string; unread: number }> | null }>(
      await tx.execute(sql`
        with m as (
          insert into ${messages} (conversation_id, sender_id, client_id, text, created_at)
          values (${conversationId}, ${userId}, ${input.clientId}, ${input.text}, ${now.toISOString()}::timestamptz)
          on conflict (conversation_id, sender_id, client_id) do nothing
          returning id, seq),
        members as (
          update ${conversationMembers} cm
          set unread_count = case when cm.user_id = ${userId} then 0 else cm.unread_count + 1 end,
              last_read_seq = case when cm.user_id = ${userId} then m.seq else cm.last_read_seq end
          from m where cm.conversation_id = ${conversationId}
          returning cm.user_id, cm.unread_count),
        touched as (update ${conversations} set last_message_at = ${now.toISOString()}::timestamptz from m where ${conversations}.id = ${conversationId} returning 1)
        select m.id, m.seq, (select json_agg(json_build_object('userId', user_id, 'unread', unread_count)) from members) as counts,
          (select count(*) from touched) as touched
        from m`),
    );
    if (!made) {
      const [again] = rowsOf<MessageRow>(
        await tx.execute(sql`select ${messageColumns} from ${messages} m where m.conversation_id = ${conversationId} and m.sender_id = ${userId} and m.client_id = ${input.clientId}`),
      );
      return { message: toMessageDto(again!), duplicate: true };
    }
    let files: MessageDto['attachments'] = [];
    if (input.attachmentIds.length > 0) {
      const attached = await tx
        .update(attachments)
        .set({ messageId: made.id })
        .where(
          and(
            sql`${attachments.id} in (${sql.join(
              input.attachmentIds.map((id) => sql`${id}`),
              sql`, `,
            )})`,
            eq(attachments.conversationId, conversationId),
            eq(attachments.uploaderId, userId),
            sql`${attachments.messageId} is null`,
          ),
        )
        .returning({ id: attachments.id, name: attachments.name, type: attachments.contentType, size: attachments.size, createdAt: attachments.createdAt });
      if (attached.length !== new Set(input.attachmentIds).size) throw invalidField('attachmentIds', 'A file is not one you uploaded here, or was sent already');
      files = attached.sort((x, y) => x.createdAt.getTime() - y.createdAt.getTime() || x.id.localeCompare(y.id)).map(({ id, name, type, size }) => ({ id, name, type, size }));
    }
    const message: MessageDto = { id: made.id, conversationId, seq: Number(made.seq), senderId: userId, clientId: input.clientId, text: input.text, createdAt: now.toISOString(), attachments: files };
    publish(tx, { type: 'chat.message', conversationId, message, unread: made.counts ?? [] });
    return { message, duplicate: false };
  });
}

/**
 * `userId` has read up to `messageId` (never backwards). Returns what is still unread; tells the others (read
 * receipts) when it moved.
 */
export async function markRead(db: Db, userId: string, conversationId: string, messageId: string): Promise<{ lastReadSeq: number; unread: number }> {
  return inTransaction(db, async (tx) => {
    if (!(await isMember(tx, userId, conversationId))) throw notFound('Conversation');
    const [target] = await tx
      .select({ seq: messages.seq })
      .from(messages)
      .where(and(eq(messages.id, messageId), eq(messages.conversationId, conversationId)));
    if (!target) throw invalidField('messageId', 'No such message in this conversation');
    const [moved] = rowsOf<{ last_read_seq: string }>(
      await tx.execute(sql`
        update ${conversationMembers} cm
        set last_read_seq = ${target.seq},
            unread_count = (select count(*) from ${messages} m where m.conversation_id = cm.conversation_id and m.seq > ${target.seq} and m.sender_id <> cm.user_id)
        where cm.conversation_id = ${conversationId} and cm.user_id = ${userId} and cm.last_read_seq < ${target.seq}
        returning cm.last_read_seq`),
    );
    if (moved) publish(tx, { type: 'chat.read', conversationId, userId, messageId, seq: target.seq });
    const [left] = await tx
      .select({ last_read_seq: conversationMembers.lastReadSeq, unread: conversationMembers.unreadCount })
      .from(conversationMembers)
      .where(and(eq(conversationMembers.conversationId, conversationId), eq(conversationMembers.userId, userId)));
    return { lastReadSeq: Number(left!.last_read_seq), unread: left!.unread };
  });
}

/** What each member of a conversation has unread. */
export async function unreadByMember(db: Db, conversationId: string): Promise<Array<{ userId: string; unread: number }>> {
  return db.select({ userId: conversationMembers.userId, unread: conversationMembers.unreadCount }).from(conversationMembers).where(eq(conversationMembers.conversationId, conversationId));
}

/** The mentor mutes (or unmutes) a pair's conversation. */
export async function setMuted(db: Db, userId: string, conversationId: string, muted: boolean): Promise<ConversationDto> {
  const [row] = await db.select({ mentorId: conversations.mentorId, kind: conversations.kind }).from(conversations).where(eq(conversations.id, conversationId));
  if (!row || !(await isMember(db, userId, conversationId))) throw notFound('Conversation');
  if (row.mentorId !== userId) throw forbidden('Only the mentor can mute a conversation');
  await db.update(conversations).set({ mutedByMentor: muted }).where(eq(conversations.id, conversationId));
  return getConversation(db, userId, conversationId);
}

// ---- attachments --------------------------------------------------------------------------------------------

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** Where a conversation's files live: DATA_DIR/uploads/chat/<conversation>/<attachment> (not served statically). */
export const attachmentPath = (dataDir: string, conversationId: string, attachmentId: string) => path.join(dataDir, 'uploads', 'chat', conversationId, attachmentId);

/**
 * Keeps a file a member uploads to a conversation, if its content is an image or a PDF (whatever its name says),
 * to be named in a message next. Returns what the message shows of it.
 */
export async function storeAttachment(db: Db, dataDir: string, userId: string, conversationId: string, file: { buffer: Buffer; name: string | undefined }, now = clock.now()) {
  if (!(await isMember(db, userId, conversationId))) throw notFound('Conversation');
  const type = sniffFileType(file.buffer);
  if (!type) throw invalidField('file', 'Send an image (PNG, JPEG, GIF, WebP) or a PDF');
  const id = randomUUID();
  const name = safeFileName(file.name, type === 'application/pdf' ? 'document.pdf' : 'image');
  const target = attachmentPath(dataDir, conversationId, id);
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(target, file.buffer);
  await db.insert(attachments).values({ id, conversationId, uploaderId: userId, name, contentType: type, size: file.buffer.length, storageKey: `${conversationId}/${id}`, createdAt: now });
  return { id, name, type, size: file.buffer.length };
}

/** A file of a conversation, for one of its members only (anyone else: 404). */
export async function readAttachment(db: Db, dataDir: string, userId: string, attachmentId: string) {
  const [row] = await db
    .select({ conversationId: attachments.conversationId, name: attachments.name, contentType: attachments.contentType, size: attachments.size })
    .from(attachments)
    .innerJoin(conversationMembers, and(eq(conversationMembers.conversationId, attachments.conversationId), eq(conversationMembers.userId, userId)))
    .where(eq(attachments.id, attachmentId));
  if (!row) throw notFound('File');
  return { ...row, path: attachmentPath(dataDir, row.conversationId, attachmentId) };
}
