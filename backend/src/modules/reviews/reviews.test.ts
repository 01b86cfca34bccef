import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookableMentor, bookAndPay, futureStart, type Account } from '../../test-support/bookings.js';
import { completedSession, restoreClockAfterEach, tokenAt } from '../../test-support/sessions.js';
import { createAdmin, createTestApp, registerUser, type TestApp } from '../../test-support/test-app.js';
import { auditLog } from '../audit/audit.tables.js';
import { reviews } from './reviews.tables.js';

let t: TestApp;
let admin: { id: string; token: string };
let mentor: Awaited<ReturnType<typeof bookableMentor>>;
let otherMentor: Awaited<ReturnType<typeof bookableMentor>>;
let student: Account;
let stranger: Account;

beforeAll(async () => {
  t = await createTestApp();
  admin = await createAdmin(t);
  mentor = await bookableMentor(t, admin, { name: 'Meera Iyer' });
  otherMentor = await bookableMentor(t, admin, { name: 'Other Mentor' });
  student = await registerUser(t, { name: 'Sam Student' });
  stranger = await registerUser(t, { name: 'Someone Else' });
});
restoreClockAfterEach();
afterAll(async () => {
  await t?.close();
});

type Who = 'student' | 'mentor' | 'otherMentor' | 'stranger' | 'admin';
const as = (who: Who) =>
  ({
    student: tokenAt(t, student.user.id),
    mentor: tokenAt(t, mentor.user.id, 'mentor'),
    otherMentor: tokenAt(t, otherMentor.user.id, 'mentor'),
    stranger: tokenAt(t, stranger.user.id),
    admin: tokenAt(t, admin.id, 'admin'),
  })[who];
const get = (path: string, who: Who = 'student') => t.http().get(path).set(as(who));
const post = (path: string, body: object, who: Who = 'student') => t.http().post(path).set(as(who)).send(body);
const profile = async () => (await t.http().get(`/api/mentors/${mentor.slug}`)).body as { ratingAvg: number | null; ratingCount: number; ratingSummary: { average: number | null; count: number } };
const publicReviews = async () => (await t.http().get(`/api/mentors/${mentor.slug}/reviews`)).body.items as { id: string; mentorReply: string | null }[];
const reviewCount = async () => (await t.database.db.select({ n: sql<number>`count(*)::int` }).from(reviews)).at(0)!.n;

