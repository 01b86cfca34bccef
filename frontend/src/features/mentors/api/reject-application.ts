import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { applicationSchema, type Application } from '../types';

export const rejectInputSchema = z.object({
  reason: z
    .string()
    .refine((reason) => reason.trim().length >= 5, 'Give the applicant a reason (at least 5 characters)')
    .refine((reason) => reason.trim().length <= 1000, 'Keep the reason under 1000 characters'),
});

export type RejectInput = z.infer<typeof rejectInputSchema>;

/** POST /api/admin/mentor-applications/:id/reject; the reason is emailed to the applicant. */
export async function rejectApplication({ id, reason }: RejectInput & { id: string }): Promise<Application> {
  return applicationSchema.parse(
    await apiClient.post(`/api/admin/mentor-applications/${encodeURIComponent(id)}/reject`, { reason: reason.trim() }),
  );
}

export function useRejectApplication() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: rejectApplication,
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.mentorApplications.all }),
  });
}
