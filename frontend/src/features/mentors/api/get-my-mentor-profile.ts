import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { mentorProfileSchema, type MentorProfile } from '../types';

/** GET /api/mentors/me (mentors): my profile, as the public sees it. */
export async function getMyMentorProfile({ signal }: { signal?: AbortSignal } = {}): Promise<MentorProfile> {
  return mentorProfileSchema.parse(await apiClient.get('/api/mentors/me', signal ? { signal } : {}));
}

export const myMentorProfileQueryOptions = () => queryOptions({ queryKey: queryKeys.mentors.me, queryFn: getMyMentorProfile });

export function useMyMentorProfile({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...myMentorProfileQueryOptions(), enabled });
}
