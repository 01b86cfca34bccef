import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { notificationSchema, type AppNotification } from '../types';

/** POST /api/notifications/:id/read. */
export async function markNotificationRead(id: string): Promise<AppNotification> {
  return notificationSchema.parse(await apiClient.post(`/api/notifications/${encodeURIComponent(id)}/read`));
}

export function useMarkNotificationRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: markNotificationRead,
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.notifications.all }),
  });
}
