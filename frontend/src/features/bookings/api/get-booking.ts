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

/**
 * `live`: the notifications socket is up and tells the page of every change (a refund processed among them), so
 * nothing polls; while it is down, a refund on its way is asked about every few seconds.
 */
export const bookingQueryOptions = (id: string, { live = false }: { live?: boolean } = {}) =>
  queryOptions({
    queryKey: queryKeys.bookings.detail(id),
    queryFn: ({ signal }) => getBooking(id, { signal }),
    // The student watches a refund go from pending to processed without reloading.
    refetchInterval: (query) => (!live && refundInFlight(query.state.data) ? REFUND_POLL_MS : false),
  });

export function useBooking(id: string, options: { live?: boolean } = {}) {
  return useQuery(bookingQueryOptions(id, options));
}
