import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { REVIEW_RULES } from '../rules';
import { reviewSchema, type BookingReview, type Review } from '../types';

export const createReviewInputSchema = z.object({
  rating: z
    .number()
    .int('Choose 1 to 5 stars')
    .min(REVIEW_RULES.ratingMin, 'Choose 1 to 5 stars')
    .max(REVIEW_RULES.ratingMax, 'Choose 1 to 5 stars'),
  text: z.string().refine((text) => text.trim().length <= REVIEW_RULES.textMaxLength, 'At most 1,000 characters'),
  isPublic: z.boolean(),
});

export type CreateReviewInput = z.infer<typeof createReviewInputSchema>;

/**
 * POST /api/bookings/:id/review: the student reviews a completed session, once. 422 names `rating`, `text` or
 * `isPublic`; 409 `already_reviewed`, `not_completed` or `not_yours_to_review`.
 */
export async function createReview({ bookingId, rating, text, isPublic }: CreateReviewInput & { bookingId: string }): Promise<Review> {
  return reviewSchema.parse(await apiClient.post(`/api/bookings/${encodeURIComponent(bookingId)}/review`, { rating, text: text.trim(), isPublic }));
}

export function useCreateReview() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createReview,
    // The review shows in place of the form at once.
    onSuccess: (review, { bookingId }) => queryClient.setQueryData<BookingReview>(queryKeys.reviews.ofBooking(bookingId), { review, canReview: false }),
    // Written or refused (a 409 says it was written already), the booking's review may have changed; a new one
    // moves the mentor's rating, count and public reviews.
    onSettled: (_review, error, { bookingId }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.reviews.ofBooking(bookingId) }),
        ...(error ? [] : [queryClient.invalidateQueries({ queryKey: queryKeys.mentors.all })]),
      ]),
  });
}
