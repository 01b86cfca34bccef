import { Alert } from '@mantine/core';

/** A form's error that belongs to no single field (wrong password, rate limit, server down), shown above the fields. */
export function FormAlert({ title, message }: { title: string; message: string | null }) {
  if (!message) return null;
  return (
    <Alert color="red" variant="light" title={title} role="alert">
      {message}
    </Alert>
  );
}
