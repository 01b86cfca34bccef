import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { bookingWithCheckoutSchema, type BookingWithCheckout } from '../types';

/** POST /api/bookings/:id/checkout: a gateway order again for a booking still waiting for payment. */
export async function reopenCheckout(id: string): Promise<BookingWithCheckout> {
  return bookingWithCheckoutSchema.parse(await apiClient.post(`/api/bookings/${encodeURIComponent(id)}/checkout`));
}

export function useReopenCheckout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: reopenCheckout,
    onSuccess: ({ booking }) => queryClient.setQueryData(queryKeys.bookings.detail(booking.id), booking),
  });
}