describe('reviews', () => {
  it('when the student reviews a completed session, then the profile’s rating moves at once; bad ratings, a second review, the mentor, strangers and unfinished sessions change nothing', async () => {
    const upcoming = await bookAndPay(t, student, mentor, futureStart(100));
    const done = await completedSession(t, student, mentor, 30);
    expect((await get(`/api/bookings/${done.id}/review`)).body).toEqual({ review: null, canReview: true });
    const before = await reviewCount();
    for (const rating of [0, 6, 4.5, '5']) {
      const bad = await post(`/api/bookings/${done.id}/review`, { rating, text: 'x' });
      expect(bad.status).toBe(422);
      expect(bad.body.errors[0].path).toBe('rating');
    }
    expect((await post(`/api/bookings/${done.id}/review`, { rating: 5, text: 'y'.repeat(1001) })).body.errors[0].path).toBe('text');
    expect((await post(`/api/bookings/${upcoming.booking.id}/review`, { rating: 5 })).body.code).toBe('not_completed');
    expect((await post(`/api/bookings/${done.id}/review`, { rating: 1 }, 'mentor')).body.code).toBe('not_yours_to_review');
    expect((await post(`/api/bookings/${done.id}/review`, { rating: 1 }, 'stranger')).status).toBe(404);
    expect(await reviewCount()).toBe(before);

    const created = await post(`/api/bookings/${done.id}/review`, { rating: 4, text: 'Clear and kind; the capacity maths finally clicked.', isPublic: true });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ rating: 4, isPublic: true, hidden: false, studentName: 'Sam Student', mentorReply: null });
    expect(await profile()).toMatchObject({ ratingAvg: 4, ratingCount: 1, ratingSummary: { average: 4, count: 1 } });
    expect((await post(`/api/bookings/${done.id}/review`, { rating: 1 })).body.code).toBe('already_reviewed');
    expect((await get(`/api/bookings/${done.id}/review`, 'mentor')).body).toMatchObject({ review: { id: created.body.id }, canReview: false });

    // A private review counts in the rating but is not shown.
    const second = await completedSession(t, student, mentor, 36);
    await post(`/api/bookings/${second.id}/review`, { rating: 2, text: 'Ran late.', isPublic: false });
    expect(await profile()).toMatchObject({ ratingAvg: 3, ratingCount: 2 });
    expect((await publicReviews()).map((r) => r.id)).toEqual([created.body.id]);
  });

  it('when the mentor replies, then the reply shows with the review; a second reply, other people and long replies are refused', async () => {
    const done = await completedSession(t, student, mentor, 44);
    const review = (await post(`/api/bookings/${done.id}/review`, { rating: 5, text: 'Great.' })).body;
    expect((await post(`/api/reviews/${review.id}/reply`, { text: 'Thank you!' }, 'otherMentor')).status).toBe(404);
    expect((await post(`/api/reviews/${review.id}/reply`, { text: 'Thank you!' }, 'student')).status).toBe(404);
    expect((await post(`/api/reviews/${review.id}/reply`, { text: 'z'.repeat(501) }, 'mentor')).body.errors[0].path).toBe('text');
    const replied = await post(`/api/reviews/${review.id}/reply`, { text: 'Thank you, Sam — keep practising!' }, 'mentor');
    expect(replied.status).toBe(200);
    expect(replied.body.mentorReply).toBe('Thank you, Sam — keep practising!');
    expect((await post(`/api/reviews/${review.id}/reply`, { text: 'Again' }, 'mentor')).body.code).toBe('already_replied');
    expect((await publicReviews()).find((r) => r.id === review.id)?.mentorReply).toBe('Thank you, Sam — keep practising!');
  });

  it('when someone reports a review, then it waits in the admin’s queue; hiding takes it off the profile and out of the rating, restoring brings it back; both are audited', async () => {
    const done = await completedSession(t, student, mentor, 50);
    const review = (await post(`/api/bookings/${done.id}/review`, { rating: 1, text: 'Terrible, a scam.' })).body;
    const rated = await profile();
    expect((await post(`/api/reviews/${review.id}/report`, { reason: 'x' }, 'stranger')).body.errors[0].path).toBe('reason');
    expect((await post(`/api/reviews/${review.id}/report`, { reason: 'Abusive and untrue' }, 'stranger')).status).toBe(202);
    expect((await post(`/api/reviews/${review.id}/report`, { reason: 'Abusive and untrue' }, 'stranger')).status).toBe(202);
    expect((await post(`/api/reviews/${review.id}/report`, { reason: 'Not a real session' }, 'mentor')).status).toBe(202);
    expect((await post(`/api/reviews/00000000-0000-4000-8000-000000000000/report`, { reason: 'Abusive' }, 'stranger')).status).toBe(404);
    expect((await get('/api/admin/reviews?status=reported', 'student')).status).toBe(403);
    const queue = (await get('/api/admin/reviews?status=reported', 'admin')).body;
    const queued = queue.items.find((r: { id: string }) => r.id === review.id);
    expect(queued).toMatchObject({ mentorName: 'Meera Iyer', studentName: 'Sam Student' });
    expect(queued.reports.map((r: { reason: string }) => r.reason)).toEqual(['Abusive and untrue', 'Not a real session']);

    const hidden = await post(`/api/admin/reviews/${review.id}/hide`, {}, 'admin');
    expect(hidden.body).toMatchObject({ hidden: true });
    expect((await publicReviews()).map((r) => r.id)).not.toContain(review.id);
    expect((await profile()).ratingCount).toBe(rated.ratingCount - 1);
    expect((await get('/api/admin/reviews?status=reported', 'admin')).body.items.map((r: { id: string }) => r.id)).not.toContain(review.id);
    expect((await get('/api/admin/reviews?status=hidden', 'admin')).body.items.map((r: { id: string }) => r.id)).toContain(review.id);

    expect((await post(`/api/admin/reviews/${review.id}/restore`, {}, 'admin')).body).toMatchObject({ hidden: false });
    expect(await profile()).toMatchObject({ ratingCount: rated.ratingCount, ratingAvg: rated.ratingAvg });
    expect((await post(`/api/admin/reviews/${review.id}/delete`, {}, 'admin')).status).toBe(422);
    const audit = await t.database.db.select().from(auditLog).where(eq(auditLog.subjectId, review.id));
    expect(audit.map((a) => a.action).sort()).toEqual(['review.hide', 'review.restore']);
  });
});
