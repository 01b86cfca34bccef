import { Box, Group, Stack, Text } from '@mantine/core';
import { formatZonedDate, zonedHhmm } from '@/lib/time-zone-clock';
import type { AttendanceParticipant } from '../types';

interface AttendanceTimelineProps {
  participant: AttendanceParticipant;
  name: string;
  /** The scheduled session the bar spans. */
  startsAt: string;
  endsAt: string;
  timeZone: string;
}

const roleLabels = { mentor: 'Mentor', student: 'Student' } as const;
const roleColors = { mentor: 'teal', student: 'blue' } as const;

const clamp = (value: number) => Math.min(100, Math.max(0, value));

/** "1 h 05 min", "38 min", "45 s". */
function durationText(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** "09:28–09:55", naming the end's date when it is another day's. */
function intervalText(from: string, to: string, timeZone: string): string {
  const sameDay = formatZonedDate(from, timeZone, 'short') === formatZonedDate(to, timeZone, 'short');
  return `${zonedHhmm(from, timeZone)}–${sameDay ? '' : `${formatZonedDate(to, timeZone, 'short')} `}${zonedHhmm(to, timeZone)}`;
}

/**
 * One person's presence in the call: their share of the scheduled time, a bar over the session with the spans they
 * were in the call, and the same spans as text (the bar is a picture of it, hidden from screen readers).
 */
export function AttendanceTimeline({ participant, name, startsAt, endsAt, timeZone }: AttendanceTimelineProps) {
  const start = new Date(startsAt).getTime();
  const span = Math.max(1, new Date(endsAt).getTime() - start);
  const segments = participant.intervals
    .map(({ from, to }) => {
      const left = clamp(((new Date(from).getTime() - start) / span) * 100);
      const right = clamp(((new Date(to).getTime() - start) / span) * 100);
      return { key: `${from}-${to}`, left, width: right - left };
    })
    .filter((segment) => segment.width > 0);
  const role = roleLabels[participant.role];
  const color = roleColors[participant.role];

  return (
    <Stack gap={6} component="section" aria-label={`${role} attendance`}>
      <Group justify="space-between" gap="xs" wrap="wrap">
        <Text fw={600}>
          {role} · {name}
        </Text>
        <Text fw={700} data-testid="attendance-percent">
          {participant.percent}% of the session
          <Text span c="dimmed" fw={400} size="sm">
            {' '}
            ({durationText(participant.seconds)})
          </Text>
        </Text>
      </Group>
      <Box
        aria-hidden
        pos="relative"
        h={16}
        style={{ borderRadius: 'var(--mantine-radius-sm)', background: 'var(--mantine-color-default-border)', overflow: 'hidden' }}
        data-testid="attendance-bar"
      >
        {segments.map((segment) => (
          <Box
            key={segment.key}
            pos="absolute"
            top={0}
            bottom={0}
            bg={`${color}.6`}
            style={{ left: `${segment.left}%`, width: `${segment.width}%` }}
            data-testid="attendance-segment"
          />
        ))}
      </Box>
      <Group justify="space-between" aria-hidden>
        <Text size="xs" c="dimmed">
          {zonedHhmm(startsAt, timeZone)}
        </Text>
        <Text size="xs" c="dimmed">
          {zonedHhmm(endsAt, timeZone)}
        </Text>
      </Group>
      {participant.intervals.length === 0 ? (
        <Text size="sm" c="dimmed">
          Never in the call.
        </Text>
      ) : (
        <div>
          <Text size="sm" c="dimmed" id={`intervals-${participant.userId}`}>
            In the call (scheduled {zonedHhmm(startsAt, timeZone)}–{zonedHhmm(endsAt, timeZone)}):
          </Text>
          <Box component="ul" m={0} pl="md" aria-labelledby={`intervals-${participant.userId}`}>
            {participant.intervals.map(({ from, to }) => (
              <Text component="li" size="sm" key={`${from}-${to}`}>
                {intervalText(from, to, timeZone)}
              </Text>
            ))}
          </Box>
        </div>
      )}
    </Stack>
  );
}
