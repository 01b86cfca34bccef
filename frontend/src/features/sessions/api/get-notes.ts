import { queryOptions, useQuery } from '@tanstack/react-query';
import { ApiError, apiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { sessionNotesSchema, type SessionNotes } from '../types';

/**
 * GET /api/bookings/:id/notes: the mentor's notes on the session. The mentor may read them any time; the
 * student once the session has ended, before that 409 `notes_not_yet`.
 */
export async function getNotes(id: string, { signal }: { signal?: AbortSignal } = {}): Promise<SessionNotes> {
  return sessionNotesSchema.parse(await apiClient.get(`/api/bookings/${encodeURIComponent(id)}/notes`, signal ? { signal } : {}));
}

export const notesQueryOptions = (id: string) =>
  queryOptions({
    queryKey: queryKeys.sessions.notes(id),
    queryFn: ({ signal }) => getNotes(id, { signal }),
  });

export function useNotes(id: string) {
  return useQuery(notesQueryOptions(id));
}

export const notesNotYetShared = (error: unknown) => error instanceof ApiError && error.status === 409 && error.code === 'notes_not_yet';
