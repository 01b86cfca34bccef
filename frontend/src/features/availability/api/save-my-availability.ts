import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { availabilitySchema, type Availability } from '../types';

export const saveAvailabilityInputSchema = z.object({
  settings: z.object({
    timeZone: z.string().min(1),
    sessionLengths: z.array(z.union([z.literal(30), z.literal(60)])).min(1),
    bufferBeforeMinutes: z.number().int(),
    bufferAfterMinutes: z.number().int(),
    minNoticeMinutes: z.number().int(),
    horizonDays: z.number().int(),
    slotIntervalMinutes: z.union([z.literal(15), z.literal(30), z.literal(60)]),
    dailyLimit: z.number().int().nullable(),
    weeklyLimit: z.number().int().nullable(),
  }),
  weekly: z.array(z.object({ weekday: z.number().int(), startMinute: z.number().int(), endMinute: z.number().int() })),
});

export type SaveAvailabilityInput = z.infer<typeof saveAvailabilityInputSchema>;

/** PUT /api/mentors/me/availability (mentors): replaces the weekly hours and settings; overrides stay. */
export async function saveMyAvailability(input: SaveAvailabilityInput): Promise<Availability> {
  return availabilitySchema.parse(await apiClient.put('/api/mentors/me/availability', input));
}

export function useSaveMyAvailability() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveMyAvailability,
    onSuccess: async (saved) => {
      queryClient.setQueryData(queryKeys.availability.mine, saved);
      // Students' calendars change with the hours, and the profile's time zone follows the settings.
      await queryClient.invalidateQueries({ queryKey: queryKeys.availability.publicAll });
      await queryClient.invalidateQueries({ queryKey: queryKeys.mentors.all });
    },
  });
}
