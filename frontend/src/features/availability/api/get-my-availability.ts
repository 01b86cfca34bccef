import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { availabilitySchema, type Availability } from '../types';

/** GET /api/mentors/me/availability (mentors): weekly hours, date overrides and scheduling settings. */
export async function getMyAvailability({ signal }: { signal?: AbortSignal } = {}): Promise<Availability> {
  return availabilitySchema.parse(await apiClient.get('/api/mentors/me/availability', signal ? { signal } : {}));
}

export const myAvailabilityQueryOptions = () => queryOptions({ queryKey: queryKeys.availability.mine, queryFn: getMyAvailability });

export function useMyAvailability() {
  return useQuery(myAvailabilityQueryOptions());
}
