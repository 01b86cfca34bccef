import { Center, Loader, Stack, Text } from '@mantine/core';

interface PageLoaderProps {
  label?: string;
  /** Fill the whole viewport (app start) instead of the content area. */
  fullPage?: boolean;
}

export function PageLoader({ label = 'Loading…', fullPage = false }: PageLoaderProps) {
  return (
    <Center mih={fullPage ? '100dvh' : 240} role="status" aria-live="polite">
      <Stack align="center" gap="sm">
        <Loader type="dots" size="lg" aria-hidden />
        <Text c="dimmed" size="sm">
          {label}
        </Text>
      </Stack>
    </Center>
  );
}
