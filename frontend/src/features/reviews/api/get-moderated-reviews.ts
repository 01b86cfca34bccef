import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { moderatedReviewListSchema, type ModeratedReviewList, type ModerationStatus } from '../types';

export interface ModeratedReviewsQuery {
  status: ModerationStatus;
  page: number;
  limit: number;
}

/** GET /api/admin/reviews (admins): reported reviews awaiting a decision (oldest report first), or hidden ones (newest first). */
export async function getModeratedReviews(query: ModeratedReviewsQuery, { signal }: { signal?: AbortSignal } = {}): Promise<ModeratedReviewList> {
  const search = new URLSearchParams({ status: query.status, page: String(query.page), limit: String(query.limit) });
  return moderatedReviewListSchema.parse(await apiClient.get(`/api/admin/reviews?${search}`, signal ? { signal } : {}));
}

export const moderatedReviewsQueryOptions = (query: ModeratedReviewsQuery) =>
  queryOptions({
    queryKey: queryKeys.adminReviews.list(query),
    queryFn: ({ signal }) => getModeratedReviews(query, { signal }),
    placeholderData: keepPreviousData,
  });

export function useModeratedReviews(query: ModeratedReviewsQuery) {
  return useQuery(moderatedReviewsQueryOptions(query));
}
