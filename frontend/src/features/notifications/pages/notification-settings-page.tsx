import { Anchor, Button, Container, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications as toasts } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { ErrorState } from '@/components/error-state';
import { FormAlert } from '@/components/form-alert';
import { PageLoader } from '@/components/page-loader';
import { paths } from '@/config/paths';
import { ApiError } from '@/lib/api-client';
import { GENERIC_ERROR_MESSAGE } from '@/lib/form-errors';
import { useNotificationPreferences } from '../api/get-notification-preferences';
import { useUpdateNotificationPreferences } from '../api/update-notification-preferences';
import { PreferencesTable, type Channel } from '../components/preferences-table';
import type { NotificationCategory } from '../types';

type Switches = Pick<NotificationCategory, 'inApp' | 'email'>;

function saveErrorText(error: unknown): string {
  if (!(error instanceof ApiError)) return GENERIC_ERROR_MESSAGE;
  if (error.errors.length > 0) return error.errors.map((e) => e.message).join(' ');
  return error.detail ?? error.title;
}

/**
 * The signed-in person's notification settings: per category, in-app and email. Switches change a draft; "Save
 * changes" sends only the categories that differ from what the server has.
 */
export function NotificationSettingsPage() {
  const preferences = useNotificationPreferences();
  const save = useUpdateNotificationPreferences();
  const [edits, setEdits] = useState<Record<string, Switches>>({});

  if (preferences.isPending) return <PageLoader label="Loading your notification settings…" />;
  if (preferences.isError) {
    return <ErrorState title="Couldn't load your notification settings" message={preferences.error.message} onRetry={() => void preferences.refetch()} />;
  }

  const saved = preferences.data.categories;
  const current = saved.map((category) => ({ ...category, ...edits[category.key] }));
  const changed = current.filter((category, index) => category.inApp !== saved[index]!.inApp || category.email !== saved[index]!.email);

  function change(key: string, channel: Channel, on: boolean) {
    const now = current.find((category) => category.key === key)!;
    setEdits((previous) => ({ ...previous, [key]: { inApp: now.inApp, email: now.email, [channel]: on } }));
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (changed.length === 0) return;
    save.mutate(
      changed.map((category) => ({ category: category.key, inApp: category.inApp, email: category.email })),
      {
        onSuccess: () => {
          setEdits({});
          toasts.show({ color: 'teal', title: 'Notification settings saved', message: 'We will tell you about things the way you chose.' });
        },
      },
    );
  }

  return (
    <Container size="md" px={0}>
      <Stack gap={4} mb="lg">
        <Title order={1} size="h2">
          Notification settings
        </Title>
        <Text c="dimmed">
          Choose how we tell you about each kind of event: in the app (under the bell) and by email.{' '}
          <Anchor component={Link} to={paths.app.notifications.getHref()}>
            See your notifications
          </Anchor>
        </Text>
      </Stack>
      <form onSubmit={submit} aria-label="Notification settings">
        <Stack gap="md">
          <Paper withBorder radius="md" p={{ base: 0, sm: 'xs' }}>
            <PreferencesTable categories={current} onChange={change} disabled={save.isPending} />
          </Paper>
          <FormAlert title="Couldn't save your settings" message={save.isError ? saveErrorText(save.error) : null} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setEdits({})} disabled={changed.length === 0 || save.isPending}>
              Undo changes
            </Button>
            <Button type="submit" loading={save.isPending} disabled={changed.length === 0}>
              Save changes
            </Button>
          </Group>
          <Paper withBorder radius="md" p="md" component="section" aria-labelledby="always-sent-heading">
            <Title order={2} size="h5" id="always-sent-heading" mb={4}>
              Always sent
            </Title>
            <Text size="sm" c="dimmed" mb="xs">
              These concern your money or your account’s security, so they come in the app and by email whatever you choose above.
            </Text>
            <List size="sm" spacing={2}>
              {preferences.data.alwaysSent.map((notice) => (
                <List.Item key={notice}>{notice}</List.Item>
              ))}
            </List>
          </Paper>
        </Stack>
      </form>
    </Container>
  );
}
