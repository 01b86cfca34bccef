import { Button, Flex, Group, Paper, Stack, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { formatRelativeTime } from '@/lib/relative-time';
import type { AppNotification } from '../types';

interface NotificationItemProps {
  notification: AppNotification;
  /** Clicking the notification: mark it read and go where it points. */
  onOpen: (notification: AppNotification) => void;
  onMarkRead: (notification: AppNotification) => void;
  marking: boolean;
}

export function NotificationItem({ notification, onOpen, onMarkRead, marking }: NotificationItemProps) {
  const unread = notification.readAt === null;
  const when = new Date(notification.createdAt);

  return (
    <Paper
      component="li"
      withBorder
      radius="md"
      p={0}
      bg={unread ? 'var(--mantine-color-violet-light)' : undefined}
      style={{ borderLeft: unread ? '4px solid var(--mantine-color-violet-5)' : undefined, overflow: 'hidden' }}
      data-unread={unread || undefined}
    >
      <Flex direction={{ base: 'column', xs: 'row' }} align="stretch">
        <UnstyledButton onClick={() => onOpen(notification)} p="md" style={{ flex: 1, minWidth: 0 }}>
          <Stack gap={4}>
            <Group gap="xs" wrap="nowrap" justify="space-between" align="flex-start">
              <Text fw={unread ? 700 : 500} c={unread ? 'bright' : undefined}>
                {unread ? (
                  <>
                    <VisuallyHidden component="span">Unread:</VisuallyHidden>{' '}
                  </>
                ) : null}
                {notification.title}
              </Text>
              <Text size="xs" c="dimmed" style={{ flexShrink: 0 }} title={when.toLocaleString()}>
                <time dateTime={notification.createdAt}>{formatRelativeTime(when)}</time>
              </Text>
            </Group>
            <Text size="sm" c={unread ? undefined : 'dimmed'} style={{ overflowWrap: 'anywhere' }}>
              {notification.body}
            </Text>
          </Stack>
        </UnstyledButton>
        {unread ? (
          <Group px="sm" pb={{ base: 'sm', xs: 0 }} mt={{ base: -8, xs: 0 }} align="center" justify="flex-end" style={{ flexShrink: 0 }}>
            <Button
              variant="subtle"
              size="compact-sm"
              onClick={() => onMarkRead(notification)}
              loading={marking}
              aria-label={`Mark "${notification.title}" as read`}
            >
              Mark read
            </Button>
          </Group>
        ) : null}
      </Flex>
    </Paper>
  );
}
