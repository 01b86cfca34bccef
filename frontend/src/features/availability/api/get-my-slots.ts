import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { apiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { slotSchema, type Slot } from '../types';

const slotListSchema = z.object({ items: z.array(slotSchema) });

/** GET /api/mentors/me/slots (mentors): my slots that haven't ended, soonest first, with booked seats. */
export async function getMySlots({ signal }: { signal?: AbortSignal } = {}): Promise<Slot[]> {
  return slotListSchema.parse(await apiClient.get('/api/mentors/me/slots', signal ? { signal } : {})).items;
}

export const mySlotsQueryOptions = () => queryOptions({ queryKey: queryKeys.availability.mySlots, queryFn: getMySlots });

export function useMySlots() {
  return useQuery(mySlotsQueryOptions());
}
