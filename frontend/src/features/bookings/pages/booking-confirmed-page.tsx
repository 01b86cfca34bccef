import { Button, Container, Group, Paper, SimpleGrid, Skeleton, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { Link } from 'react-router-dom';
import { ErrorState } from '@/components/error-state';
import { paths } from '@/config/paths';
import { formatPaise } from '@/lib/money';
import { formatZonedRange, zoneLabel } from '@/lib/time-zone-clock';
import { useBooking } from '../api/get-booking';
import { AddToCalendarButton } from '../components/add-to-calendar-button';
import { BookingStatusBadge } from '../components/booking-status-badge';
import { Fact } from '../components/fact';
import { amountPaise, kindText } from '../utils/labels';

export interface BookingConfirmedPageProps {
  id: string;
  timeZone: string;
}

const confirmedStatuses = new Set(['confirmed', 'in_progress', 'completed']);

/** Right after paying: the booking's code, the session on the viewer's clock, what was paid, and an invite to save. */
export function BookingConfirmedPage({ id, timeZone }: BookingConfirmedPageProps) {
  const booking = useBooking(id);

  if (booking.isPending) {
    return (
      <Container size="sm" px={0}>
        <Stack gap="md" role="status" aria-label="Loading your booking">
          <Skeleton height={40} width="70%" />
          <Skeleton height={220} radius="md" />
        </Stack>
      </Container>
    );
  }
  if (booking.isError) {
    return <ErrorState title="Couldn't load your booking" message={booking.error.message} onRetry={() => void booking.refetch()} />;
  }

  const data = booking.data;
  const confirmed = confirmedStatuses.has(data.status);
  return (
    <Container size="sm" px={0}>
      <Stack gap="lg">
        <Stack gap="xs" align="center" ta="center">
          <ThemeIcon size={56} radius="xl" color={confirmed ? 'teal' : 'yellow'} variant="light" aria-hidden>
            <Text fw={800} size="xl">
              {confirmed ? '✓' : '…'}
            </Text>
          </ThemeIcon>
          <Title order={1} size="h2">
            {confirmed ? 'Your session is booked' : 'Your booking isn’t confirmed yet'}
          </Title>
          <Text c="dimmed">
            {confirmed
              ? `We’ve emailed you and ${data.viewerRole === 'student' ? data.mentor.name : data.student.name} a calendar invite.`
              : 'See the booking for what is still needed.'}
          </Text>
        </Stack>
        <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-label="Booking summary">
          <Stack gap="md">
            <Group justify="space-between" gap="xs">
              <Text ff="monospace" fw={700} size="lg" data-testid="booking-code">
                {data.code}
              </Text>
              <BookingStatusBadge status={data.status} />
            </Group>
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
              <Fact strong label="Mentor">{data.mentor.name}</Fact>
              <Fact strong label="Session">{kindText(data)}</Fact>
              <Fact strong label="When" testId="booking-time">
                {formatZonedRange(data.startsAt, data.endsAt, timeZone)}
              </Fact>
              <Fact strong label="Duration">{data.durationMinutes} minutes</Fact>
              <Fact strong label={confirmed ? 'Amount paid' : 'Price'} testId="booking-amount">
                {formatPaise(amountPaise(data))}
              </Fact>
              <Fact strong label="Time zone">{zoneLabel(timeZone)}</Fact>
            </SimpleGrid>
          </Stack>
        </Paper>
        <Group gap="sm" grow preventGrowOverflow={false} wrap="wrap">
          {confirmed ? <AddToCalendarButton booking={data} miw={160} /> : null}
          <Button component={Link} to={paths.app.booking.getHref(data.id)} variant="default" miw={160}>
            View booking
          </Button>
          <Button component={Link} to={paths.app.bookings.getHref()} miw={160}>
            My bookings
          </Button>
        </Group>
      </Stack>
    </Container>
  );
}
