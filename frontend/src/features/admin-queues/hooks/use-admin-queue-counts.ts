import { useSocketConnected, type RealtimeSocket } from '@/lib/realtime';
import { useAdminQueues } from '../api/get-admin-queues';
import { useAdminQueuesLiveUpdates } from '../api/live-updates';
import type { AdminQueueCounts } from '../types';

/**
 * The header's counts of what waits in each admin queue, for an admin (`enabled`), kept live from the shared
 * notifications `socket`; polled only while it is down. Null while loading, after a failure, or for anyone else: then
 * the links show no badge and still work.
 */
export function useAdminQueueCounts(socket: RealtimeSocket | null, enabled: boolean): AdminQueueCounts | null {
  const connected = useSocketConnected(enabled ? socket : null);
  useAdminQueuesLiveUpdates(socket, enabled);
  const counts = useAdminQueues({ live: connected, enabled });
  return enabled && counts.data && !counts.isError ? counts.data : null;
}
