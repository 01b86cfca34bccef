import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { mentorProfileSchema, type MentorProfile } from '../types';
import type { MentorInput } from '../utils/mentor-form';

/** PATCH /api/mentors/me (mentors): any of the application's fields. */
export async function updateMyMentorProfile(input: Partial<MentorInput>): Promise<MentorProfile> {
  return mentorProfileSchema.parse(await apiClient.patch('/api/mentors/me', input));
}

export function useUpdateMyMentorProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateMyMentorProfile,
    onSuccess: async (profile) => {
      queryClient.setQueryData(queryKeys.mentors.me, profile);
      // The public page and discovery show these fields too.
      await queryClient.invalidateQueries({ queryKey: queryKeys.mentors.all, predicate: (query) => query.queryKey[1] !== queryKeys.mentors.me[1] });
    },
  });
}
