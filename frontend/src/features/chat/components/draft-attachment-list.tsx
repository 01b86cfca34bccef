import { ActionIcon, Button, Group, Image, Paper, Progress, Stack, Text, ThemeIcon } from '@mantine/core';
import { FileIcon, XIcon } from '@/components/icons';
import type { DraftAttachment } from '../hooks/use-attachment-drafts';
import { formatFileSize } from '../utils/attachments';

interface DraftAttachmentListProps {
  drafts: DraftAttachment[];
  onRemove: (key: string) => void;
  onRetry: (key: string) => void;
}

/** The files chosen for the next message: each with its name and size, its upload's progress, or why it was refused. */
export function DraftAttachmentList({ drafts, onRemove, onRetry }: DraftAttachmentListProps) {
  if (drafts.length === 0) return null;
  return (
    <Group component="ul" aria-label="Files to send" gap="xs" m={0} mb={6} p={0} style={{ listStyle: 'none' }}>
      {drafts.map((draft) => (
        <Paper
          key={draft.key}
          component="li"
          withBorder
          radius="md"
          p={6}
          maw="100%"
          w={240}
          data-testid="draft-attachment"
          data-status={draft.status}
          style={draft.status === 'failed' ? { borderColor: 'var(--mantine-color-red-outline)' } : undefined}
        >
          <Group gap={8} wrap="nowrap" align="flex-start">
            {draft.previewUrl ? (
              <Image src={draft.previewUrl} alt="" w={40} h={40} radius="sm" fit="cover" style={{ flexShrink: 0 }} data-testid="draft-preview" />
            ) : (
              <ThemeIcon variant="light" size={40} radius="sm" aria-hidden style={{ flexShrink: 0 }}>
                <FileIcon size={20} />
              </ThemeIcon>
            )}
            <Stack gap={2} miw={0} style={{ flex: 1 }}>
              <Text size="xs" fw={600} truncate title={draft.name}>
                {draft.name}
              </Text>
              <Text size="xs" c="dimmed">
                {formatFileSize(draft.size)}
                {draft.status === 'uploading' ? ` · uploading ${Math.round(draft.progress * 100)}%` : draft.status === 'uploaded' ? ' · ready' : ''}
              </Text>
              {draft.status === 'uploading' ? <Progress value={Math.round(draft.progress * 100)} size="sm" aria-label={`Uploading ${draft.name}`} /> : null}
              {draft.status === 'failed' ? (
                <>
                  <Text size="xs" c="red" role="alert">
                    {draft.error}
                  </Text>
                  {draft.retryable ? (
                    <Button size="compact-xs" variant="light" color="red" onClick={() => onRetry(draft.key)} style={{ alignSelf: 'flex-start' }}>
                      Try again
                    </Button>
                  ) : null}
                </>
              ) : null}
            </Stack>
            <ActionIcon variant="subtle" color="gray" size="sm" onClick={() => onRemove(draft.key)} aria-label={`Remove ${draft.name}`}>
              <XIcon size={14} />
            </ActionIcon>
          </Group>
        </Paper>
      ))}
    </Group>
  );
}
