import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../users/users.tables.js';

export const conversationKind = pgEnum('conversation_kind', ['pair', 'group']);
export const conversationOpener = pgEnum('conversation_opener', ['booking', 'student']);

/**
 * A conversation: one per mentor–student pair (opened by their first confirmed booking, or by the student's "Message
 * mentor"), or one per group session (its slot), with every seat holder. The mentor can mute a pair's conversation:
 * its messages still arrive, but tell the mentor nothing (no notification, no email, not in the header's count).
 */
export const conversations = pgTable(
  'conversations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: conversationKind('kind').notNull(),
    mentorId: uuid('mentor_id')
      .notNull()
      .references(() => users.id),
    studentId: uuid('student_id').references(() => users.id),
    slotId: uuid('slot_id'),
    title: text('title'),
    openedBy: conversationOpener('opened_by').notNull(),
    mutedByMentor: boolean('muted_by_mentor').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastMessageAt: timestamp('last_message_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('conversations_pair_idx').on(t.mentorId, t.studentId).where(sql`${t.kind} = 'pair'`),
    uniqueIndex('conversations_slot_idx').on(t.slotId).where(sql`${t.kind} = 'group'`),
    // A student's conversations opened today are counted (at most 5 new a day).
    index('conversations_student_opened_idx').on(t.studentId, t.createdAt).where(sql`${t.openedBy} = 'student'`),
    check('conversations_kind_fields', sql`(${t.kind} = 'pair' and ${t.studentId} is not null) or (${t.kind} = 'group' and ${t.slotId} is not null)`),
  ],
);

/** Who is in a conversation, how far each has read (the `seq` of the last message they read) and what is left unread. */
export const conversationMembers = pgTable(
  'conversation_members',
  {
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    lastReadSeq: bigint('last_read_seq', { mode: 'number' }).notNull().default(0),
    // Messages of others after `lastReadSeq`: kept by each send and read, so no count runs over a long history.
    unreadCount: integer('unread_count').notNull().default(0),
    // The newest message (seq) when this member was last emailed about unread ones: after an email, none again
    // until they have read (then a new burst may email once more). See chat.emails.ts.
    emailedSeq: bigint('emailed_seq', { mode: 'number' }).notNull().default(0),
    joinedAt: timestamp('joined_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.conversationId, t.userId] }),
    index('conversation_members_user_idx').on(t.userId),
    // The members a "new message" email may be due for: something unread, and not emailed since they last read.
    index('conversation_members_email_due_idx').on(t.conversationId, t.userId).where(sql`${t.unreadCount} > 0 and ${t.emailedSeq} <= ${t.lastReadSeq}`),
    check('conversation_members_unread', sql`${t.unreadCount} >= 0`),
  ],
);

/**
 * A message. `seq` orders a conversation (and pages it: `before` is a seq); `clientId` is the sender's own id for
 * it, so a message sent again after a dropped connection is stored once.
 */
export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity().notNull(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    senderId: uuid('sender_id')
      .notNull()
      .references(() => users.id),
    clientId: text('client_id').notNull(),
    text: text('text').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('messages_client_idx').on(t.conversationId, t.senderId, t.clientId),
    uniqueIndex('messages_seq_idx').on(t.conversationId, t.seq),
    check('messages_text_length', sql`char_length(${t.text}) <= 4000`),
  ],
);

/** A file sent in a conversation: stored under DATA_DIR/uploads, served only to the conversation's members. */
export const attachments = pgTable(
  'chat_attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    uploaderId: uuid('uploader_id')
      .notNull()
      .references(() => users.id),
    messageId: uuid('message_id').references(() => messages.id, { onDelete: 'set null' }),
    name: text('name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    storageKey: text('storage_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('chat_attachments_message_idx').on(t.messageId), check('chat_attachments_size', sql`${t.size} > 0 and ${t.size} <= 10485760`)],
);
