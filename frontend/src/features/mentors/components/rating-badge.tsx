import { Badge, Group, Text } from '@mantine/core';
import { StarIcon } from '@/components/icons';

/** "★ 4.8 (12)", or "New" for a mentor nobody has reviewed yet. */
export function RatingBadge({ average, count, size = 'sm' }: { average: number | null; count: number; size?: 'sm' | 'md' }) {
  if (average === null || count === 0) {
    return (
      <Badge variant="light" color="teal" size={size === 'md' ? 'lg' : 'md'} tt="none" aria-label="New mentor, no reviews yet">
        New
      </Badge>
    );
  }
  return (
    <Group gap={4} wrap="nowrap" aria-label={`Rated ${average.toFixed(1)} out of 5 from ${count} ${count === 1 ? 'review' : 'reviews'}`}>
      <Text c="yellow.5" component="span" lh={0} aria-hidden>
        <StarIcon size={size === 'md' ? 18 : 15} />
      </Text>
      <Text fw={700} size={size} component="span" aria-hidden>
        {average.toFixed(1)}
      </Text>
      <Text c="dimmed" size={size} component="span" aria-hidden>
        ({count})
      </Text>
    </Group>
  );
}
