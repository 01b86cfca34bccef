import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { bookingSchema, type Booking } from '../types';

/** What Razorpay Checkout (or our sandbox of it) hands back for a successful payment. */
export const gatewayPaymentSchema = z.object({
  razorpay_payment_id: z.string(),
  razorpay_order_id: z.string(),
  razorpay_signature: z.string(),
});

export type GatewayPayment = z.infer<typeof gatewayPaymentSchema>;

/** POST /api/payments/verify: the server checks the signature and confirms the booking. 400 `signature_invalid` otherwise. */
export async function verifyPayment(payment: GatewayPayment): Promise<Booking> {
  const { razorpay_order_id, razorpay_payment_id, razorpay_signature } = payment;
  return bookingSchema.parse(await apiClient.post('/api/payments/verify', { razorpay_order_id, razorpay_payment_id, razorpay_signature }));
}

export function useVerifyPayment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: verifyPayment,
    onSuccess: (booking) => {
      queryClient.setQueryData(queryKeys.bookings.detail(booking.id), booking);
      return Promise.all([queryClient.invalidateQueries({ queryKey: queryKeys.bookings.lists }), queryClient.invalidateQueries({ queryKey: queryKeys.payments.all })]);
    },
  });
}
