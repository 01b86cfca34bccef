import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '@/lib/query-keys';
import { getNotifications } from './get-notifications';

export const UNREAD_POLL_INTERVAL_MS = 60_000;

/**
 * The bell's number: GET /api/notifications?limit=1 asked again every minute while the tab is
 * visible. (A pushed, real-time count replaces the polling later.)
 */
export function useUnreadCount({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: queryKeys.notifications.unreadCount,
    queryFn: ({ signal }) => getNotifications({ page: 1, limit: 1 }, { signal }),
    select: (list) => list.unreadCount,
    refetchInterval: UNREAD_POLL_INTERVAL_MS,
    staleTime: UNREAD_POLL_INTERVAL_MS / 2,
    enabled,
  });
}
