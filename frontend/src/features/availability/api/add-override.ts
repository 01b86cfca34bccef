import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { dateOverrideSchema, type Availability, type DateOverride } from '../types';

export const addOverrideInputSchema = z.object({
  startDate: z.string(),
  /** Omitted: just `startDate`. */
  endDate: z.string().optional(),
  /** Omitted or empty: the dates are blocked. Otherwise these hours replace the weekly ones. */
  ranges: z.array(z.object({ startMinute: z.number().int(), endMinute: z.number().int() })).optional(),
  note: z.string().optional(),
});

export type AddOverrideInput = z.infer<typeof addOverrideInputSchema>;

/** POST /api/mentors/me/availability/overrides (mentors): 409 `override_overlap`, 422 for a past date. */
export async function addOverride(input: AddOverrideInput): Promise<DateOverride> {
  return dateOverrideSchema.parse(await apiClient.post('/api/mentors/me/availability/overrides', input));
}

export function useAddOverride() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: addOverride,
    onSuccess: async (override) => {
      // Patched in rather than refetched: a refetch would not disturb the weekly form, but this is instant.
      queryClient.setQueryData<Availability>(queryKeys.availability.mine, (current) =>
        current
          ? { ...current, overrides: [...current.overrides, override].sort((a, b) => a.startDate.localeCompare(b.startDate)) }
          : current,
      );
      await queryClient.invalidateQueries({ queryKey: queryKeys.availability.publicAll });
    },
  });
}
