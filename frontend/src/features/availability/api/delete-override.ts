import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import type { Availability } from '../types';

/** DELETE /api/mentors/me/availability/overrides/:id (mentors): 204. */
export async function deleteOverride(id: string): Promise<void> {
  await apiClient.delete(`/api/mentors/me/availability/overrides/${encodeURIComponent(id)}`);
}

export function useDeleteOverride() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteOverride,
    onSuccess: async (_nothing, id) => {
      queryClient.setQueryData<Availability>(queryKeys.availability.mine, (current) =>
        current ? { ...current, overrides: current.overrides.filter((override) => override.id !== id) } : current,
      );
      await queryClient.invalidateQueries({ queryKey: queryKeys.availability.publicAll });
    },
  });
}
