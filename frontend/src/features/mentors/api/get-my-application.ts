import { queryOptions, useQuery } from '@tanstack/react-query';
import { ApiError, apiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { applicationSchema, type Application } from '../types';

/** GET /api/mentors/applications/me; null when the user hasn't started one (404). */
export async function getMyApplication({ signal }: { signal?: AbortSignal } = {}): Promise<Application | null> {
  try {
    return applicationSchema.parse(await apiClient.get('/api/mentors/applications/me', signal ? { signal } : {}));
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

export const myApplicationQueryOptions = () => queryOptions({ queryKey: queryKeys.mentors.myApplication, queryFn: getMyApplication });

export function useMyApplication({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...myApplicationQueryOptions(), enabled });
}
