import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { notificationPreferencesSchema, type NotificationPreferences } from '../types';

/** GET /api/notifications/preferences: per category, whether it comes in-app and by email (everything on unless changed). */
export async function getNotificationPreferences({ signal }: { signal?: AbortSignal } = {}): Promise<NotificationPreferences> {
  return notificationPreferencesSchema.parse(await apiClient.get('/api/notifications/preferences', signal ? { signal } : {}));
}

export const notificationPreferencesQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.notificationSettings,
    queryFn: ({ signal }) => getNotificationPreferences({ signal }),
  });

export function useNotificationPreferences() {
  return useQuery(notificationPreferencesQueryOptions());
}
