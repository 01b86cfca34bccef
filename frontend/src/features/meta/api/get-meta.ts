import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { apiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

export const appMetaSchema = z.object({
  /** Checkout goes through the built-in sandbox: no real money moves. */
  paymentsSandbox: z.boolean(),
  /** A deployment declared as a demo. */
  demoMode: z.boolean(),
});

export type AppMeta = z.infer<typeof appMetaSchema>;

/** GET /api/meta (public, no sign-in): facts about this deployment. */
export async function getMeta({ signal }: { signal?: AbortSignal } = {}): Promise<AppMeta> {
  return appMetaSchema.parse(await apiClient.get('/api/meta', signal ? { signal } : {}));
}

export const metaQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.meta,
    queryFn: getMeta,
    // These change only when the server is redeployed with other settings: an hour-old answer is fine.
    staleTime: 60 * 60_000,
  });

export function useMeta() {
  return useQuery(metaQueryOptions());
}
