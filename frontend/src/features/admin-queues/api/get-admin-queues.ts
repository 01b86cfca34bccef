import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { adminQueueCountsSchema, type AdminQueueCounts } from '../types';

/** While the notifications socket is down, the counts are asked for again this often. */
export const ADMIN_QUEUES_POLL_MS = 60_000;

/** GET /api/admin/queues (admins): what waits in each queue. */
export async function getAdminQueues({ signal }: { signal?: AbortSignal } = {}): Promise<AdminQueueCounts> {
  return adminQueueCountsSchema.parse(await apiClient.get('/api/admin/queues', signal ? { signal } : {}));
}

export const adminQueuesQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.adminQueues.counts,
    queryFn: ({ signal }) => getAdminQueues({ signal }),
  });

/** The counts, pushed by the socket while it is connected (see live-updates); asked for every minute while it is not. */
export function useAdminQueues({ live, enabled = true }: { live: boolean; enabled?: boolean }) {
  return useQuery({ ...adminQueuesQueryOptions(), enabled, refetchInterval: live ? false : ADMIN_QUEUES_POLL_MS });
}
