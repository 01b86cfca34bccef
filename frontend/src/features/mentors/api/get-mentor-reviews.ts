import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { apiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { pageOf } from '../types';

export const reviewSchema = z.object({
  id: z.string(),
  rating: z.number().int(),
  text: z.string(),
  studentName: z.string(),
  mentorReply: z.string().nullable(),
  createdAt: z.string(),
});

export type Review = z.infer<typeof reviewSchema>;

const reviewListSchema = pageOf(reviewSchema);
export type ReviewList = z.infer<typeof reviewListSchema>;

export const REVIEWS_PAGE_SIZE = 5;

/** GET /api/mentors/:slug/reviews (public), newest first. */
export async function getMentorReviews(slug: string, page: number, { signal }: { signal?: AbortSignal } = {}): Promise<ReviewList> {
  const search = new URLSearchParams({ page: String(page), limit: String(REVIEWS_PAGE_SIZE) });
  return reviewListSchema.parse(await apiClient.get(`/api/mentors/${encodeURIComponent(slug)}/reviews?${search}`, signal ? { signal } : {}));
}

export const mentorReviewsQueryOptions = (slug: string, page: number) =>
  queryOptions({
    queryKey: queryKeys.mentors.reviews(slug, page),
    queryFn: ({ signal }) => getMentorReviews(slug, page, { signal }),
    placeholderData: keepPreviousData,
  });

export function useMentorReviews(slug: string, page: number) {
  return useQuery(mentorReviewsQueryOptions(slug, page));
}
