import { Container, Skeleton, Stack } from '@mantine/core';
import { ErrorState } from '@/components/error-state';
import { useMyAvailability } from '../api/get-my-availability';
import { AvailabilityForm } from '../components/availability-form';
import { AvailabilityHeader } from '../components/availability-header';
import { OverridesCard } from '../components/overrides-card';

function AvailabilitySkeleton() {
  return (
    <Stack gap="lg" role="status" aria-label="Loading your availability">
      <Skeleton height={380} radius="md" />
      <Skeleton height={220} radius="md" />
    </Stack>
  );
}

/** A mentor's weekly hours, scheduling settings, and dates off or with other hours. */
export function AvailabilityPage() {
  const availability = useMyAvailability();
  return (
    <Container size="md" px={0}>
      <Stack gap="lg">
        <AvailabilityHeader section="hours" />
        {availability.isPending ? (
          <AvailabilitySkeleton />
        ) : availability.isError ? (
          <ErrorState
            title="Couldn't load your availability"
            message={availability.error.message}
            onRetry={() => void availability.refetch()}
          />
        ) : (
          <>
            <AvailabilityForm availability={availability.data} />
            <OverridesCard overrides={availability.data.overrides} timeZone={availability.data.settings.timeZone} />
          </>
        )}
      </Stack>
    </Container>
  );
}
