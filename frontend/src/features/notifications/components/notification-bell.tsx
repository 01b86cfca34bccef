import { ActionIcon, Indicator } from '@mantine/core';
import { Link } from 'react-router-dom';
import { BellIcon } from '@/components/icons';
import { paths } from '@/config/paths';
import { useUnreadCount } from '../api/get-unread-count';

/**
 * The header's bell: a link to the notifications, with the unread count when there is any. `live` says the
 * notifications socket is connected (it pushes the count), so the count is not polled.
 */
export function NotificationBell({ live }: { live: boolean }) {
  const unread = useUnreadCount({ live });
  const count = unread.data ?? 0;
  const label = count > 0 ? `Notifications, ${count} unread` : 'Notifications';

  return (
    <Indicator
      label={count > 99 ? '99+' : count}
      disabled={count === 0}
      size={18}
      offset={6}
      color="red"
      withBorder
      inline
    >
      <ActionIcon component={Link} to={paths.app.notifications.getHref()} variant="subtle" color="gray" size="lg" radius="xl" aria-label={label}>
        <BellIcon size={20} />
      </ActionIcon>
    </Indicator>
  );
}
