import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { REVIEW_RULES } from '../rules';
import { reviewSchema, type BookingReview, type Review } from '../types';

export const replyInputSchema = z.object({
  text: z
    .string()
    .refine((text) => text.trim().length > 0, 'Write a reply')
    .refine((text) => text.trim().length <= REVIEW_RULES.replyMaxLength, 'At most 500 characters'),
});

export type ReplyInput = z.infer<typeof replyInputSchema>;

/** POST /api/reviews/:id/reply: the mentor answers a review of theirs, once. 422 names `text`; 409 `already_replied`. */
export async function replyToReview({ reviewId, text }: ReplyInput & { reviewId: string; bookingId: string }): Promise<Review> {
  return reviewSchema.parse(await apiClient.post(`/api/reviews/${encodeURIComponent(reviewId)}/reply`, { text: text.trim() }));
}

export function useReplyToReview() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: replyToReview,
    onSuccess: (review, { bookingId }) =>
      queryClient.setQueryData<BookingReview>(queryKeys.reviews.ofBooking(bookingId), (current) => ({ review, canReview: current?.canReview ?? false })),
    // A 409 means a reply is there already: read it. A public review's reply shows on the profile too.
    onSettled: (_review, error, { bookingId }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.reviews.ofBooking(bookingId) }),
        ...(error ? [] : [queryClient.invalidateQueries({ queryKey: queryKeys.mentors.all })]),
      ]),
  });
}
