import { Container, Skeleton, Stack } from '@mantine/core';
import { ErrorState } from '@/components/error-state';
import { useMyAvailability } from '../api/get-my-availability';
import { useMySlots } from '../api/get-my-slots';
import { AvailabilityHeader } from '../components/availability-header';
import { SlotsPanel } from '../components/slots-panel';

/** A mentor's specific-date slots, 1-to-1 or group. */
export function SlotsPage() {
  // The settings give the zone the mentor thinks in and how far ahead a slot may be.
  const availability = useMyAvailability();
  const slots = useMySlots();
  const failed = availability.isError ? availability : slots.isError ? slots : null;
  const ready = availability.isSuccess && slots.isSuccess ? { settings: availability.data.settings, slots: slots.data } : null;

  return (
    <Container size="md" px={0}>
      <Stack gap="lg">
        <AvailabilityHeader section="slots" />
        {failed ? (
          <ErrorState title="Couldn't load your slots" message={failed.error?.message} onRetry={() => void failed.refetch()} />
        ) : !ready ? (
          <Stack gap="sm" role="status" aria-label="Loading your slots">
            <Skeleton height={40} width="50%" />
            <Skeleton height={110} radius="md" />
            <Skeleton height={110} radius="md" />
          </Stack>
        ) : (
          <SlotsPanel
            slots={ready.slots}
            timeZone={ready.settings.timeZone}
            horizonDays={ready.settings.horizonDays}
          />
        )}
      </Stack>
    </Container>
  );
}
