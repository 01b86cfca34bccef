import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { slotSchema, type Slot } from '../types';

export const slotInputSchema = z.object({
  /** UTC instant, ISO-8601. */
  startsAt: z.string(),
  durationMinutes: z.number().int(),
  /** 1 = a 1-to-1 slot, 2–20 = a group. */
  capacity: z.number().int(),
  title: z.string(),
  pricePaise: z.number().int(),
});

export type SlotInput = z.infer<typeof slotInputSchema>;

/** POST /api/mentors/me/slots (mentors): 201; 409 `slot_overlap` when it overlaps another slot or booking. */
export async function createSlot(input: SlotInput): Promise<Slot> {
  return slotSchema.parse(await apiClient.post('/api/mentors/me/slots', input));
}

export function useCreateSlot() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createSlot,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.availability.mySlots });
      await queryClient.invalidateQueries({ queryKey: queryKeys.availability.publicAll });
    },
  });
}
