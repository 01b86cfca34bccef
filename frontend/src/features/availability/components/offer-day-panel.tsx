import { Button, Group, Skeleton, Stack, Text } from '@mantine/core';
import { ErrorState } from '@/components/error-state';
import type { OfferMonth } from '../hooks/use-offer-month';
import { BookingDay, type BookingDayProps } from './booking-day';

/** Stand-ins for a day's free times while a month loads: a heading and `rows` rows of time buttons. */
function FreeTimesSkeleton({ rows }: { rows: number }) {
  return (
    <Stack gap={8} role="status" aria-label="Loading free times">
      <Skeleton height={18} width="60%" />
      {Array.from({ length: rows }, (_, row) => (
        <Group key={row} gap={8} grow>
          <Skeleton height={36} />
          <Skeleton height={36} />
          <Skeleton height={36} />
        </Group>
      ))}
    </Stack>
  );
}

const monthName = (month: string) => new Intl.DateTimeFormat('en-IN', { month: 'long', timeZone: 'UTC' }).format(new Date(`${month}T00:00:00Z`));

interface OfferDayPanelProps extends Omit<BookingDayProps, 'day'> {
  offers: Pick<OfferMonth, 'availability' | 'activeDay' | 'nextMonth' | 'setMonth'>;
  /** Rows of stand-in time buttons while the month loads. */
  skeletonRows: number;
}

/**
 * What goes under an OfferCalendar: the chosen day's free times (and sessions), or else why there are
 * none yet: the month is loading, failed to load, or has nothing free (with a way on to the next month).
 */
export function OfferDayPanel({ offers, skeletonRows, ...dayProps }: OfferDayPanelProps) {
  const { availability, activeDay, nextMonth, setMonth } = offers;
  if (availability.isError) {
    return <ErrorState title="Couldn't load free times" message={availability.error.message} onRetry={() => void availability.refetch()} />;
  }
  if (availability.isPending) return <FreeTimesSkeleton rows={skeletonRows} />;
  if (!activeDay) {
    return (
      <Stack gap="xs" align="center" ta="center" py="sm">
        <Text fw={600}>No free times in this month — try next month</Text>
        {nextMonth ? (
          <Button variant="light" onClick={() => setMonth(nextMonth)}>
            Show {monthName(nextMonth)}
          </Button>
        ) : null}
      </Stack>
    );
  }
  return <BookingDay day={activeDay} {...dayProps} />;
}
