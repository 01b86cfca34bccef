import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { notificationListSchema, type NotificationList } from '../types';

export interface NotificationsQuery {
  page: number;
  limit: number;
  unreadOnly?: boolean;
}

/** GET /api/notifications: mine, newest first, with how many are unread in all. */
export async function getNotifications(query: NotificationsQuery, { signal }: { signal?: AbortSignal } = {}): Promise<NotificationList> {
  const search = new URLSearchParams({ page: String(query.page), limit: String(query.limit) });
  if (query.unreadOnly) search.set('unread', 'true');
  return notificationListSchema.parse(await apiClient.get(`/api/notifications?${search}`, signal ? { signal } : {}));
}

export const notificationsQueryOptions = (query: NotificationsQuery) =>
  queryOptions({
    queryKey: queryKeys.notifications.list(query),
    queryFn: ({ signal }) => getNotifications(query, { signal }),
    placeholderData: keepPreviousData,
  });

export function useNotifications(query: NotificationsQuery) {
  return useQuery(notificationsQueryOptions(query));
}
