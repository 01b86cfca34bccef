import { Button, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useConfirmCompletion } from '../api/confirm-completion';
import type { Booking } from '../types';

/** After a completed session, the student may release the held payment early by confirming it went well. */
export function ConfirmCompletionPanel({ booking }: { booking: Booking }) {
  const confirm = useConfirmCompletion();

  function confirmNow() {
    confirm.mutate(booking.id, {
      onSuccess: () => notifications.show({ color: 'teal', title: 'Thanks for confirming', message: `Your payment has been released to ${booking.mentor.name}.` }),
    });
  }

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="confirm-completion-title" style={{ borderColor: 'var(--mantine-color-teal-7)' }}>
      <Stack gap="sm" align="flex-start">
        <Title order={2} size="h5" id="confirm-completion-title">
          How did the session go?
        </Title>
        <Text size="sm">
          If it went well, confirm it: your payment is released to {booking.mentor.name} now, instead of automatically 24 hours after the session. If
          something went wrong, don’t confirm{booking.actions.dispute ? ': report a problem instead' : ''}.
        </Text>
        {confirm.isError ? (
          <Text size="sm" c="red.4" role="alert">
            Couldn’t confirm: {confirm.error.message}
          </Text>
        ) : null}
        <Button color="teal" onClick={confirmNow} loading={confirm.isPending}>
          Confirm the session went well
        </Button>
      </Stack>
    </Paper>
  );
}
