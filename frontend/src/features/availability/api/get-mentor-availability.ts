import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { apiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { publicAvailabilitySchema, type PublicAvailability } from '../types';

export const mentorAvailabilityParamsSchema = z.object({
  slug: z.string().min(1),
  /** Viewer's calendar dates, inclusive, YYYY-MM-DD; at most 62 days apart. */
  from: z.string(),
  to: z.string(),
  durationMinutes: z.union([z.literal(30), z.literal(60)]),
  /** The viewer's IANA zone: dates and "local" times in the answer are on its clocks. */
  timeZone: z.string().min(1),
});

export type MentorAvailabilityParams = z.infer<typeof mentorAvailabilityParamsSchema>;

/**
 * GET /api/mentors/:slug/availability (public): free start times for one session length and open
 * slots, grouped by the viewer's dates. 422 names `from`, `to`, `durationMinutes` or `timeZone`.
 */
export async function getMentorAvailability(
  { slug, ...query }: MentorAvailabilityParams,
  { signal }: { signal?: AbortSignal } = {},
): Promise<PublicAvailability> {
  const search = new URLSearchParams({ ...query, durationMinutes: String(query.durationMinutes) });
  return publicAvailabilitySchema.parse(
    await apiClient.get(`/api/mentors/${encodeURIComponent(slug)}/availability?${search.toString()}`, signal ? { signal } : {}),
  );
}

export const mentorAvailabilityQueryOptions = (params: MentorAvailabilityParams) =>
  queryOptions({
    queryKey: queryKeys.availability.public(params.slug, params),
    queryFn: ({ signal }) => getMentorAvailability(params, { signal }),
    // Free times go as others book; a minute-old answer is fine to show, an hour-old one is not.
    staleTime: 60_000,
  });

export function useMentorAvailability(params: MentorAvailabilityParams, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...mentorAvailabilityQueryOptions(params), enabled });
}
