import { Button, Center, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import type { ReactNode } from 'react';

interface ErrorStateProps {
  title?: string;
  message?: ReactNode;
  onRetry?: () => void;
  /** Extra actions, e.g. a link home. */
  children?: ReactNode;
  fullPage?: boolean;
}

export function ErrorState({
  title = 'Something went wrong',
  message = 'Please try again in a moment.',
  onRetry,
  children,
  fullPage = false,
}: ErrorStateProps) {
  return (
    <Center mih={fullPage ? '100dvh' : 240} p="md" role="alert">
      <Stack align="center" gap="sm" maw={420} ta="center">
        <ThemeIcon size={48} radius="xl" color="red" variant="light" aria-hidden>
          <Text fw={700} size="xl">
            !
          </Text>
        </ThemeIcon>
        <Title order={2} size="h3">
          {title}
        </Title>
        <Text c="dimmed">{message}</Text>
        {onRetry || children ? (
          <Stack gap="xs" align="center">
            {onRetry ? <Button onClick={onRetry}>Try again</Button> : null}
            {children}
          </Stack>
        ) : null}
      </Stack>
    </Center>
  );
}
