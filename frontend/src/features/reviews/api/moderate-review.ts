import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { reviewSchema, type Review } from '../types';

export type ModerationAction = 'hide' | 'restore';

/**
 * POST /api/admin/reviews/:id/hide|restore (admins): hiding takes the review off the mentor's profile and out of
 * their rating; restoring puts it back (or keeps a reported one) and takes it out of the queue. Audited.
 */
export async function moderateReview({ id, action }: { id: string; action: ModerationAction }): Promise<Review> {
  return reviewSchema.parse(await apiClient.post(`/api/admin/reviews/${encodeURIComponent(id)}/${action}`));
}

export function useModerateReview() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: moderateReview,
    // Whatever happened, both tabs may be stale; the mentor's rating and public reviews move with a hide or a restore.
    onSettled: (review) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.adminReviews.all }),
        queryClient.invalidateQueries({ queryKey: queryKeys.mentors.all }),
        ...(review?.bookingId ? [queryClient.invalidateQueries({ queryKey: queryKeys.reviews.ofBooking(review.bookingId) })] : []),
      ]),
  });
}
