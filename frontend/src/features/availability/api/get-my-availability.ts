import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { availabilitySchema, type Availability } from '../types';

export const myAvailabilityQueryKey = ['availability', 'me'] as const;

/** GET /api/mentors/me/availability (mentors): weekly hours, date overrides and scheduling settings. */
export async function getMyAvailability({ signal }: { signal?: AbortSignal } = {}): Promise<Availability> {
  return availabilitySchema.parse(await apiClient.get('/api/mentors/me/availability', signal ? { signal } : {}));
}

export const myAvailabilityQueryOptions = () => queryOptions({ queryKey: myAvailabilityQueryKey, queryFn: getMyAvailability });

export function useMyAvailability() {
  return useQuery(myAvailabilityQueryOptions());
}
