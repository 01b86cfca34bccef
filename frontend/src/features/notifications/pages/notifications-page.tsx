import { Button, Container, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { notifications as toasts } from '@mantine/notifications';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { EmptyState } from '@/components/empty-state';
import { ErrorState } from '@/components/error-state';
import { ListPagination } from '@/components/list-pagination';
import { ListSkeleton } from '@/components/list-skeleton';
import { paths } from '@/config/paths';
import { useMarkAllNotificationsRead } from '../api/mark-all-notifications-read';
import { useMarkNotificationRead } from '../api/mark-notification-read';
import { useNotifications } from '../api/get-notifications';
import { NotificationItem } from '../components/notification-item';
import type { AppNotification } from '../types';

const PAGE_SIZE = 20;

/**
 * Where a notification points, if we can take the user there: a path in this app, or an absolute
 * http(s) URL (which may still be ours: emails carry full links). Anything else is ignored.
 */
export function notificationTarget(actionUrl: string | null, origin: string): { internal: string } | { external: string } | null {
  if (!actionUrl) return null;
  if (actionUrl.startsWith('/') && !actionUrl.startsWith('//')) return { internal: actionUrl };
  try {
    const url = new URL(actionUrl);
    if (url.origin === origin) return { internal: `${url.pathname}${url.search}${url.hash}` };
    return url.protocol === 'https:' || url.protocol === 'http:' ? { external: url.href } : null;
  } catch {
    return null;
  }
}

export function NotificationsPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const navigate = useNavigate();
  const unreadOnly = searchParams.get('show') === 'unread';
  const pageParam = Number(searchParams.get('page'));
  const page = Number.isInteger(pageParam) && pageParam > 0 ? pageParam : 1;
  const list = useNotifications({ page, limit: PAGE_SIZE, unreadOnly });
  const markRead = useMarkNotificationRead();
  const markAll = useMarkAllNotificationsRead();

  function show(next: { unreadOnly?: boolean; page?: number }) {
    const params = new URLSearchParams();
    if (next.unreadOnly ?? unreadOnly) params.set('show', 'unread');
    if ((next.page ?? 1) > 1) params.set('page', String(next.page));
    setSearchParams(params);
  }

  async function open(notification: AppNotification) {
    if (notification.readAt === null) {
      // Going there matters more than the read mark: a failure to mark doesn't hold the user back.
      await markRead.mutateAsync(notification.id).catch(() => undefined);
    }
    const target = notificationTarget(notification.actionUrl, window.location.origin);
    if (!target) return;
    if ('internal' in target) void navigate(target.internal);
    else window.location.assign(target.external);
  }

  function markAllRead() {
    markAll.mutate(undefined, {
      onSuccess: (updated) =>
        toasts.show({ color: 'teal', title: 'All caught up', message: updated === 1 ? '1 notification marked read.' : `${updated} notifications marked read.` }),
      onError: () => toasts.show({ color: 'red', title: "Couldn't mark them read", message: 'Please try again.' }),
    });
  }

  const unreadCount = list.data?.unreadCount ?? 0;

  return (
    <Container size="sm" px={0}>
      <Group justify="space-between" align="flex-end" mb="lg" gap="sm">
        <Stack gap={4}>
          <Title order={1} size="h2">
            Notifications
          </Title>
          <Text c="dimmed" aria-live="polite">
            {list.data ? (unreadCount === 0 ? 'Nothing unread.' : `${unreadCount} unread`) : ' '}
          </Text>
        </Stack>
        <Group gap="xs">
          <Button component={Link} to={paths.app.notificationSettings.getHref()} variant="subtle">
            Settings
          </Button>
          <Button variant="light" onClick={markAllRead} loading={markAll.isPending} disabled={unreadCount === 0}>
            Mark all read
          </Button>
        </Group>
      </Group>
      <SegmentedControl
        mb="md"
        value={unreadOnly ? 'unread' : 'all'}
        onChange={(value) => show({ unreadOnly: value === 'unread' })}
        data={[
          { value: 'all', label: 'All' },
          { value: 'unread', label: 'Unread' },
        ]}
        aria-label="Which notifications to show"
      />
      {list.isPending ? (
        <ListSkeleton label="Loading notifications" height={76} />
      ) : list.isError ? (
        <ErrorState title="Couldn't load your notifications" message={list.error.message} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <EmptyState
          title={unreadOnly ? "You're all caught up" : 'No notifications yet'}
          description={unreadOnly ? 'Nothing unread right now.' : 'Updates about your applications and sessions will appear here.'}
        />
      ) : (
        <>
          <Stack gap="sm" component="ul" aria-label="Notifications" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {list.data.items.map((notification) => (
              <NotificationItem
                key={notification.id}
                notification={notification}
                onOpen={(item) => void open(item)}
                onMarkRead={(item) => markRead.mutate(item.id)}
                marking={markRead.isPending && markRead.variables === notification.id}
              />
            ))}
          </Stack>
          <ListPagination page={page} pageSize={PAGE_SIZE} total={list.data.total} onChange={(next) => show({ page: next })} label="Notification pages" />
        </>
      )}
    </Container>
  );
}
