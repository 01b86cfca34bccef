import { and, desc, eq, isNotNull, sql } from 'drizzle-orm';
import { publish } from '../../lib/events.js';

import type { Db } from '../../db/client.js';
import { inTransaction } from '../../db/transaction.js';
import { clock } from '../../lib/clock.js';
import { conflict, notFound } from '../../lib/errors.js';
import { offsetOf } from '../../lib/pagination.js';
import { recordAudit } from '../audit/audit.service.js';
import { sessionOf } from '../bookings/bookings.service.js';
import { setMentorRating } from '../mentors/mentors.service.js';
import { userCards } from '../users/users.service.js';
import { ratingSummary } from './reviews.service.js';
import { reviewReports, reviews } from './reviews.tables.js';

/**
 * Writing reviews (PRODUCT.md §7): one per completed booking by its student, one reply by its mentor, reports by
 * anyone signed in, and the admin's hide / restore. The mentor's rating is recomputed in the same transaction as
 * every change that moves it. (Reading public reviews and the rating summary is reviews.service.ts.)
 */

type ReviewRow = typeof reviews.$inferSelect;

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function toReviewDto(r: ReviewRow, studentName: string) {
  return {
    id: r.id,
    bookingId: r.bookingId,
    rating: r.rating,
    text: r.text,
    isPublic: r.isPublic,
    hidden: r.hidden,
    studentName,
    mentorReply: r.mentorReply,
    mentorRepliedAt: iso(r.mentorRepliedAt),
    createdAt: r.createdAt.toISOString(),
  };
}

/** The mentor's average and count, from the visible reviews, written on the mentor in the caller's transaction. */
async function refreshRating(tx: Db, mentorId: string): Promise<void> {
  const summary = await ratingSummary(tx, mentorId);
  await setMentorRating(tx, mentorId, { average: summary.average, count: summary.count });
}

/** A booking's review and whether its viewer may still write one (participants only). */
export async function reviewOfBooking(db: Db, userId: string, bookingId: string) {
  const facts = await sessionOf(db, userId, bookingId);
  const [row] = await db.select().from(reviews).where(eq(reviews.bookingId, bookingId));
  return { review: row ? toReviewDto(row, facts.student.name) : null, canReview: !row && facts.role === 'student' && facts.status === 'completed' };
}

export async function createReview(db: Db, userId: string, bookingId: string, input: { rating: number; text: string; isPublic: boolean }, now = clock.now()) {
  const facts = await sessionOf(db, userId, bookingId);
  if (facts.role !== 'student') throw conflict('not_yours_to_review', 'Only the student of a session reviews it');
  if (facts.status !== 'completed') throw conflict('not_completed', 'Only a completed session can be reviewed');
  return inTransaction(db, async (tx) => {
    const [row] = await tx
      .insert(reviews)
      .values({ mentorId: facts.mentor.id, studentId: userId, bookingId, rating: input.rating, text: input.text, isPublic: input.isPublic, createdAt: now })
      .onConflictDoNothing({ target: reviews.bookingId })
      .returning();
    if (!row) throw conflict('already_reviewed', 'You have already reviewed this session');
    await refreshRating(tx, facts.mentor.id);
    return toReviewDto(row, facts.student.name);
  });
}

async function reviewWithStudent(db: Db, id: string) {
  const [row] = await db.select({ review: reviews, studentName: userCards.name }).from(reviews).innerJoin(userCards, eq(userCards.id, reviews.studentId)).where(eq(reviews.id, id));
  return row;
}

/** The mentor answers a review of theirs, once. */
export async function replyToReview(db: Db, userId: string, id: string, text: string, now = clock.now()) {
  const found = await reviewWithStudent(db, id);
  if (!found || found.review.mentorId !== userId) throw notFound('Review');
  const [row] = await db
    .update(reviews)
    .set({ mentorReply: text, mentorRepliedAt: now })
    .where(and(eq(reviews.id, id), sql`${reviews.mentorReply} is null`))
    .returning();
  if (!row) throw conflict('already_replied', 'You have already replied to this review');
  return toReviewDto(row, found.studentName);
}

/** Anyone signed in reports a review (once each); it goes to the admin's queue unless already hidden. */
export async function reportReview(db: Db, userId: string, id: string, reason: string, now = clock.now()) {
  await inTransaction(db, async (tx) => {
    const [row] = await tx.select({ id: reviews.id, hidden: reviews.hidden }).from(reviews).where(eq(reviews.id, id)).for('update');
    if (!row) throw notFound('Review');
    const [report] = await tx.insert(reviewReports).values({ reviewId: id, reporterId: userId, reason, createdAt: now }).onConflictDoNothing().returning({ id: reviewReports.id });
    if (report && !row.hidden) {
      await tx.update(reviews).set({ reportedAt: sql`coalesce(${reviews.reportedAt}, ${now.toISOString()}::timestamptz)` }).where(eq(reviews.id, id));
      publish(tx, { type: 'admin.queue', queue: 'reviews' });
    }
  });
  return { reported: true };
}

/** The admin's queue: reported reviews not yet looked at (oldest report first), or hidden ones. */
export async function listModeratedReviews(db: Db, query: { status: 'reported' | 'hidden'; page: number; limit: number }) {
  const mentorUser = sql`(select name from user_cards m where m.id = ${reviews.mentorId})`;
  const rows = await db
    .select({
      review: reviews,
      studentName: userCards.name,
      mentorName: sql<string>`${mentorUser}`,
      reports: sql<{ reason: string; at: string }[]>`coalesce((select json_agg(json_build_object('reason', r.reason, 'at', r.created_at) order by r.created_at) from review_reports r where r.review_id = ${reviews.id}), '[]'::json)`,
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(reviews)
    .innerJoin(userCards, eq(userCards.id, reviews.studentId))
    .where(query.status === 'reported' ? and(isNotNull(reviews.reportedAt), eq(reviews.hidden, false)) : eq(reviews.hidden, true))
    .orderBy(query.status === 'reported' ? reviews.reportedAt : desc(reviews.createdAt), reviews.id)
    .limit(query.limit)
    .offset(offsetOf(query.page, query.limit));
  return {
    items: rows.map((r) => ({ ...toReviewDto(r.review, r.studentName), mentorName: r.mentorName, reportedAt: iso(r.review.reportedAt), reports: r.reports })),
    page: query.page,
    limit: query.limit,
    total: rows[0]?.total ?? 0,
  };
}

/** Hide (it leaves the profile and the rating) or restore (back, and out of the queue); audited. */
export async function moderateReview(db: Db, adminId: string, id: string, action: 'hide' | 'restore', now = clock.now()) {
  return inTransaction(db, async (tx) => {
    const [row] = await tx
      .update(reviews)
      .set(action === 'hide' ? { hidden: true, reportedAt: null } : { hidden: false, reportedAt: null })
      .where(eq(reviews.id, id))
      .returning();
    if (!row) throw notFound('Review');
    await refreshRating(tx, row.mentorId);
    publish(tx, { type: 'admin.queue', queue: 'reviews' });
    await recordAudit(tx, { actorId: adminId, action: `review.${action}`, subjectType: 'review', subjectId: id }, now);
    const found = await reviewWithStudent(tx, id);
    return toReviewDto(row, found!.studentName);
  });
}
