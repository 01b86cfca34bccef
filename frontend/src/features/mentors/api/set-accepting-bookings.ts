import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

const acceptingSchema = z.object({ accepting: z.boolean(), slug: z.string() });

/** PUT /api/mentors/me/accepting-bookings (mentors): pause or resume; a paused mentor leaves discovery. */
export async function setAcceptingBookings(accepting: boolean): Promise<z.infer<typeof acceptingSchema>> {
  return acceptingSchema.parse(await apiClient.put('/api/mentors/me/accepting-bookings', { accepting }));
}

export function useSetAcceptingBookings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setAcceptingBookings,
    // My profile, the public page and discovery all show whether I'm taking bookings.
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.mentors.all }),
  });
}
