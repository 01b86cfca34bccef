import { sql } from 'drizzle-orm';
import { bigserial, check, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * A call's room (PRODUCT.md §6). A 1-to-1 session meets in its booking's own call, a group session in its slot's;
 * `meeting_id` is that booking or slot id. The room name is an HMAC of it, so it can't be guessed; this table
 * maps it back for the video server's webhooks.
 */
export const meetingRooms = pgTable('meeting_rooms', {
  meetingId: uuid('meeting_id').primaryKey(),
  roomName: text('room_name').notNull().unique(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Attendance evidence: one row per interval of presence of a user in a meeting, from the browser or the video
 * server (sessions.attendance.ts says what each means). A video-server interval is keyed by its participant id, so
 * a repeated event lands on the same row.
 */
export const attendanceEvidence = pgTable(
  'attendance_evidence',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    meetingId: uuid('meeting_id').notNull(),
    userId: uuid('user_id').notNull(),
    source: text('source', { enum: ['browser', 'video'] }).notNull(),
    evidenceKey: text('evidence_key'),
    openedAt: timestamp('opened_at', { withTimezone: true }),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [
    index('attendance_evidence_meeting_user_idx').on(t.meetingId, t.userId),
    uniqueIndex('attendance_evidence_video_key').on(t.meetingId, t.userId, t.evidenceKey).where(sql`${t.source} = 'video'`),
    check('attendance_evidence_source', sql`${t.source} in ('browser', 'video')`),
    check('attendance_evidence_key', sql`(${t.source} = 'video') = (${t.evidenceKey} is not null)`),
  ],
);

/** Video-server webhooks already applied, by their idempotency key: a repeat is acknowledged and ignored. */
export const meetingWebhookEvents = pgTable('meeting_webhook_events', {
  idempotencyKey: text('idempotency_key').primaryKey(),
  eventType: text('event_type').notNull(),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
});

/** The mentor's notes of a meeting (shared by every seat of a group session); the student reads them afterwards. */
export const sessionNotes = pgTable(
  'session_notes',
  {
    meetingId: uuid('meeting_id').primaryKey(),
    text: text('text').notNull(),
    authorId: uuid('author_id').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [check('session_notes_length', sql`char_length(${t.text}) <= 5000`)],
);
