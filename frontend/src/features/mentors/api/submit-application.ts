import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { applicationSchema, type Application } from '../types';
import type { MentorInput } from '../utils/mentor-form';

/** POST /api/mentors/applications: submits (or resubmits after a rejection) → 201 pending. */
export async function submitApplication(input: MentorInput): Promise<Application> {
  return applicationSchema.parse(await apiClient.post('/api/mentors/applications', input));
}

export function useSubmitApplication() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: submitApplication,
    onSuccess: (application) => queryClient.setQueryData(queryKeys.mentors.myApplication, application),
  });
}
