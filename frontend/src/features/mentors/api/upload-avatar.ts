import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { userSchema, type User } from '@/types/api';

/** PUT /api/mentors/me/avatar (mentors), multipart field "avatar"; 413 `file_too_large`, 422 `invalid_image`. */
export async function uploadAvatar(file: File): Promise<User> {
  const form = new FormData();
  form.append('avatar', file);
  return userSchema.parse(await apiClient.put('/api/mentors/me/avatar', form));
}

export function useUploadAvatar({ onSuccess }: { onSuccess?: ((user: User) => void) | undefined } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: uploadAvatar,
    onSuccess: async (user) => {
      onSuccess?.(user);
      await queryClient.invalidateQueries({ queryKey: queryKeys.mentors.me });
    },
  });
}
