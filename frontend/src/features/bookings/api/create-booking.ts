import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { bookingWithCheckoutSchema, type BookingWithCheckout } from '../types';

export const TOPIC_MIN = 3;
export const TOPIC_MAX = 120;
export const AGENDA_MAX = 2000;

/** What the student writes at checkout; the server checks the same bounds and answers 422 on `topic`/`agenda`. */
export const bookingDetailsSchema = z.object({
  topic: z
    .string()
    .trim()
    .min(TOPIC_MIN, `Say what the session is about (at least ${TOPIC_MIN} characters)`)
    .max(TOPIC_MAX, `Keep the topic under ${TOPIC_MAX} characters`),
  agenda: z.string().trim().max(AGENDA_MAX, `Keep the agenda under ${AGENDA_MAX} characters`),
});

export type BookingDetails = z.infer<typeof bookingDetailsSchema>;

/** A mentor's free 1-to-1 time, or a seat in one of their slots. */
export type BookingTarget = { mentorSlug: string; startsAt: string; durationMinutes: number } | { slotId: string };

export interface CreateBookingInput {
  target: BookingTarget;
  details: BookingDetails;
  /** Reused when the same submission is retried, so the server books (and charges) only once. */
  idempotencyKey: string;
}

/**
 * POST /api/bookings: holds the time (15 minutes) and opens a gateway order. 409 `slot_unavailable`
 * when the time was taken or the slot filled meanwhile; 422 names `topic` or `agenda`; 404 for an
 * unknown mentor or slot.
 */
export async function createBooking({ target, details, idempotencyKey }: CreateBookingInput): Promise<BookingWithCheckout> {
  return bookingWithCheckoutSchema.parse(
    await apiClient.post('/api/bookings', { ...target, ...details }, { headers: { 'Idempotency-Key': idempotencyKey } }),
  );
}

export function useCreateBooking() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createBooking,
    onSuccess: ({ booking }) => {
      queryClient.setQueryData(queryKeys.bookings.detail(booking.id), booking);
      return queryClient.invalidateQueries({ queryKey: queryKeys.bookings.lists });
    },
  });
}
