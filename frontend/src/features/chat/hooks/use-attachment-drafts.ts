import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '@/lib/api-client';
import { uploadErrorMessage } from '../api/upload-attachment';
import { MAX_ATTACHMENTS_PER_MESSAGE } from '../rules';
import type { Attachment, UploadFile } from '../types';
import { attachmentProblem, isImage } from '../utils/attachments';

/** A file chosen for the next message: uploading at once, uploaded (to be named in the message), or refused. */
export interface DraftAttachment {
  key: string;
  name: string;
  type: string;
  size: number;
  /** The chosen image itself, shown before it is sent (null for a PDF). */
  previewUrl: string | null;
  status: 'uploading' | 'uploaded' | 'failed';
  /** From 0 to 1. */
  progress: number;
  /** Why the server refused it, in its words. */
  error: string | null;
  /** It failed on the way (not refused for what it is): trying again may work. */
  retryable: boolean;
  uploaded: Attachment | null;
}

export interface AttachmentDrafts {
  drafts: DraftAttachment[];
  /** Why some chosen files were not taken (checked before any upload): too large, not an image or a PDF, too many. */
  refusal: string | null;
  add: (files: readonly File[]) => void;
  remove: (key: string) => void;
  retry: (key: string) => void;
  /** The message went: the drafts are its attachments now. */
  clear: () => void;
}

/**
 * The files chosen for the next message. Each is checked here first (an image or a PDF, at most 10 MB, at most 5 per
 * message: nothing refused is uploaded), then uploads at once with its progress; removing one cancels its upload.
 */
export function useAttachmentDrafts(upload: UploadFile | undefined): AttachmentDrafts {
  const [drafts, setDrafts] = useState<DraftAttachment[]>([]);
  const [refusal, setRefusal] = useState<string | null>(null);
  const files = useRef(new Map<string, File>());
  const uploads = useRef(new Map<string, AbortController>());
  const previews = useRef(new Map<string, string>());
  const nextKey = useRef(0);

  const change = useCallback((key: string, update: Partial<DraftAttachment>) => {
    setDrafts((current) => current.map((draft) => (draft.key === key ? { ...draft, ...update } : draft)));
  }, []);

  const start = useCallback(
    (key: string, file: File) => {
      if (!upload) return;
      const controller = new AbortController();
      uploads.current.set(key, controller);
      upload(file, { signal: controller.signal, onProgress: (fraction) => change(key, { progress: fraction }) }).then(
        (attachment) => {
          if (controller.signal.aborted) return;
          uploads.current.delete(key);
          change(key, { status: 'uploaded', progress: 1, uploaded: attachment, error: null });
        },
        (error: unknown) => {
          if (controller.signal.aborted) return;
          uploads.current.delete(key);
          const retryable = !(error instanceof ApiError) || error.status === 0 || error.status >= 500;
          change(key, { status: 'failed', error: uploadErrorMessage(error), retryable });
        },
      );
    },
    [upload, change],
  );

  const add = useCallback(
    (chosen: readonly File[]) => {
      const problems: string[] = [];
      const taken: DraftAttachment[] = [];
      let room = MAX_ATTACHMENTS_PER_MESSAGE - drafts.length;
      for (const file of chosen) {
        const problem = attachmentProblem(file);
        if (problem) {
          problems.push(problem);
          continue;
        }
        if (room <= 0) {
          problems.push(`At most ${MAX_ATTACHMENTS_PER_MESSAGE} files go with one message`);
          break;
        }
        room -= 1;
        nextKey.current += 1;
        const key = `draft-${nextKey.current}`;
        files.current.set(key, file);
        const previewUrl = isImage(file.type) ? URL.createObjectURL(file) : null;
        if (previewUrl) previews.current.set(key, previewUrl);
        taken.push({ key, name: file.name, type: file.type, size: file.size, previewUrl, status: 'uploading', progress: 0, error: null, retryable: false, uploaded: null });
      }
      setRefusal(problems.length > 0 ? problems.join('. ') : null);
      if (taken.length === 0) return;
      setDrafts((current) => [...current, ...taken]);
      for (const draft of taken) start(draft.key, files.current.get(draft.key)!);
    },
    [drafts.length, start],
  );

  const forget = useCallback((key: string) => {
    uploads.current.get(key)?.abort();
    uploads.current.delete(key);
    files.current.delete(key);
    const preview = previews.current.get(key);
    if (preview) URL.revokeObjectURL(preview);
    previews.current.delete(key);
  }, []);

  const remove = useCallback(
    (key: string) => {
      forget(key);
      setDrafts((current) => current.filter((draft) => draft.key !== key));
      setRefusal(null);
    },
    [forget],
  );

  const retry = useCallback(
    (key: string) => {
      const file = files.current.get(key);
      if (!file) return;
      change(key, { status: 'uploading', progress: 0, error: null });
      start(key, file);
    },
    [change, start],
  );

  const clear = useCallback(() => {
    for (const key of [...files.current.keys()]) forget(key);
    setDrafts([]);
    setRefusal(null);
  }, [forget]);

  // Leaving the conversation: uploads in flight stop, and the previews' object URLs go.
  useEffect(() => {
    const inFlight = uploads.current;
    const shown = previews.current;
    return () => {
      for (const controller of inFlight.values()) controller.abort();
      for (const url of shown.values()) URL.revokeObjectURL(url);
    };
  }, []);

  return { drafts, refusal, add, remove, retry, clear };
}
