import { z } from 'zod';
import { pageSchema } from '../../lib/pagination.js';

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
