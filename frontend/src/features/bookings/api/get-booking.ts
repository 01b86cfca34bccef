import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { bookingSchema, type Booking } from '../types';

/** How often a booking is asked for again while its refund is on its way through the gateway. */
export const REFUND_POLL_MS = 3_000;

/** True while the gateway has not yet finished the refund: "requested" (not sent yet) or "pending". */
export const refundInFlight = (booking: Booking | undefined) =>
  booking?.refund?.status === 'requested' || booking?.refund?.status === 'pending';

/** GET /api/bookings/:id; 404 when the viewer is not one of its participants. */
export async function getBooking(id: string, { signal }: { signal?: AbortSignal } = {}): Promise<Booking> {
  return bookingSchema.parse(await apiClient.get(`/api/bookings/${encodeURIComponent(id)}`, signal ? { signal } : {}));
}

export const bookingQueryOptions = (id: string) =>
  queryOptions({
    queryKey: queryKeys.bookings.detail(id),
    queryFn: ({ signal }) => getBooking(id, { signal }),
    // The student watches a refund go from pending to processed without reloading.
    refetchInterval: (query) => (refundInFlight(query.state.data) ? REFUND_POLL_MS : false),
  });

export function useBooking(id: string) {
  return useQuery(bookingQueryOptions(id));
}
