import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { bookingReviewSchema, type BookingReview } from '../types';

/** GET /api/bookings/:id/review: the booking's review or null, and whether its viewer may write one (participants only; anyone else: 404). */
export async function getBookingReview(bookingId: string, { signal }: { signal?: AbortSignal } = {}): Promise<BookingReview> {
  return bookingReviewSchema.parse(await apiClient.get(`/api/bookings/${encodeURIComponent(bookingId)}/review`, signal ? { signal } : {}));
}

export const bookingReviewQueryOptions = (bookingId: string) =>
  queryOptions({
    queryKey: queryKeys.reviews.ofBooking(bookingId),
    queryFn: ({ signal }) => getBookingReview(bookingId, { signal }),
  });

export function useBookingReview(bookingId: string) {
  return useQuery(bookingReviewQueryOptions(bookingId));
}
