import { notifications as toasts } from '@mantine/notifications';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useLocation } from 'react-router-dom';
import { paths } from '@/config/paths';
import { queryKeys } from '@/lib/query-keys';
import { useSocketEvent, type RealtimeSocket } from '@/lib/realtime';
import { bookingUpdatedEventSchema, notificationNewEventSchema, walletUpdatedEventSchema, type AppNotification } from '../types';

/**
 * The notifications socket's events written into the query cache, so nothing polls while it is connected: a new
 * notification sets the bell's number and refreshes the list; a changed booking refreshes that booking, the booking
 * lists (the dashboard's next session among them), its dispute and the payments; a moved wallet refreshes the wallet.
 * Other features' data is only invalidated, by the keys in lib/query-keys. A reconnection the server could not replay
 * (a long drop) fetches all of it again.
 */

/** What the socket keeps fresh here, fetched again after a connection that may have missed events. */
const KEPT_FRESH = [queryKeys.notifications.all, queryKeys.bookings.all, queryKeys.disputes.all, queryKeys.payments.all, queryKeys.wallet.all];

function storeNewNotification(queryClient: QueryClient, unread: number): void {
  // A count asked for before this push may come back older than it: the pushed one wins.
  void queryClient.cancelQueries({ queryKey: queryKeys.notifications.unreadCount });
  queryClient.setQueryData<number>(queryKeys.notifications.unreadCount, unread);
  void queryClient.invalidateQueries({ queryKey: queryKeys.notifications.lists });
}

function refreshBooking(queryClient: QueryClient, bookingId: string): void {
  for (const queryKey of [
    queryKeys.bookings.detail(bookingId),
    queryKeys.bookings.cancellationQuote(bookingId),
    queryKeys.bookings.lists,
    queryKeys.disputes.ofBooking(bookingId),
    queryKeys.payments.all,
  ]) {
    void queryClient.invalidateQueries({ queryKey });
  }
}

function toast(notification: AppNotification) {
  toasts.show({ id: `notification-${notification.id}`, title: notification.title, message: notification.body });
}

/** Keeps the bell, bookings and wallet live from `socket` while the calling component (the app's shell) is mounted. */
export function useNotificationsLiveUpdates(socket: RealtimeSocket | null): void {
  const queryClient = useQueryClient();
  const { pathname } = useLocation();
  // On the Notifications page the new item shows in the list itself: no toast there.
  const onNotificationsPage = pathname === paths.app.notifications.getHref();

  useSocketEvent(socket, 'connect', () => {
    // Events may have been missed before this connection (or while away, past what the server keeps).
    if (!socket?.recovered) for (const queryKey of KEPT_FRESH) void queryClient.invalidateQueries({ queryKey });
  });
  useSocketEvent(socket, 'notification:new', (payload: unknown) => {
    const event = notificationNewEventSchema.safeParse(payload);
    if (!event.success) return;
    storeNewNotification(queryClient, event.data.unread);
    if (!onNotificationsPage) toast(event.data.notification);
  });
  useSocketEvent(socket, 'booking:updated', (payload: unknown) => {
    const event = bookingUpdatedEventSchema.safeParse(payload);
    if (event.success) refreshBooking(queryClient, event.data.bookingId);
  });
  useSocketEvent(socket, 'wallet:updated', (payload: unknown) => {
    if (walletUpdatedEventSchema.safeParse(payload).success) void queryClient.invalidateQueries({ queryKey: queryKeys.wallet.all });
  });
}
