import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { ApiError, apiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { attachmentSchema, type Attachment, type UploadFile } from '../types';

/**
 * POST /api/conversations/:id/attachments (multipart, field `file`): keeps a file to be named in the next message, and
 * tells how much of it has gone out as it goes. The server checks the content (an image or a PDF), and the size.
 */
export async function uploadAttachment(conversationId: string, file: File, { onProgress, signal }: { onProgress?: (fraction: number) => void; signal?: AbortSignal } = {}): Promise<Attachment> {
  const form = new FormData();
  form.append('file', file, file.name);
  const answer = await apiClient.upload(`/api/conversations/${encodeURIComponent(conversationId)}/attachments`, form, { ...(onProgress ? { onProgress } : {}), ...(signal ? { signal } : {}) });
  return attachmentSchema.parse(answer);
}

/** Why the server refused a file, in its words: the problem named on `file` (422), or the problem itself (413 too large). */
export function uploadErrorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.errors.find((problem) => problem.path === 'file')?.message ?? error.message;
  return error instanceof Error ? error.message : 'The file couldn’t be uploaded';
}

/**
 * Uploads to one conversation. The file kept is the one chosen here, byte for byte: the sender's own message shows it
 * from this copy rather than fetching it back.
 */
export function useUploadAttachment(conversationId: string): UploadFile {
  const queryClient = useQueryClient();
  return useCallback<UploadFile>(
    async (file, options) => {
      const attachment = await uploadAttachment(conversationId, file, options);
      queryClient.setQueryData<Blob>(queryKeys.chat.attachment(attachment.id), file);
      return attachment;
    },
    [conversationId, queryClient],
  );
}
