import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Db } from '../../db/client.js';
import { inTransaction } from '../../db/transaction.js';
import { clock } from '../../lib/clock.js';
import { retryOnTransientConflict } from '../../lib/db-errors.js';
import { AppError, conflict, forbidden } from '../../lib/errors.js';
import { canJoin, joinWindow, lockSessionsToSettle, markSessionStarted, sessionOf, sessionOutcome, settleSessions, type BookingRow, type SessionFacts } from '../bookings/bookings.service.js';
import { browserStep, presence, spanOf, unionOf, type BrowserSignal, type Evidence, type Span } from './sessions.attendance.js';
import type { SessionsContext } from './sessions.context.js';
import { attendanceEvidence, meetingRooms, meetingWebhookEvents, sessionNotes } from './sessions.tables.js';
import { roomNameOf, roomOfFqn, roomTicket } from './sessions.video.js';

/**
 * The session itself (PRODUCT.md §6): entering the call inside its window, the evidence of who was there, the
 * mentor's notes, and settling each booking from that evidence once the window has closed. The booking and its money
 * belong to bookings; this module only asks it to record the outcome.
 */

export type { SessionsContext } from './sessions.context.js';

/** The call is open (PRODUCT.md §6, property 1), or a 409 that says when it opens or that it has closed. */
function assertOpen(ctx: SessionsContext, facts: SessionFacts, now: Date) {
  const window = joinWindow(ctx.bookings.policy, facts);
  const decision = canJoin(ctx.bookings.policy, facts, now);
  if (decision.ok) return window;
  const when = { opensAt: window.opensAt.toISOString(), closesAt: window.closesAt.toISOString() };
  if (decision.code === 'not_joinable') throw conflict('not_joinable', decision.message, when);
  throw conflict('meeting_not_open', decision.message, when);
}

/** What a participant needs to enter the call now: provider, domain, room and (token-protected services) a JWT. */
export async function getMeeting(ctx: SessionsContext, userId: string, bookingId: string, now = clock.now()) {
  const facts = await sessionOf(ctx.db, userId, bookingId);
  const window = assertOpen(ctx, facts, now);
  const room = roomNameOf(ctx.video, facts.meetingId);
  await ctx.db.insert(meetingRooms).values({ meetingId: facts.meetingId, roomName: room }).onConflictDoNothing();
  const me = facts.role === 'mentor' ? facts.mentor : facts.student;
  const ticket = roomTicket(ctx.video, room, { userId, name: me.name, email: me.email, moderator: facts.role === 'mentor' }, now, window.closesAt);
  return {
    ...ticket,
    opensAt: window.opensAt.toISOString(),
    closesAt: window.closesAt.toISOString(),
    startsAt: facts.startsAt.toISOString(),
    endsAt: facts.endsAt.toISOString(),
    role: facts.role as 'mentor' | 'student',
    displayName: me.name,
  };
}

/**
 * A sign from the participant's browser, stamped with the server's clock (never the client's): `joined`, a
 * `heartbeat` every 30 s, `left`. Only inside the window. The first sign of life starts the session.
 */
export async function recordBrowserSignal(ctx: SessionsContext, userId: string, bookingId: string, signal: BrowserSignal, now = clock.now()): Promise<void> {
  const facts = await sessionOf(ctx.db, userId, bookingId);
  assertOpen(ctx, facts, now);
  await inTransaction(ctx.db, async (tx) => {
    const mine = and(eq(attendanceEvidence.meetingId, facts.meetingId), eq(attendanceEvidence.userId, userId), eq(attendanceEvidence.source, 'browser'));
    const [open] = await tx.select().from(attendanceEvidence).where(and(mine, isNull(attendanceEvidence.closedAt))).orderBy(desc(attendanceEvidence.id)).limit(1).for('update');
    const step = browserStep(open ?? null, signal, now, ctx.heartbeatTimeoutMs);
    const opened = { meetingId: facts.meetingId, userId, source: 'browser' as const };
    switch (step.kind) {
      case 'extend':
        await tx.update(attendanceEvidence).set({ lastSeenAt: step.lastSeenAt }).where(eq(attendanceEvidence.id, open!.id));
        break;
      case 'close':
        await tx.update(attendanceEvidence).set({ closedAt: step.closedAt }).where(eq(attendanceEvidence.id, open!.id));
        break;
      case 'lapse-and-open':
        await tx.update(attendanceEvidence).set({ closedAt: step.closedAt }).where(eq(attendanceEvidence.id, open!.id));
        await tx.insert(attendanceEvidence).values({ ...opened, openedAt: step.openAt, lastSeenAt: step.openAt });
        break;
      case 'open':
        await tx.insert(attendanceEvidence).values({ ...opened, openedAt: step.openAt, lastSeenAt: step.openAt });
        break;
      case 'none':
        break;
    }
  });
  if (signal === 'joined' || (signal === 'heartbeat' && facts.status === 'confirmed')) await markSessionStarted(ctx.db, facts, now);
}

