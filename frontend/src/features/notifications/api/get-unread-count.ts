import { queryOptions, useQuery } from '@tanstack/react-query';
import { queryKeys } from '@/lib/query-keys';
import { getNotifications } from './get-notifications';

/** While the notifications socket is down, the bell asks for its number this often. */
export const UNREAD_POLL_INTERVAL_MS = 60_000;

/** The bell's number: GET /api/notifications?limit=1's unread total (a pushed `notification:new` sets it in place). */
export const unreadCountQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.notifications.unreadCount,
    queryFn: async ({ signal }) => (await getNotifications({ page: 1, limit: 1 }, { signal })).unreadCount,
  });

/**
 * The bell's number, kept current by the socket while it is connected (see live-updates); asked for again every minute
 * while it is not.
 */
export function useUnreadCount({ live, enabled = true }: { live: boolean; enabled?: boolean }) {
  return useQuery({
    ...unreadCountQueryOptions(),
    refetchInterval: live ? false : UNREAD_POLL_INTERVAL_MS,
    staleTime: UNREAD_POLL_INTERVAL_MS / 2,
    enabled,
  });
}
