import { Group, Progress, Stack, Text } from '@mantine/core';
import type { MentorProfile } from '../types';
import { RatingBadge } from './rating-badge';

/** Average, count and how the ratings spread over 5…1 stars. */
export function RatingSummary({ summary }: { summary: MentorProfile['ratingSummary'] }) {
  const stars = [5, 4, 3, 2, 1] as const;
  return (
    <Stack gap="sm">
      {summary.average === null || summary.count === 0 ? (
        <Text size="sm" c="dimmed">
          No ratings yet: this mentor is new on Mentor Connect.
        </Text>
      ) : (
        <Group gap="sm" align="center">
          <Text fz={36} fw={800} lh={1}>
            {summary.average.toFixed(1)}
          </Text>
          <Stack gap={0}>
            <RatingBadge average={summary.average} count={summary.count} />
            <Text size="xs" c="dimmed">
              {summary.count} {summary.count === 1 ? 'rating' : 'ratings'}
            </Text>
          </Stack>
        </Group>
      )}
      <Stack gap={6} component="ul" aria-label="Ratings by stars" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {stars.map((star) => {
          const count = summary.distribution[star];
          const percent = summary.count ? Math.round((count / summary.count) * 100) : 0;
          return (
            <Group key={star} component="li" gap="xs" wrap="nowrap" aria-label={`${star} stars: ${count}`}>
              <Text size="xs" w={24} c="dimmed" aria-hidden>
                {star}★
              </Text>
              <Progress value={percent} color="yellow" size="sm" style={{ flex: 1 }} aria-hidden />
              <Text size="xs" w={24} ta="right" c="dimmed" aria-hidden>
                {count}
              </Text>
            </Group>
          );
        })}
      </Stack>
    </Stack>
  );
}
