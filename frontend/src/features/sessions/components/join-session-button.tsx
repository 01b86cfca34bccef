import { Button, Text, type MantineSize } from '@mantine/core';
import { Link } from 'react-router-dom';
import { paths } from '@/config/paths';
import { useNow } from '@/hooks/use-now';
import { joinOpensLabel, windowPhase } from '../utils/session-time';

export interface JoinSessionButtonProps {
  bookingId: string;
  /** The booking's call window (ISO instants). */
  opensAt: string;
  closesAt: string;
  timeZone: string;
  size?: MantineSize | `compact-${MantineSize}`;
  fullWidth?: boolean;
}

/**
 * The way into a booking's call, on the browser's clock: a disabled button counting down to the window
 * ("Join opens in 12 min", or the day and time when further out), "Join session" while it is open, and
 * "The call has closed" after. It flips by itself at the instants the window opens and closes.
 */
export function JoinSessionButton({ bookingId, opensAt, closesAt, timeZone, size = 'sm', fullWidth = false }: JoinSessionButtonProps) {
  const opensAtMs = Date.parse(opensAt);
  const closesAtMs = Date.parse(closesAt);
  const now = useNow(1_000, [opensAtMs, closesAtMs]);
  const phase = windowPhase(now, opensAtMs, closesAtMs);

  if (phase === 'open') {
    return (
      <Button component={Link} to={paths.app.bookingCall.getHref(bookingId)} color="teal" size={size} fullWidth={fullWidth}>
        Join session
      </Button>
    );
  }
  if (phase === 'closed') {
    return (
      <Text size="sm" c="dimmed">
        The call has closed
      </Text>
    );
  }
  return (
    <Button disabled variant="default" size={size} fullWidth={fullWidth}>
      {joinOpensLabel(now, opensAtMs, timeZone)}
    </Button>
  );
}
