import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { notificationPreferencesSchema, type CategoryChoice, type NotificationPreferences } from '../types';

export const updateNotificationPreferencesInput = z.object({
  preferences: z.array(z.object({ category: z.string().min(1), inApp: z.boolean(), email: z.boolean() })).min(1),
});

/** PUT /api/notifications/preferences: the categories named change, the others stay; answers every category as it now is. */
export async function updateNotificationPreferences(preferences: CategoryChoice[]): Promise<NotificationPreferences> {
  const body = updateNotificationPreferencesInput.parse({ preferences });
  return notificationPreferencesSchema.parse(await apiClient.put('/api/notifications/preferences', body));
}

export function useUpdateNotificationPreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateNotificationPreferences,
    onSuccess: (saved) => queryClient.setQueryData(queryKeys.notificationSettings, saved),
  });
}
