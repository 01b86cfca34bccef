import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { bookingListSchema, type BookingList } from '../types';

export const bookingTabs = ['upcoming', 'past', 'cancelled'] as const;
export type BookingTab = (typeof bookingTabs)[number];

export interface BookingsQuery {
  /** Which side of the bookings: those I booked (student) or those booked with me (mentor). */
  role: 'student' | 'mentor';
  status: BookingTab | 'all';
  page: number;
  limit: number;
}

/** GET /api/bookings: the viewer's bookings on one side, filtered by when/whether they happen. */
export async function getBookings(query: BookingsQuery, { signal }: { signal?: AbortSignal } = {}): Promise<BookingList> {
  const search = new URLSearchParams({ role: query.role, status: query.status, page: String(query.page), limit: String(query.limit) });
  return bookingListSchema.parse(await apiClient.get(`/api/bookings?${search.toString()}`, signal ? { signal } : {}));
}

export const bookingsQueryOptions = (query: BookingsQuery) =>
  queryOptions({
    queryKey: queryKeys.bookings.list(query),
    queryFn: ({ signal }) => getBookings(query, { signal }),
    // Paging keeps the last page on screen while the next loads; another tab or side starts from a skeleton,
    // so upcoming sessions never show under "Cancelled" for a moment.
    placeholderData: (previous, previousQuery) => {
      const before = previousQuery?.queryKey[2];
      return before && before.role === query.role && before.status === query.status ? previous : undefined;
    },
  });

export function useBookings(query: BookingsQuery) {
  return useQuery(bookingsQueryOptions(query));
}
