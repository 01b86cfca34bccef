import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { userSchema, type User } from '@/types/api';

export const meQueryKey = ['users', 'me'] as const;

export async function getMe({ signal }: { signal?: AbortSignal } = {}): Promise<User> {
  return userSchema.parse(await apiClient.get('/api/users/me', signal ? { signal } : {}));
}

export const meQueryOptions = () => queryOptions({ queryKey: meQueryKey, queryFn: getMe });

export function useMe() {
  return useQuery(meQueryOptions());
}
