import { Center, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

interface EmptyStateProps {
  title: string;
  description?: ReactNode;
  /** Call to action, e.g. a button. */
  children?: ReactNode;
}

export function EmptyState({ title, description, children }: EmptyStateProps) {
  return (
    <Center mih={200} p="md">
      <Stack align="center" gap="xs" maw={420} ta="center">
        <Title order={2} size="h4">
          {title}
        </Title>
        {description ? <Text c="dimmed">{description}</Text> : null}
        {children}
      </Stack>
    </Center>
  );
}
