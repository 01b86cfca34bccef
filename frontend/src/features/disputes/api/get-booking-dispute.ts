import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { bookingDisputeSchema, type BookingDispute } from '../types';

/** GET /api/bookings/:id/dispute: the booking's dispute or null, for its student and mentor (anyone else: 404). */
export async function getBookingDispute(bookingId: string, { signal }: { signal?: AbortSignal } = {}): Promise<BookingDispute> {
  return bookingDisputeSchema.parse(await apiClient.get(`/api/bookings/${encodeURIComponent(bookingId)}/dispute`, signal ? { signal } : {}));
}

export const bookingDisputeQueryOptions = (bookingId: string) =>
  queryOptions({
    queryKey: queryKeys.disputes.ofBooking(bookingId),
    queryFn: ({ signal }) => getBookingDispute(bookingId, { signal }),
  });

export function useBookingDispute(bookingId: string) {
  return useQuery(bookingDisputeQueryOptions(bookingId));
}
