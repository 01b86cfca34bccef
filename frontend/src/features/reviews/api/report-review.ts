import { useMutation } from '@tanstack/react-query';
import { z } from 'zod';
import { apiClient } from '@/lib/api-client';
import { REVIEW_RULES } from '../rules';

export const reportReviewInputSchema = z.object({
  reason: z
    .string()
    .refine((reason) => reason.trim().length >= REVIEW_RULES.reportMinLength, 'Say what is wrong (3–500 characters)')
    .refine((reason) => reason.trim().length <= REVIEW_RULES.reportMaxLength, 'At most 500 characters'),
});

export type ReportReviewInput = z.infer<typeof reportReviewInputSchema>;

/** POST /api/reviews/:id/report (anyone signed in): the review goes to the admins' queue. 202; 422 names `reason`; 404 for a review that's gone. */
export async function reportReview({ reviewId, reason }: ReportReviewInput & { reviewId: string }): Promise<void> {
  await apiClient.post(`/api/reviews/${encodeURIComponent(reviewId)}/report`, { reason: reason.trim() });
}

/** Nothing the reporter sees changes: the review stays where it is until an admin decides. */
export function useReportReview() {
  return useMutation({ mutationFn: reportReview });
}
