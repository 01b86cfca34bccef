import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { apiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

const facetValueSchema = z.object({ value: z.string(), count: z.number().int() });

export const facetsSchema = z.object({
  expertise: z.array(facetValueSchema),
  companies: z.array(facetValueSchema),
  languages: z.array(facetValueSchema),
  topics: z.array(z.string()),
  priceRange: z.object({ minPaise: z.number().int().nullable(), maxPaise: z.number().int().nullable() }),
});

export type MentorFacets = z.infer<typeof facetsSchema>;

/** GET /api/mentors/facets (public): the values the discovery filters can take, with counts. */
export async function getMentorFacets({ signal }: { signal?: AbortSignal } = {}): Promise<MentorFacets> {
  return facetsSchema.parse(await apiClient.get('/api/mentors/facets', signal ? { signal } : {}));
}

export const mentorFacetsQueryOptions = () =>
  queryOptions({ queryKey: queryKeys.mentors.facets, queryFn: getMentorFacets, staleTime: 5 * 60_000 });

export function useMentorFacets() {
  return useQuery(mentorFacetsQueryOptions());
}
