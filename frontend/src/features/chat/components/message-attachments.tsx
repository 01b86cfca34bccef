import { Button, Group, Modal, Paper, Skeleton, Stack, Text, ThemeIcon, UnstyledButton } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { AlertCircleIcon, FileIcon } from '@/components/icons';
import { saveBlob } from '@/lib/download';
import { attachmentQueryOptions, useAttachment } from '../api/get-attachment';
import { useObjectUrl } from '../hooks/use-object-url';
import type { Attachment } from '../types';
import { formatFileSize, isImage } from '../utils/attachments';

/** How wide an image shows in the history (it opens full size). */
const THUMBNAIL_PX = 240;

const LOAD_ERROR = 'Couldn’t load the file';

function LoadError({ name, onRetry, retrying }: { name: string; onRetry: () => void; retrying: boolean }) {
  return (
    <Paper withBorder radius="md" p="xs" maw={THUMBNAIL_PX} data-testid="attachment-error">
      <Group gap={6} wrap="nowrap" align="flex-start">
        <ThemeIcon variant="transparent" color="red" size={18} aria-hidden>
          <AlertCircleIcon size={16} />
        </ThemeIcon>
        <Stack gap={4} miw={0}>
          <Text size="xs" c="red" role="alert">
            {LOAD_ERROR}
          </Text>
          <Text size="xs" c="dimmed" truncate title={name}>
            {name}
          </Text>
          <Button size="compact-xs" variant="light" onClick={onRetry} loading={retrying} style={{ alignSelf: 'flex-start' }}>
            Try again
          </Button>
        </Stack>
      </Group>
    </Paper>
  );
}

/** An image sent in the conversation: a thumbnail of the file fetched with the viewer's token; a click opens it full size. */
function ImageAttachment({ attachment }: { attachment: Attachment }) {
  const file = useAttachment(attachment.id);
  const url = useObjectUrl(file.data);
  const [open, setOpen] = useState(false);

  if (file.isError) return <LoadError name={attachment.name} onRetry={() => void file.refetch()} retrying={file.isFetching} />;
  if (!url) return <Skeleton width={THUMBNAIL_PX} maw="100%" height={160} radius="md" role="status" aria-label={`Loading ${attachment.name}`} />;
  return (
    <>
      <UnstyledButton onClick={() => setOpen(true)} aria-label={`Open ${attachment.name} full size`} style={{ display: 'block', maxWidth: '100%' }}>
        <img
          src={url}
          alt={attachment.name}
          style={{ display: 'block', maxWidth: `min(${THUMBNAIL_PX}px, 100%)`, maxHeight: THUMBNAIL_PX, borderRadius: 'var(--mantine-radius-md)', objectFit: 'contain' }}
        />
      </UnstyledButton>
      <Modal opened={open} onClose={() => setOpen(false)} title={attachment.name} size="auto" centered>
        <Stack gap="sm" align="center">
          <img src={url} alt={attachment.name} style={{ display: 'block', maxWidth: '100%', maxHeight: '75dvh', objectFit: 'contain' }} />
          <Button variant="default" size="xs" onClick={() => file.data && saveBlob(file.data, attachment.name)}>
            Download
          </Button>
        </Stack>
      </Modal>
    </>
  );
}

/**
 * A PDF sent in the conversation: its name and size at once; the file itself is fetched (with the viewer's token) only
 * when it is opened or downloaded, and kept for next time.
 */
function FileAttachment({ attachment }: { attachment: Attachment }) {
  const queryClient = useQueryClient();
  const [state, setState] = useState<'idle' | 'loading' | 'error'>('idle');
  const shown = useRef<string | null>(null);

  useEffect(
    () => () => {
      if (shown.current) URL.revokeObjectURL(shown.current);
    },
    [],
  );

  async function fetchFile(): Promise<Blob | null> {
    setState('loading');
    try {
      const blob = await queryClient.fetchQuery(attachmentQueryOptions(attachment.id));
      setState('idle');
      return blob;
    } catch {
      setState('error');
      return null;
    }
  }

  async function openFile() {
    // A tab opened during the click is not taken for a pop-up; the file goes into it once it has come.
    const tab = window.open('', '_blank');
    const blob = await fetchFile();
    if (!blob) {
      tab?.close();
      return;
    }
    shown.current ??= URL.createObjectURL(blob);
    if (tab) {
      tab.opener = null;
      tab.location.href = shown.current;
    } else {
      window.open(shown.current, '_blank', 'noopener');
    }
  }

  async function download() {
    const blob = await fetchFile();
    if (blob) saveBlob(blob, attachment.name);
  }

  return (
    <Paper withBorder radius="md" p="xs" w={THUMBNAIL_PX} maw="100%" data-testid="file-attachment">
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <ThemeIcon variant="light" size={36} radius="sm" aria-hidden style={{ flexShrink: 0 }}>
          <FileIcon size={20} />
        </ThemeIcon>
        <Stack gap={2} miw={0} style={{ flex: 1 }}>
          <Text size="sm" fw={600} truncate title={attachment.name}>
            {attachment.name}
          </Text>
          <Text size="xs" c="dimmed">
            PDF · {formatFileSize(attachment.size)}
          </Text>
          {state === 'error' ? (
            <Text size="xs" c="red" role="alert">
              {LOAD_ERROR}
            </Text>
          ) : null}
          <Group gap={6} mt={2}>
            <Button size="compact-xs" variant="light" onClick={() => void openFile()} loading={state === 'loading'} aria-label={`Open ${attachment.name}`}>
              Open
            </Button>
            <Button size="compact-xs" variant="subtle" color="gray" onClick={() => void download()} disabled={state === 'loading'} aria-label={`Download ${attachment.name}`}>
              Download
            </Button>
          </Group>
        </Stack>
      </Group>
    </Paper>
  );
}

/** The files a message carries: images as thumbnails, PDFs as cards. */
export function MessageAttachments({ attachments }: { attachments: readonly Attachment[] }) {
  if (attachments.length === 0) return null;
  return (
    <Stack component="ul" gap={6} m={0} p={0} aria-label="Files" style={{ listStyle: 'none' }}>
      {attachments.map((attachment) => (
        <li key={attachment.id} style={{ maxWidth: '100%' }}>
          {isImage(attachment.type) ? <ImageAttachment attachment={attachment} /> : <FileAttachment attachment={attachment} />}
        </li>
      ))}
    </Stack>
  );
}
