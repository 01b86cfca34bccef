import { Alert, Button, Stack, Text } from '@mantine/core';

interface LoadErrorAlertProps {
  /** "Couldn’t load the review". */
  title: string;
  message: string;
  onRetry: () => void;
}

/** A section of a page that couldn't load, in its place: what failed, why, and a way to try again. */
export function LoadErrorAlert({ title, message, onRetry }: LoadErrorAlertProps) {
  return (
    <Alert color="red" variant="light" title={title} role="alert">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{message}</Text>
        <Button variant="light" size="compact-sm" onClick={onRetry}>
          Try again
        </Button>
      </Stack>
    </Alert>
  );
}