type EvidenceRow = typeof attendanceEvidence.$inferSelect;

/** The evidence of the given meetings, in one statement. */
function evidenceOf(db: Db, meetingIds: string[]): Promise<EvidenceRow[]> {
  if (meetingIds.length === 0) return Promise.resolve([]);
  return db.select().from(attendanceEvidence).where(inArray(attendanceEvidence.meetingId, meetingIds));
}

function spansOf(rows: readonly EvidenceRow[], meetingId: string, userId: string, closesAt: Date): Span[] {
  return rows
    .filter((r) => r.meetingId === meetingId && r.userId === userId)
    .map((r) => spanOf(r as Evidence, closesAt))
    .filter((s): s is Span => s !== null);
}

/** Who was in the call, and for how much of the scheduled time (participants and admins only). */
export async function attendanceOf(ctx: SessionsContext, viewer: { userId: string; role: string }, bookingId: string) {
  const facts = await sessionOf(ctx.db, viewer.userId, bookingId, { asAdmin: viewer.role === 'admin' });
  const { closesAt } = joinWindow(ctx.bookings.policy, facts);
  const rows = await evidenceOf(ctx.db, [facts.meetingId]);
  const participant = (userId: string, role: 'mentor' | 'student') => {
    const spans = spansOf(rows, facts.meetingId, userId, closesAt);
    const { seconds, percent } = presence(spans, facts.startsAt, facts.endsAt);
    return { userId, role, percent, seconds, intervals: unionOf(spans).map((s) => ({ from: s.from.toISOString(), to: s.to.toISOString() })) };
  };
  return { participants: [participant(facts.mentor.id, 'mentor'), participant(facts.student.id, 'student')] };
}

// ---- the video server's webhooks (JaaS format) ---------------------------------------------------------------

const TOLERANCE_SECONDS = 300;

/** `X-Jaas-Signature: t=<unix s>,v1=<base64 HMAC-SHA256 of "<t>.<raw body>">`, within five minutes of now. */
export function verifyVideoSignature(secret: string | null, raw: Buffer, header: string, now: Date): boolean {
  if (!secret) return false;
  // Split at the first '=' only: base64 signatures end in '=' padding.
  const parts = new Map(header.split(',').map((kv) => [kv.slice(0, kv.indexOf('=')).trim(), kv.slice(kv.indexOf('=') + 1).trim()] as const));
  const t = parts.get('t');
  const given = parts.get('v1');
  if (!t || !given || !/^\d{1,12}$/.test(t)) return false;
  if (Math.abs(now.getTime() / 1000 - Number(t)) > TOLERANCE_SECONDS) return false;
  const expected = createHmac('sha256', secret).update(`${t}.`).update(raw).digest();
  const givenBytes = Buffer.from(given, 'base64');
  return givenBytes.length === expected.length && timingSafeEqual(givenBytes, expected);
}

