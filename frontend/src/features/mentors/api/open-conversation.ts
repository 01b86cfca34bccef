import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

export const openConversationInput = z.object({ mentorSlug: z.string().min(1) });

/** Of the conversation the server answers with, this page needs only where to go. */
const openedConversationSchema = z.looseObject({ id: z.string() });

/**
 * POST /api/conversations (students): opens the conversation with this mentor, or answers the one there is already.
 * At most 5 new ones a day: a sixth is refused with 409 `conversation_limit`.
 */
export async function openConversation(mentorSlug: string): Promise<string> {
  const body = openConversationInput.parse({ mentorSlug });
  return openedConversationSchema.parse(await apiClient.post('/api/conversations', body)).id;
}

export function useOpenConversation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: openConversation,
    // A new conversation joins the list (and the Messages page it leads to).
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.chat.conversations }),
  });
}
