import { Button, Center, Stack, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { Link } from 'react-router-dom';
import { useNow } from '@/hooks/use-now';
import { formatDayAndTime, minutesUntil, windowPhase } from '../utils/session-time';

interface CallNotOpenProps {
  opensAt: string;
  closesAt: string;
  timeZone: string;
  backHref: string;
  /** Called when the window opens while the page is on screen, to ask for the call again. */
  onOpen: () => void;
}

/** The server said the call isn't open: when it opens (counting down, then asking again), or that it has closed. */
export function CallNotOpen({ opensAt, closesAt, timeZone, backHref, onOpen }: CallNotOpenProps) {
  const opensAtMs = Date.parse(opensAt);
  const closesAtMs = Date.parse(closesAt);
  const now = useNow(1_000, [opensAtMs, closesAtMs]);
  const phase = windowPhase(now, opensAtMs, closesAtMs);

  useEffect(() => {
    if (phase === 'open') onOpen();
  }, [phase, onOpen]);

  const back = (
    <Button component={Link} to={backHref} variant="light">
      Back to the booking
    </Button>
  );

  return (
    <Center mih={240} p="md">
      <Stack align="center" gap="sm" maw={460} ta="center">
        {phase === 'before' ? (
          <>
            <Title order={1} size="h3">
              The call isn’t open yet
            </Title>
            <Text c="dimmed" data-testid="call-opens">
              It opens {formatDayAndTime(opensAtMs, timeZone)}
              {opensAtMs - now <= 60 * 60_000 ? ` (in ${minutesUntil(now, opensAtMs)} min)` : ''}, 10 minutes before the session starts. This page
              will let you in then.
            </Text>
          </>
        ) : phase === 'closed' ? (
          <>
            <Title order={1} size="h3">
              The call has closed
            </Title>
            <Text c="dimmed" data-testid="call-closed">
              It closed {formatDayAndTime(closesAtMs, timeZone)}, 15 minutes after the session’s end.
            </Text>
          </>
        ) : (
          <>
            <Title order={1} size="h3">
              The call is opening
            </Title>
            <Text c="dimmed">If it doesn’t start in a moment, try again.</Text>
            <Button onClick={onOpen}>Try again</Button>
          </>
        )}
        {back}
      </Stack>
    </Center>
  );
}
