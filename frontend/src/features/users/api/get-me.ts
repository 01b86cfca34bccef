import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { userSchema, type User } from '@/types/api';

export async function getMe({ signal }: { signal?: AbortSignal } = {}): Promise<User> {
  return userSchema.parse(await apiClient.get('/api/users/me', signal ? { signal } : {}));
}

export const meQueryOptions = () => queryOptions({ queryKey: queryKeys.me, queryFn: getMe });

export function useMe() {
  return useQuery(meQueryOptions());
}
