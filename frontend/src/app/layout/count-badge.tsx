import { Badge, VisuallyHidden } from '@mantine/core';

/** A link's count (unread messages, items waiting in an admin queue): the number shows, ", 3 unread" is read out. */
export function CountBadge({ count, noun = 'unread' }: { count: number | null | undefined; noun?: string | undefined }) {
  if (!count) return null;
  return (
    <>
      <Badge size="sm" color="red" circle={count < 10} data-testid="nav-count" aria-hidden>
        {count > 99 ? '99+' : count}
      </Badge>
      <VisuallyHidden>
        , {count} {noun}
      </VisuallyHidden>
    </>
  );
}
