import { useRealtimeSocket, type RealtimeSocket } from '@/lib/realtime';

/** The bell's Socket.IO namespace: new notifications, and changes to the reader's bookings, wallet and admin queues. */
export const NOTIFICATIONS_NAMESPACE = '/notifications';

/** The signed-in user's shared notifications socket; null for nobody. */
export function useNotificationsSocket(userId: string | null): RealtimeSocket | null {
  return useRealtimeSocket(NOTIFICATIONS_NAMESPACE, userId);
}
