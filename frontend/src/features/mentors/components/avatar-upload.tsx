import { Avatar, Button, FileButton, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { ApiError, assetUrl } from '@/lib/api-client';
import type { User } from '@/types/api';
import { useUploadAvatar } from '../api/upload-avatar';
import { AVATAR_RULES } from '../rules';

const maxMegabytes = AVATAR_RULES.maxBytes / 1024 / 1024;

/** Why a file can't be an avatar, checked before uploading it; null when it may be. The server checks the content again. */
export function avatarFileProblem(file: Pick<File, 'type' | 'size'>): string | null {
  if (!(AVATAR_RULES.types as readonly string[]).includes(file.type)) return 'Choose a PNG, JPEG or WebP image.';
  if (file.size > AVATAR_RULES.maxBytes) return `The image must be at most ${maxMegabytes} MB.`;
  return null;
}

function uploadErrorText(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === 'file_too_large') return `The image must be at most ${maxMegabytes} MB.`;
    return error.errors[0]?.message ?? error.detail ?? error.title;
  }
  return 'Something went wrong. Please try again.';
}

interface AvatarUploadProps {
  name: string;
  avatarUrl: string | null;
  onUploaded?: (user: User) => void;
}

/** Pick a photo, see it, then upload it; type and size are checked at once, the rest by the server. */
export function AvatarUpload({ name, avatarUrl, onUploaded }: AvatarUploadProps) {
  const upload = useUploadAvatar({ onSuccess: onUploaded });
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  // A data: URL rather than a blob: one, which the server's Content-Security-Policy (img-src 'self' data:) blocks.
  useEffect(() => {
    if (!file) return setPreview(null);
    let current = true;
    const reader = new FileReader();
    reader.onload = () => {
      if (current && typeof reader.result === 'string') setPreview(reader.result);
    };
    reader.readAsDataURL(file);
    return () => {
      current = false;
      reader.abort();
    };
  }, [file]);

  function choose(chosen: File | null) {
    if (!chosen) return;
    const problem = avatarFileProblem(chosen);
    setError(problem);
    setFile(problem ? null : chosen);
  }

  function send() {
    if (!file) return;
    setError(null);
    upload.mutate(file, {
      onSuccess: () => {
        setFile(null);
        notifications.show({ color: 'teal', title: 'Photo updated', message: 'Your new photo is on your profile.' });
      },
      onError: (failure) => setError(uploadErrorText(failure)),
    });
  }

  return (
    <Group gap="lg" align="center" wrap="nowrap">
      <Avatar
        src={preview ?? assetUrl(avatarUrl)}
        name={name}
        color="initials"
        size={96}
        radius={96}
        alt={preview ? 'Preview of your new photo' : 'Your current photo'}
      />
      <Stack gap="xs" style={{ minWidth: 0 }}>
        <Text size="sm" c="dimmed">
          PNG, JPEG or WebP, up to {maxMegabytes} MB. We crop it to a square.
        </Text>
        <Group gap="xs">
          <FileButton onChange={choose} accept={AVATAR_RULES.types.join(',')}>
            {(props) => (
              <Button variant="default" {...props} disabled={upload.isPending}>
                {file ? 'Choose another' : 'Choose a photo'}
              </Button>
            )}
          </FileButton>
          {file ? (
            <>
              <Button onClick={send} loading={upload.isPending}>
                Upload photo
              </Button>
              <Button variant="subtle" color="gray" onClick={() => setFile(null)} disabled={upload.isPending}>
                Cancel
              </Button>
            </>
          ) : null}
        </Group>
        {error ? (
          <Text c="red" size="sm" role="alert">
            {error}
          </Text>
        ) : null}
      </Stack>
    </Group>
  );
}
