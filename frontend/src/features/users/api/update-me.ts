import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { userSchema, type User } from '@/types/api';

export const updateMeInputSchema = z.object({
  name: z.string().trim().min(1, 'Enter your name').max(100, 'Name must be at most 100 characters').optional(),
  // Whether a zone exists is the server's call (it knows the canonical IANA list); it answers 422 otherwise.
  timeZone: z.string().min(1, 'Choose a time zone').optional(),
  language: z.string().min(1, 'Choose a language').optional(),
});

export type UpdateMeInput = z.infer<typeof updateMeInputSchema>;

export async function updateMe(input: UpdateMeInput): Promise<User> {
  return userSchema.parse(await apiClient.patch('/api/users/me', input));
}

export function useUpdateMe({ onSuccess }: { onSuccess?: (user: User) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateMe,
    onSuccess: (user) => {
      queryClient.setQueryData(queryKeys.me, user);
      onSuccess?.(user);
    },
  });
}
