import { SimpleGrid, Stack, Text } from '@mantine/core';
import type { MentorProfile } from '../types';

const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 100)}%`);

function Stat({ label, value, hint, testId }: { label: string; value: string; hint: string; testId: string }) {
  return (
    <Stack gap={0} title={hint} data-testid={testId}>
      <Text fw={700} size="xl">
        {value}
      </Text>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
    </Stack>
  );
}

interface MentorStatsProps {
  stats: MentorProfile['stats'];
  /** `public`: about the mentor, on their profile's side column; `own`: to the mentor, across their dashboard. */
  perspective?: 'public' | 'own';
}

/** Sessions completed, cancellation rate, repeat students, no-shows and average rating; "—" until there is anything to count. */
export function MentorStats({ stats, perspective = 'public' }: MentorStatsProps) {
  const own = perspective === 'own';
  return (
    <SimpleGrid cols={own ? { base: 2, xs: 3, md: 5 } : { base: 2, xs: 3 }} spacing="xs" verticalSpacing="md">
      <Stat testId="stat-sessions" label="Sessions completed" value={String(stats.sessionsCompleted)} hint="Sessions that took place" />
      <Stat
        testId="stat-cancellations"
        label="Cancellation rate"
        value={percent(stats.cancellationRate)}
        hint={own ? 'Confirmed sessions you cancelled' : 'Confirmed sessions the mentor cancelled'}
      />
      <Stat testId="stat-repeat" label="Repeat students" value={percent(stats.repeatStudentRate)} hint="Students who booked again" />
      <Stat testId="stat-no-shows" label="No-shows" value={String(stats.noShows)} hint={own ? 'Sessions you never joined' : 'Sessions the mentor never joined'} />
      <Stat
        testId="stat-rating"
        label="Average rating"
        value={stats.averageRating === null ? '—' : `${stats.averageRating.toFixed(1)} / 5`}
        hint="From students’ reviews, out of 5"
      />
    </SimpleGrid>
  );
}
