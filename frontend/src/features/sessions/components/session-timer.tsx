import { Group, Paper, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useRef } from 'react';
import { useNow } from '@/hooks/use-now';
import { zonedHhmm } from '@/lib/time-zone-clock';
import { ENDING_SOON_MS, sessionTimerState } from '../utils/session-time';

interface SessionTimerProps {
  startsAt: string;
  endsAt: string;
  timeZone: string;
}

/**
 * Time to the start, then left to the scheduled end, then past it: green, orange from 5 minutes left, red
 * once over, with the state in words too. Crossing into the last 5 minutes warns once.
 */
export function SessionTimer({ startsAt, endsAt, timeZone }: SessionTimerProps) {
  const startsAtMs = Date.parse(startsAt);
  const endsAtMs = Date.parse(endsAt);
  const now = useNow(1_000, [startsAtMs, endsAtMs - ENDING_SOON_MS, endsAtMs]);
  const timer = sessionTimerState(now, startsAtMs, endsAtMs);
  const warned = useRef(false);

  useEffect(() => {
    if (timer.phase !== 'ending' || warned.current) return;
    warned.current = true;
    notifications.show({
      id: 'session-ending-soon',
      color: 'orange',
      title: '5 minutes left',
      message: `The session is scheduled to end at ${zonedHhmm(endsAt, timeZone)}.`,
    });
  }, [timer.phase, endsAt, timeZone]);

  return (
    <Paper
      role="timer"
      aria-label="Session timer"
      data-color={timer.color}
      radius="md"
      px="md"
      py={6}
      withBorder
      style={{ borderColor: `var(--mantine-color-${timer.color}-filled)`, background: `var(--mantine-color-${timer.color}-light)` }}
    >
      <Group gap="xs" wrap="nowrap">
        <Text fw={700} ff="monospace" c={`${timer.color}.4`} style={{ whiteSpace: 'nowrap' }}>
          {timer.label}
        </Text>
        {/* A real space, so the label and the note read as two words to assistive technology. */}
        {timer.note ? ' ' : null}
        {timer.note ? (
          <Text size="sm" c={`${timer.color}.4`} style={{ whiteSpace: 'nowrap' }}>
            · {timer.note}
          </Text>
        ) : null}
      </Group>
    </Paper>
  );
}
