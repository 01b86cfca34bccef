import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { mentorProfileSchema, type MentorProfile } from '../types';

/** GET /api/mentors/:slug (public); 404 for an unknown slug. A paused mentor still has a page. */
export async function getMentor(slug: string, { signal }: { signal?: AbortSignal } = {}): Promise<MentorProfile> {
  return mentorProfileSchema.parse(await apiClient.get(`/api/mentors/${encodeURIComponent(slug)}`, signal ? { signal } : {}));
}

export const mentorQueryOptions = (slug: string) =>
  queryOptions({ queryKey: queryKeys.mentors.profile(slug), queryFn: ({ signal }) => getMentor(slug, { signal }) });

export function useMentor(slug: string) {
  return useQuery(mentorQueryOptions(slug));
}
