import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { apiClient } from '@/lib/api-client';
import { slotSchema, type Slot } from '../types';

export const mySlotsQueryKey = ['availability', 'me', 'slots'] as const;

const slotListSchema = z.object({ items: z.array(slotSchema) });

/** GET /api/mentors/me/slots (mentors): my slots that haven't ended, soonest first, with booked seats. */
export async function getMySlots({ signal }: { signal?: AbortSignal } = {}): Promise<Slot[]> {
  return slotListSchema.parse(await apiClient.get('/api/mentors/me/slots', signal ? { signal } : {})).items;
}

export const mySlotsQueryOptions = () => queryOptions({ queryKey: mySlotsQueryKey, queryFn: getMySlots });

export function useMySlots() {
  return useQuery(mySlotsQueryOptions());
}
