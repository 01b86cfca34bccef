import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { applicationSchema, type Application } from '../types';
import type { MentorInput } from '../utils/mentor-form';

/** Any part of the application; the server validates each field it gets as it would on submit. */
export type ApplicationDraftInput = Partial<MentorInput>;

/** PUT /api/mentors/applications/me/draft. 409 `application_pending` while under review. */
export async function saveApplicationDraft(input: ApplicationDraftInput): Promise<Application> {
  return applicationSchema.parse(await apiClient.put('/api/mentors/applications/me/draft', input));
}

export function useSaveApplicationDraft() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveApplicationDraft,
    onSuccess: (application) => queryClient.setQueryData(queryKeys.mentors.myApplication, application),
  });
}
