import { z } from 'zod';

/** Response shapes of the reviews API. Request schemas live next to the call that sends them. */

/** A student's review of a completed session, as its student, its mentor and the admins see it. */
export const reviewSchema = z.object({
  id: z.string(),
  bookingId: z.string().nullable(),
  /** 1–5 stars. */
  rating: z.number().int(),
  /** May be empty: the stars alone are a review. */
  text: z.string(),
  /** Shown on the mentor's public profile; a private one still counts in the rating. */
  isPublic: z.boolean(),
  /** Hidden by an admin: off the profile and out of the rating. */
  hidden: z.boolean(),
  studentName: z.string(),
  mentorReply: z.string().nullable(),
  mentorRepliedAt: z.string().nullable(),
  createdAt: z.string(),
});

export type Review = z.infer<typeof reviewSchema>;

/** A booking's review, and whether its viewer (the student of a completed session) may still write one. */
export const bookingReviewSchema = z.object({ review: reviewSchema.nullable(), canReview: z.boolean() });
export type BookingReview = z.infer<typeof bookingReviewSchema>;

export const moderationStatuses = ['reported', 'hidden'] as const;
export type ModerationStatus = (typeof moderationStatuses)[number];

/** A review in the admin's queue: whose profile it is on, and every report with its reason and time. */
export const moderatedReviewSchema = reviewSchema.extend({
  mentorName: z.string(),
  /** The first report not yet decided on; null once hidden or kept. */
  reportedAt: z.string().nullable(),
  reports: z.array(z.object({ reason: z.string(), at: z.string() })),
});

export type ModeratedReview = z.infer<typeof moderatedReviewSchema>;

export const moderatedReviewListSchema = z.object({
  items: z.array(moderatedReviewSchema),
  page: z.number().int(),
  limit: z.number().int(),
  total: z.number().int(),
});

export type ModeratedReviewList = z.infer<typeof moderatedReviewListSchema>;
