import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { conversationSchema, type Conversation } from '../types';

/**
 * GET /api/conversations/by-booking/:bookingId: the conversation of a booking (its pair's, or its group session's).
 * 404 when the viewer isn't one of its people, or before the booking is confirmed (no conversation yet).
 */
export async function getConversationByBooking(bookingId: string, { signal }: { signal?: AbortSignal } = {}): Promise<Conversation> {
  return conversationSchema.parse(await apiClient.get(`/api/conversations/by-booking/${encodeURIComponent(bookingId)}`, signal ? { signal } : {}));
}

export const conversationByBookingQueryOptions = (bookingId: string) =>
  queryOptions({
    queryKey: queryKeys.chat.byBooking(bookingId),
    queryFn: async ({ signal, client }) => {
      const conversation = await getConversationByBooking(bookingId, { signal });
      // The conversation's own entry starts from this answer rather than asking again (live events then keep it).
      if (!client.getQueryData(queryKeys.chat.conversation(conversation.id))) client.setQueryData(queryKeys.chat.conversation(conversation.id), conversation);
      return conversation;
    },
  });

export function useConversationByBooking(bookingId: string) {
  return useQuery(conversationByBookingQueryOptions(bookingId));
}
