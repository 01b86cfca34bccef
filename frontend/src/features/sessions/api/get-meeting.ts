import { queryOptions, useQuery } from '@tanstack/react-query';
import { ApiError, apiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { meetingSchema, meetingWindowSchema, type Meeting, type MeetingWindow } from '../types';

/** The call, or (outside its window) when it opens and closes: both are answers the page shows, not failures. */
export type MeetingAccess = { status: 'open'; meeting: Meeting } | ({ status: 'not_open' } & MeetingWindow);

/**
 * GET /api/bookings/:id/meeting: where and as whom to join the call. 409 `meeting_not_open` (with the
 * window) outside the window, 409 `not_joinable` for a cancelled or expired booking, 404 when it isn't
 * the viewer's.
 */
export async function getMeeting(id: string, { signal }: { signal?: AbortSignal } = {}): Promise<MeetingAccess> {
  try {
    const meeting = meetingSchema.parse(await apiClient.get(`/api/bookings/${encodeURIComponent(id)}/meeting`, signal ? { signal } : {}));
    return { status: 'open', meeting };
  } catch (error) {
    if (error instanceof ApiError && error.status === 409 && error.code === 'meeting_not_open') {
      const window = meetingWindowSchema.safeParse(error.extensions);
      if (window.success) return { status: 'not_open', ...window.data };
    }
    throw error;
  }
}

export const meetingQueryOptions = (id: string) =>
  queryOptions({
    queryKey: queryKeys.sessions.meeting(id),
    queryFn: ({ signal }) => getMeeting(id, { signal }),
    // Fetched once per visit: a refetch mid-call would change nothing in the running call, and coming
    // back to the page later asks afresh (a new token, the current window).
    staleTime: Infinity,
    gcTime: 0,
  });

export function useMeeting(id: string) {
  return useQuery(meetingQueryOptions(id));
}

export const callNotJoinable = (error: unknown) => error instanceof ApiError && error.status === 409 && error.code === 'not_joinable';
