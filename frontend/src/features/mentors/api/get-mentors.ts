import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { apiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { mentorCardSchema, pageOf } from '../types';
import { toMentorsQuery, type DiscoveryFilters } from '../utils/discovery-params';

// Past 1,000 matches the server stops counting (totalCapped): the page says "1,000+".
const mentorListSchema = pageOf(mentorCardSchema).extend({ totalCapped: z.boolean().default(false) });
export type MentorList = ReturnType<typeof mentorListSchema.parse>;

/** GET /api/mentors (public): search, filters, sort and a page; 422 names a filter the server refused. */
export async function getMentors(filters: DiscoveryFilters, { signal }: { signal?: AbortSignal } = {}): Promise<MentorList> {
  return mentorListSchema.parse(await apiClient.get(`/api/mentors?${toMentorsQuery(filters)}`, signal ? { signal } : {}));
}

export const mentorsQueryOptions = (filters: DiscoveryFilters) =>
  queryOptions({
    queryKey: queryKeys.mentors.list(toMentorsQuery(filters).toString()),
    queryFn: ({ signal }) => getMentors(filters, { signal }),
    // The last page stays on screen (dimmed) while the next one loads, instead of flashing skeletons.
    placeholderData: keepPreviousData,
  });

export function useMentors(filters: DiscoveryFilters) {
  return useQuery(mentorsQueryOptions(filters));
}
