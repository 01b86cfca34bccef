import { ActionIcon, Indicator } from '@mantine/core';
import { Link } from 'react-router-dom';
import { MessageIcon } from '@/components/icons';
import { paths } from '@/config/paths';

/**
 * The header's way to Messages, beside the bell: the unread total on it when there is any. (The phone's navbar lists
 * Messages with the same count.) An icon, so the header's section links still fit from `md` up.
 */
export function MessagesLink({ count, current }: { count: number | null; current: boolean }) {
  const unread = count ?? 0;
  return (
    <Indicator label={unread > 99 ? '99+' : unread} disabled={unread === 0} size={18} offset={6} color="red" withBorder inline>
      <ActionIcon
        component={Link}
        to={paths.app.messages.getHref()}
        variant={current ? 'light' : 'subtle'}
        color={current ? undefined : 'gray'}
        size="lg"
        radius="xl"
        aria-label={unread > 0 ? `Messages, ${unread} unread` : 'Messages'}
        aria-current={current ? 'page' : undefined}
      >
        <MessageIcon size={20} />
      </ActionIcon>
    </Indicator>
  );
}
