import { SimpleGrid, Stack, Text } from '@mantine/core';
import type { MentorProfile } from '../types';

const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 100)}%`);

function Stat({ label, value, hint }: { label: string; value: string; hint: string }) {
  return (
    <Stack gap={0} title={hint}>
      <Text fw={700} size="xl">
        {value}
      </Text>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
    </Stack>
  );
}

/** Sessions completed, cancellation rate, repeat students; "—" until there is anything to count. */
export function MentorStats({ stats }: { stats: MentorProfile['stats'] }) {
  return (
    <SimpleGrid cols={3} spacing="xs">
      <Stat label="Sessions completed" value={String(stats.sessionsCompleted)} hint="Sessions that took place" />
      <Stat label="Cancellation rate" value={percent(stats.cancellationRate)} hint="Sessions the mentor cancelled" />
      <Stat label="Repeat students" value={percent(stats.repeatStudentRate)} hint="Students who booked again" />
    </SimpleGrid>
  );
}