export interface VideoEvent {
  idempotencyKey: string;
  eventType: 'PARTICIPANT_JOINED' | 'PARTICIPANT_LEFT' | 'ROOM_DESTROYED' | string;
  sessionId?: string | undefined;
  timestamp: number;
  fqn: string;
  data?: { id?: string | undefined; participantId?: string | undefined; participantJid?: string | undefined } | undefined;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Applies one signed event, once (by its idempotency key; a repeat is acknowledged and ignored). The event's own
 * `timestamp` is its time. Rooms we don't know and users that are not ours are acknowledged and ignored too.
 */
export async function applyVideoEvent(ctx: SessionsContext, event: VideoEvent, now = clock.now()): Promise<'applied' | 'duplicate' | 'ignored'> {
  return inTransaction(ctx.db, async (tx) => {
    const [fresh] = await tx
      .insert(meetingWebhookEvents)
      .values({ idempotencyKey: event.idempotencyKey, eventType: event.eventType, receivedAt: now })
      .onConflictDoNothing()
      .returning({ key: meetingWebhookEvents.idempotencyKey });
    if (!fresh) return 'duplicate';
    const [room] = await tx.select({ meetingId: meetingRooms.meetingId }).from(meetingRooms).where(eq(meetingRooms.roomName, roomOfFqn(event.fqn)));
    if (!room) return 'ignored';
    const at = new Date(event.timestamp);
    if (event.eventType === 'ROOM_DESTROYED') {
      await tx
        .update(attendanceEvidence)
        .set({ closedAt: at })
        .where(and(eq(attendanceEvidence.meetingId, room.meetingId), eq(attendanceEvidence.source, 'video'), isNull(attendanceEvidence.closedAt)));
      return 'applied';
    }
    const userId = event.data?.id;
    if (!userId || !uuidPattern.test(userId)) return 'ignored';
    const key = event.data?.participantId ?? event.data?.participantJid ?? `${event.sessionId ?? 'session'}:${userId}`;
    const target = [attendanceEvidence.meetingId, attendanceEvidence.userId, attendanceEvidence.evidenceKey];
    const base = { meetingId: room.meetingId, userId, source: 'video' as const, evidenceKey: key, lastSeenAt: at };
    if (event.eventType === 'PARTICIPANT_JOINED') {
      await tx
        .insert(attendanceEvidence)
        .values({ ...base, openedAt: at })
        .onConflictDoUpdate({ target, targetWhere: sql`source = 'video'`, set: { openedAt: sql`least(coalesce(${attendanceEvidence.openedAt}, excluded.opened_at), excluded.opened_at)` } });
      return 'applied';
    }
    if (event.eventType === 'PARTICIPANT_LEFT') {
      await tx
        .insert(attendanceEvidence)
        .values({ ...base, closedAt: at })
        .onConflictDoUpdate({ target, targetWhere: sql`source = 'video'`, set: { closedAt: sql`greatest(coalesce(${attendanceEvidence.closedAt}, excluded.closed_at), excluded.closed_at)` } });
      return 'applied';
    }
    return 'ignored';
  });
}

/** The webhook endpoint's work: a bad or stale signature, or a body that is not an event, is a 400 and stores nothing. */
export async function receiveVideoWebhook(ctx: SessionsContext, raw: Buffer, signature: string, now = clock.now()) {
  if (!verifyVideoSignature(ctx.webhookSecret, raw, signature, now)) throw new AppError('signature_invalid', 'The webhook signature is missing, wrong or too old', 400);
  let event: VideoEvent;
  try {
    event = JSON.parse(raw.toString('utf8')) as VideoEvent;
  } catch {
    throw new AppError('malformed_json', 'The webhook body is not JSON', 400);
  }
  if (typeof event?.idempotencyKey !== 'string' || !event.idempotencyKey || event.idempotencyKey.length > 200) throw new AppError('invalid_event', 'idempotencyKey is missing', 400);
  if (typeof event.eventType !== 'string' || typeof event.fqn !== 'string' || !Number.isFinite(event.timestamp)) throw new AppError('invalid_event', 'eventType, fqn and timestamp are required', 400);
  return { received: true, result: await applyVideoEvent(ctx, event, now) };
}

// ---- notes -------------------------------------------------------------------------------------------------------

/** The mentor's notes: the mentor reads and writes them any time (an admin reads them); the student reads them once the session ended. */
export async function getNotes(ctx: SessionsContext, viewer: { userId: string; role: string }, bookingId: string, now = clock.now()) {
  const facts = await sessionOf(ctx.db, viewer.userId, bookingId, { asAdmin: viewer.role === 'admin' });
  if (facts.role === 'student' && now.getTime() < facts.endsAt.getTime()) throw conflict('notes_not_yet', 'The mentor’s notes are shared once the session ends', { availableAt: facts.endsAt.toISOString() });
  const [row] = await ctx.db.select().from(sessionNotes).where(eq(sessionNotes.meetingId, facts.meetingId));
  return { text: row?.text ?? '', updatedAt: row?.updatedAt.toISOString() ?? null };
}

export async function saveNotes(ctx: SessionsContext, userId: string, bookingId: string, text: string, now = clock.now()) {
  const facts = await sessionOf(ctx.db, userId, bookingId);
  if (facts.role !== 'mentor') throw forbidden('Only the mentor writes the session notes');
  if (facts.status === 'pending_payment' || facts.status === 'expired' || facts.status === 'cancelled') throw conflict('not_joinable', 'This session is not taking place');
  const [row] = await ctx.db
    .insert(sessionNotes)
    .values({ meetingId: facts.meetingId, text, authorId: userId, updatedAt: now })
    .onConflictDoUpdate({ target: sessionNotes.meetingId, set: { text, authorId: userId, updatedAt: now } })
    .returning();
  return { text: row!.text, updatedAt: row!.updatedAt.toISOString() };
}

// ---- settlement -----------------------------------------------------------------------------------------------

/** How one session ended, from the evidence: the mentor's presence in the window, the student's share of the session. */
export function outcomeOf(ctx: Pick<SessionsContext, 'bookings'>, b: Pick<BookingRow, 'startsAt' | 'endsAt' | 'slotId' | 'id' | 'mentorId' | 'studentId'>, rows: readonly EvidenceRow[]) {
  const { opensAt, closesAt } = joinWindow(ctx.bookings.policy, b);
  const meetingId = b.slotId ?? b.id;
  const mentorSpans = spansOf(rows, meetingId, b.mentorId, closesAt);
  const mentorJoined = mentorSpans.some((s) => s.to.getTime() >= opensAt.getTime() && s.from.getTime() <= closesAt.getTime());
  const student = presence(spansOf(rows, meetingId, b.studentId, closesAt), b.startsAt, b.endsAt);
  return sessionOutcome(ctx.bookings.policy, { mentorJoined, studentPercent: student.percent });
}

/**
 * One pass of `settle-sessions`: up to `batchSize` sessions whose window closed, claimed `chunk` at a time (SKIP
 * LOCKED, so every instance can run it at once) and settled with their evidence, each chunk in one transaction — a
 * session settles exactly once even when the job is killed and run again. A chunk takes its locks in one shared
 * order (bookings.settleSessions); a transaction PostgreSQL still aborts to break a deadlock is run again.
 */
export async function runSettleSessions(ctx: SessionsContext, now = clock.now(), batchSize = 2000, chunk = 500): Promise<number> {
  let settled = 0;
  while (settled < batchSize) {
    const n = await retryOnTransientConflict(() =>
      inTransaction(ctx.db, async (tx) => {
        const due = await lockSessionsToSettle(tx, ctx.bookings, now, Math.min(chunk, batchSize - settled));
        const rows = await evidenceOf(tx, [...new Set(due.map((b) => b.slotId ?? b.id))]);
        const byMeeting = new Map<string, EvidenceRow[]>();
        for (const r of rows) byMeeting.set(r.meetingId, [...(byMeeting.get(r.meetingId) ?? []), r]);
        const items = due.map((booking) => ({ booking, outcome: outcomeOf(ctx, booking, byMeeting.get(booking.slotId ?? booking.id) ?? []) }));
        return (await settleSessions(ctx.bookings, tx, items, now)).length;
      }),
    );
    if (n === 0) break;
    settled += n;
  }
  return settled;
}
