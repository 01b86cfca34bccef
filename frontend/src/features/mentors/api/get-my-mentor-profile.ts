import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { mentorProfileSchema, type MentorProfile } from '../types';

export const myMentorProfileQueryKey = ['mentors', 'me'] as const;

/** GET /api/mentors/me (mentors): my profile, as the public sees it. */
export async function getMyMentorProfile({ signal }: { signal?: AbortSignal } = {}): Promise<MentorProfile> {
  return mentorProfileSchema.parse(await apiClient.get('/api/mentors/me', signal ? { signal } : {}));
}

export const myMentorProfileQueryOptions = () => queryOptions({ queryKey: myMentorProfileQueryKey, queryFn: getMyMentorProfile });

export function useMyMentorProfile({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...myMentorProfileQueryOptions(), enabled });
}
