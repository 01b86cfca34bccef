import { z } from 'zod';
import { pageSchema, paginationQuery } from '../../lib/pagination.js';

export const publicReviewSchema = z
  .object({
    id: z.uuid(),
    rating: z.number().int().min(1).max(5),
    text: z.string(),
    studentName: z.string(),
    mentorReply: z.string().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'PublicReview' });

export const reviewListSchema = pageSchema(publicReviewSchema).meta({ id: 'ReviewList' });

export const createReviewSchema = z
  .strictObject({
    rating: z.number('A whole number of stars, 1–5').int('A whole number of stars, 1–5').min(1, 'At least 1 star').max(5, 'At most 5 stars'),
    text: z.string('Must be text').trim().max(1000, 'At most 1,000 characters').default(''),
    isPublic: z.boolean('Must be true or false').default(true),
  })
  .meta({ id: 'CreateReview' });

export const replySchema = z.strictObject({ text: z.string('Must be text').trim().min(1, 'Write a reply').max(500, 'At most 500 characters') }).meta({ id: 'ReviewReply' });
export const reportSchema = z.strictObject({ reason: z.string('Must be text').trim().min(3, 'Say what is wrong (3–500 characters)').max(500, 'At most 500 characters') }).meta({ id: 'ReportReview' });
export const moderationQuery = paginationQuery().extend({ status: z.enum(['reported', 'hidden']).default('reported') });
export const moderationParams = z.object({ id: z.uuid('Not a valid id'), action: z.enum(['hide', 'restore'], 'Must be hide or restore') });

export const reviewSchema = z
  .object({
    id: z.uuid(),
    bookingId: z.uuid().nullable(),
    rating: z.number().int(),
    text: z.string(),
    isPublic: z.boolean(),
    hidden: z.boolean(),
    studentName: z.string(),
    mentorReply: z.string().nullable(),
    mentorRepliedAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Review' });

export const bookingReviewSchema = z.object({ review: reviewSchema.nullable(), canReview: z.boolean() }).meta({ id: 'BookingReview' });
export const moderatedReviewPageSchema = pageSchema(
  reviewSchema.extend({ mentorName: z.string(), reportedAt: z.string().nullable(), reports: z.array(z.object({ reason: z.string(), at: z.string() })) }),
).meta({ id: 'ModeratedReviewPage' });
