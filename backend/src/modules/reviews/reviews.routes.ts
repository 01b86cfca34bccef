import type { Db } from '../../db/client.js';
import { endpoint } from '../../lib/http.js';
import { idParams } from '../../lib/pagination.js';
import { problemSchema } from '../../lib/problem.js';
import { createReview, listModeratedReviews, moderateReview, replyToReview, reportReview, reviewOfBooking } from './reviews.actions.js';
import { bookingReviewSchema, createReviewSchema, moderatedReviewPageSchema, moderationParams, moderationQuery, replySchema, reportSchema, reviewSchema } from './reviews.schemas.js';

const problems = {
  404: { description: 'No such booking or review of yours', schema: problemSchema },
  409: { description: 'Not possible in its state (not completed, already reviewed or replied)', schema: problemSchema },
  422: { description: 'Invalid input, naming the field', schema: problemSchema },
};

export function reviewsEndpoints(db: Db) {
  return [
    endpoint({
      method: 'get',
      path: '/api/bookings/:id/review',
      summary: 'A booking’s review, and whether its student may still write one',
      tag: 'reviews',
      access: 'user',
      params: idParams,
      responses: { 200: { description: 'The review or null', schema: bookingReviewSchema }, 404: problems[404] },
      handler: async ({ res, auth, params }) => {
        res.json(await reviewOfBooking(db, auth.userId, params.id));
      },
    }),
    endpoint({
      method: 'post',
      path: '/api/bookings/:id/review',
      summary: 'The student reviews a completed session: 1–5 stars, up to 1,000 characters, public or private',
      tag: 'reviews',
      access: 'user',
      params: idParams,
      body: createReviewSchema,
      responses: { 201: { description: 'The review', schema: reviewSchema }, ...problems },
      handler: async ({ res, auth, params, body }) => {
        res.status(201).json(await createReview(db, auth.userId, params.id, body));
      },
    }),
    endpoint({
      method: 'post',
      path: '/api/reviews/:id/reply',
      summary: 'The mentor replies to a review of theirs, once (up to 500 characters)',
      tag: 'reviews',
      access: 'user',
      params: idParams,
      body: replySchema,
      responses: { 200: { description: 'The review with its reply', schema: reviewSchema }, ...problems },
      handler: async ({ res, auth, params, body }) => {
        res.json(await replyToReview(db, auth.userId, params.id, body.text));
      },
    }),
    endpoint({
      method: 'post',
      path: '/api/reviews/:id/report',
      summary: 'Report a review to the admins',
      tag: 'reviews',
      access: 'user',
      params: idParams,
      body: reportSchema,
      responses: { 202: { description: 'Reported' }, 404: problems[404], 422: problems[422] },
      handler: async ({ res, auth, params, body }) => {
        res.status(202).json(await reportReview(db, auth.userId, params.id, body.reason));
      },
    }),
    endpoint({
      method: 'get',
      path: '/api/admin/reviews',
      summary: 'Reported reviews awaiting a decision (or hidden ones)',
      tag: 'admin',
      access: ['admin'],
      query: moderationQuery,
      responses: { 200: { description: 'A page of reviews with their reports', schema: moderatedReviewPageSchema }, 422: problems[422] },
      handler: async ({ res, query }) => {
        res.json(await listModeratedReviews(db, query));
      },
    }),
    endpoint({
      method: 'post',
      path: '/api/admin/reviews/:id/:action',
      summary: 'Hide a review (off the profile and the rating) or restore it',
      tag: 'admin',
      access: ['admin'],
      params: moderationParams,
      responses: { 200: { description: 'The review', schema: reviewSchema }, 404: problems[404], 422: problems[422] },
      handler: async ({ res, auth, params }) => {
        res.json(await moderateReview(db, auth.userId, params.id, params.action));
      },
    }),
  ];
}
