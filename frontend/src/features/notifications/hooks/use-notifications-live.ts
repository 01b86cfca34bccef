import { useSocketConnected, type RealtimeSocket } from '@/lib/realtime';
import { useNotificationsLiveUpdates } from '../api/live-updates';
import { useNotificationsSocket } from '../api/notifications-socket';

export interface NotificationsLive {
  /** The shared socket (null for nobody), for other features to listen on (the admin's queue counts). */
  socket: RealtimeSocket | null;
  /** While true, what the socket keeps fresh is not polled. */
  connected: boolean;
}

/**
 * Holds the notifications socket open for as long as someone is signed in (the app's shell calls it once), and keeps
 * the bell, the bookings and the wallet live from it.
 */
export function useNotificationsLive(userId: string | null): NotificationsLive {
  const socket = useNotificationsSocket(userId);
  const connected = useSocketConnected(socket);
  useNotificationsLiveUpdates(socket);
  return { socket, connected };
}

/** Whether the signed-in user's notifications socket is connected (for a page that polls only while it is not). */
export function useNotificationsConnected(userId: string | null): boolean {
  return useSocketConnected(useNotificationsSocket(userId));
}
