import { Skeleton, Stack, type MantineSpacing } from '@mantine/core';

interface ListSkeletonProps {
  /** What is loading, for assistive technology: "Loading bookings". */
  label: string;
  /** One card's height, close to the real one's so the page doesn't jump. */
  height: number;
  count?: number;
  gap?: MantineSpacing;
}

/** Stand-ins for a list's cards while it loads. */
export function ListSkeleton({ label, height, count = 3, gap = 'sm' }: ListSkeletonProps) {
  return (
    <Stack gap={gap} role="status" aria-label={label}>
      {Array.from({ length: count }, (_, key) => (
        <Skeleton key={key} height={height} radius="md" />
      ))}
    </Stack>
  );
}
