import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

/** POST /api/notifications/read-all → how many were marked. */
export async function markAllNotificationsRead(): Promise<number> {
  return z.object({ updated: z.number().int() }).parse(await apiClient.post('/api/notifications/read-all')).updated;
}

export function useMarkAllNotificationsRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: markAllNotificationsRead,
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.notifications.all }),
  });
}
