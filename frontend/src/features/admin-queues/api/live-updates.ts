import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { queryKeys } from '@/lib/query-keys';
import { useSocketEvent, type RealtimeSocket } from '@/lib/realtime';
import { adminQueuesEventSchema, type AdminQueue } from '../types';

/**
 * The notifications socket's `admin:queues` (admins only) written into the query cache: the counts it carries replace
 * the header's (or, from a server that sends none, are fetched again), and the changed queue's pages refresh. Those
 * pages belong to other features: they are only invalidated, by the keys in lib/query-keys.
 */

/** Each queue's pages (lists, and a dispute's case, whose status the change may be). */
const QUEUE_KEYS: Record<AdminQueue, readonly unknown[]> = {
  applications: queryKeys.mentorApplications.all,
  disputes: queryKeys.adminDisputes.all,
  reviews: queryKeys.adminReviews.all,
  withdrawals: queryKeys.adminWithdrawals.all,
};

function applyQueuesEvent(queryClient: QueryClient, payload: unknown): void {
  const event = adminQueuesEventSchema.safeParse(payload);
  if (!event.success) return;
  const { queue, counts } = event.data;
  if (counts) {
    // A count asked for before this push may come back older than it: the pushed one wins.
    void queryClient.cancelQueries({ queryKey: queryKeys.adminQueues.counts });
    queryClient.setQueryData(queryKeys.adminQueues.counts, counts);
  } else {
    void queryClient.invalidateQueries({ queryKey: queryKeys.adminQueues.counts });
  }
  void queryClient.invalidateQueries({ queryKey: QUEUE_KEYS[queue] });
}

/** Keeps the counts and the queues' pages live from `socket` (the shared notifications socket) while `enabled` (an admin). */
export function useAdminQueuesLiveUpdates(socket: RealtimeSocket | null, enabled: boolean): void {
  const queryClient = useQueryClient();
  const live = enabled ? socket : null;
  useSocketEvent(live, 'connect', () => {
    // Changes may have been missed before this connection (or while away, past what the server keeps).
    if (live?.recovered) return;
    void queryClient.invalidateQueries({ queryKey: queryKeys.adminQueues.counts });
    for (const queryKey of Object.values(QUEUE_KEYS)) void queryClient.invalidateQueries({ queryKey });
  });
  useSocketEvent(live, 'admin:queues', (payload: unknown) => applyQueuesEvent(queryClient, payload));
}
