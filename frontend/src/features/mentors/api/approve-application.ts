import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { applicationSchema, type Application } from '../types';

/** POST /api/admin/mentor-applications/:id/approve. Twice is a no-op; a rejected one → 409 `application_rejected`. */
export async function approveApplication(id: string): Promise<Application> {
  return applicationSchema.parse(await apiClient.post(`/api/admin/mentor-applications/${encodeURIComponent(id)}/approve`));
}

export function useApproveApplication() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: approveApplication,
    // Whatever happened (even a 409), the lists may be stale: fetch them again rather than guess.
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.mentorApplications.all }),
  });
}
