import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { sessionNotesSchema, type SessionNotes } from '../types';

export const NOTES_MAX = 5000;

export const notesInputSchema = z.object({
  text: z.string().max(NOTES_MAX, `Keep the notes under ${NOTES_MAX} characters`),
});

/** PUT /api/bookings/:id/notes (mentor only): replaces the notes with `text`; 422 on `text` past the limit. */
export async function saveNotes({ id, text }: { id: string; text: string }): Promise<SessionNotes> {
  return sessionNotesSchema.parse(await apiClient.put(`/api/bookings/${encodeURIComponent(id)}/notes`, notesInputSchema.parse({ text })));
}

export function useSaveNotes() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveNotes,
    onSuccess: (notes, { id }) => queryClient.setQueryData(queryKeys.sessions.notes(id), notes),
  });
}
