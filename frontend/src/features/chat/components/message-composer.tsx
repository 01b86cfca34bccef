import { ActionIcon, Group, Text, Textarea } from '@mantine/core';
import { useEffect, useEffectEvent, useId, useRef, useState, type ClipboardEvent, type DragEvent, type KeyboardEvent } from 'react';
import { PaperclipIcon, SendIcon } from '@/components/icons';
import { useAttachmentDrafts } from '../hooks/use-attachment-drafts';
import { MAX_ATTACHMENTS_PER_MESSAGE, MAX_MESSAGE_LENGTH } from '../rules';
import type { Attachment, UploadFile } from '../types';
import { ATTACHMENT_ACCEPT } from '../utils/attachments';
import { DraftAttachmentList } from './draft-attachment-list';

interface MessageComposerProps {
  /** The text (possibly empty when files go with it) and the files, uploaded already. */
  onSend: (text: string, attachments: Attachment[]) => void;
  /** Called as the viewer types (the caller decides how often the others hear of it). */
  onTyping: () => void;
  /** Uploads a chosen file to the conversation; without it, the composer offers no files. */
  onUpload?: UploadFile | undefined;
}

const hasFiles = (transfer: DataTransfer | null) => Boolean(transfer && [...transfer.types].includes('Files'));

/**
 * Writing a message: Enter sends, Shift+Enter starts a new line; at most 4000 characters, counted as they are typed.
 * Files (images and PDFs, up to 10 MB, 5 a message) come from the paperclip, a paste or a drop, and upload at once;
 * a message sent while they upload goes when they are done. A message with neither text nor files isn't sent.
 */
export function MessageComposer({ onSend, onTyping, onUpload }: MessageComposerProps) {
  const [text, setText] = useState('');
  const [emptyTried, setEmptyTried] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  /** Sent while files were still uploading: it goes once they are up. */
  const [waiting, setWaiting] = useState(false);
  const [dragging, setDragging] = useState(false);
  const files = useAttachmentDrafts(onUpload);
  const fileInput = useRef<HTMLInputElement>(null);
  const counterId = useId();
  const errorId = useId();
  const hintId = useId();
  const over = text.length - MAX_MESSAGE_LENGTH;
  const uploading = files.drafts.some((draft) => draft.status === 'uploading');
  const failed = files.drafts.some((draft) => draft.status === 'failed');
  const error =
    over > 0 ? `A message can be at most ${MAX_MESSAGE_LENGTH} characters: ${over} too many` : emptyTried ? 'Write a message first' : (notice ?? files.refusal);

  const send = () => {
    const attachments = files.drafts.flatMap((draft) => (draft.uploaded ? [draft.uploaded] : []));
    onSend(text.replace(/\s+$/, ''), attachments);
    setText('');
    setEmptyTried(false);
    setNotice(null);
    setWaiting(false);
    files.clear();
  };

  const submit = () => {
    if (over > 0) return;
    if (text.trim().length === 0 && files.drafts.length === 0) {
      setEmptyTried(true);
      return;
    }
    if (failed) {
      setNotice('Remove the file that couldn’t be uploaded, then send');
      return;
    }
    if (uploading) {
      setWaiting(true);
      return;
    }
    send();
  };

  // Sent while uploading: it goes when the last upload is done (and not at all if one of them failed).
  const uploadsSettled = useEffectEvent(() => {
    setWaiting(false);
    if (failed) setNotice('Remove the file that couldn’t be uploaded, then send');
    // Its only file was removed meanwhile: nothing is left to send.
    else if (text.trim().length > 0 || files.drafts.length > 0) send();
  });
  useEffect(() => {
    if (waiting && !uploading) uploadsSettled();
  }, [waiting, uploading]);

  const addFiles = (chosen: readonly File[]) => {
    if (!onUpload || chosen.length === 0) return;
    setNotice(null);
    setEmptyTried(false);
    files.add(chosen);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    }
  };

  const onPaste = (event: ClipboardEvent<HTMLTextAreaElement>) => {
    const pasted = [...event.clipboardData.files];
    if (!onUpload || pasted.length === 0) return;
    event.preventDefault();
    addFiles(pasted);
  };

  const dropTarget = onUpload
    ? {
        onDragOver: (event: DragEvent<HTMLFormElement>) => {
          if (!hasFiles(event.dataTransfer)) return;
          event.preventDefault();
          setDragging(true);
        },
        onDragLeave: (event: DragEvent<HTMLFormElement>) => {
          if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
        },
        onDrop: (event: DragEvent<HTMLFormElement>) => {
          if (!hasFiles(event.dataTransfer)) return;
          event.preventDefault();
          setDragging(false);
          addFiles([...event.dataTransfer.files]);
        },
      }
    : {};

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
      aria-label="Write a message"
      data-dragging={dragging || undefined}
      style={dragging ? { outline: '2px dashed var(--mantine-primary-color-filled)', outlineOffset: 2, borderRadius: 'var(--mantine-radius-md)' } : undefined}
      {...dropTarget}
    >
      <DraftAttachmentList drafts={files.drafts} onRemove={files.remove} onRetry={files.retry} />
      <Group align="flex-end" gap="xs" wrap="nowrap">
        {onUpload ? (
          <>
            <input
              ref={fileInput}
              type="file"
              accept={ATTACHMENT_ACCEPT}
              multiple
              hidden
              aria-label="Files to attach"
              onChange={(event) => {
                addFiles([...(event.currentTarget.files ?? [])]);
                // The same file may be chosen again after it is removed.
                event.currentTarget.value = '';
              }}
            />
            <ActionIcon
              variant="subtle"
              color="gray"
              size={36}
              radius="xl"
              aria-label="Attach files"
              title={`Attach images or PDFs (up to ${MAX_ATTACHMENTS_PER_MESSAGE}, 10 MB each)`}
              disabled={files.drafts.length >= MAX_ATTACHMENTS_PER_MESSAGE}
              onClick={() => fileInput.current?.click()}
            >
              <PaperclipIcon size={18} />
            </ActionIcon>
          </>
        ) : null}
        <Textarea
          style={{ flex: 1 }}
          aria-label="Message"
          placeholder="Write a message…"
          autosize
          minRows={1}
          maxRows={6}
          value={text}
          onChange={(event) => {
            setText(event.currentTarget.value);
            if (event.currentTarget.value.trim()) {
              setEmptyTried(false);
              onTyping();
            }
          }}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
          error={error !== null}
          aria-describedby={`${hintId} ${counterId}${error ? ` ${errorId}` : ''}`}
        />
        <ActionIcon type="submit" size={36} radius="xl" aria-label="Send" disabled={over > 0} loading={waiting}>
          <SendIcon size={18} />
        </ActionIcon>
      </Group>
      <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap" mt={4}>
        <div>
          <Text id={errorId} size="xs" c="red" role="alert">
            {error ?? ''}
          </Text>
          {error ? null : waiting ? (
            <Text id={hintId} size="xs" c="dimmed" role="status">
              Sending once the files are uploaded…
            </Text>
          ) : (
            <Text id={hintId} size="xs" c="dimmed" visibleFrom="sm">
              Enter sends · Shift+Enter for a new line · Markdown and ```code``` work
            </Text>
          )}
        </div>
        <Text id={counterId} size="xs" c={over > 0 ? 'red' : 'dimmed'} style={{ flexShrink: 0 }}>
          {text.length} / {MAX_MESSAGE_LENGTH}
        </Text>
      </Group>
    </form>
  );
}
