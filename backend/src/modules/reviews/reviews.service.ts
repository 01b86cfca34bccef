import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { offsetOf } from '../../lib/pagination.js';
import { userCards as users } from '../users/users.service.js';
import { reviews } from './reviews.tables.js';

export interface RatingSummary {
  average: number | null;
  count: number;
  distribution: Record<1 | 2 | 3 | 4 | 5, number>;
}

/** Every visible rating counts (public or not); hidden (moderated) reviews don't. One query. */
export async function ratingSummary(db: Db, mentorId: string): Promise<RatingSummary> {
  const rows = await db
    .select({ rating: reviews.rating, n: sql<number>`count(*)::int` })
    .from(reviews)
    .where(and(eq(reviews.mentorId, mentorId), eq(reviews.hidden, false)))
    .groupBy(reviews.rating);
  const distribution = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
  let count = 0;
  let sum = 0;
  for (const row of rows) {
    distribution[row.rating as 1 | 2 | 3 | 4 | 5] = row.n;
    count += row.n;
    sum += row.rating * row.n;
  }
  // Two decimals, computed from integers so the same data always shows the same average.
  return { average: count ? Math.round((sum * 100) / count) / 100 : null, count, distribution };
}

/** Public, visible reviews of a mentor, newest first. */
export async function listPublicReviews(db: Db, mentorId: string, page: number, limit: number) {
  const rows = await db
    .select({
      id: reviews.id,
      rating: reviews.rating,
      text: reviews.text,
      studentName: users.name,
      mentorReply: reviews.mentorReply,
      createdAt: reviews.createdAt,
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(reviews)
    .innerJoin(users, eq(users.id, reviews.studentId))
    .where(and(eq(reviews.mentorId, mentorId), eq(reviews.hidden, false), eq(reviews.isPublic, true)))
    .orderBy(desc(reviews.createdAt), desc(reviews.id))
    .limit(limit)
    .offset(offsetOf(page, limit));
  return {
    items: rows.map(({ total: _total, createdAt, ...r }) => ({ ...r, createdAt: createdAt.toISOString() })),
    page,
    limit,
    total: rows[0]?.total ?? (page > 1 ? await countPublic(db, mentorId) : 0),
  };
}

async function countPublic(db: Db, mentorId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(reviews)
    .where(and(eq(reviews.mentorId, mentorId), eq(reviews.hidden, false), eq(reviews.isPublic, true)));
  return row?.n ?? 0;
}

/** How many reported reviews wait for an admin (for the admin's queue counts, composed into one statement). */
export const reportedReviewsCount = (): SQL<number> => sql<number>`(select count(*)::int from ${reviews} where reported_at is not null and not hidden)`;
