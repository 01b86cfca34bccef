import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { adminApplicationSchema, pageOf } from '../types';

export const reviewStatuses = ['pending', 'approved', 'rejected'] as const;
export type ReviewStatus = (typeof reviewStatuses)[number];

export interface ApplicationsQuery {
  status: ReviewStatus;
  page: number;
  limit: number;
}

const applicationListSchema = pageOf(adminApplicationSchema);
export type ApplicationList = ReturnType<typeof applicationListSchema.parse>;

/** GET /api/admin/mentor-applications (admins): pending oldest first, decided ones newest first. */
export async function getApplications(query: ApplicationsQuery, { signal }: { signal?: AbortSignal } = {}): Promise<ApplicationList> {
  const search = new URLSearchParams({ status: query.status, page: String(query.page), limit: String(query.limit) });
  return applicationListSchema.parse(await apiClient.get(`/api/admin/mentor-applications?${search}`, signal ? { signal } : {}));
}

export const applicationsQueryOptions = (query: ApplicationsQuery) =>
  queryOptions({
    queryKey: queryKeys.mentorApplications.list(query),
    queryFn: ({ signal }) => getApplications(query, { signal }),
    placeholderData: keepPreviousData,
  });

export function useApplications(query: ApplicationsQuery) {
  return useQuery(applicationsQueryOptions(query));
}

/** How many applications wait for a decision (for the admin's dashboard). */
export function usePendingApplicationsCount({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    ...applicationsQueryOptions({ status: 'pending', page: 1, limit: 1 }),
    select: (list) => list.total,
    enabled,
  });
}
