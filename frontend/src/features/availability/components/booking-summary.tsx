import { Button, Paper, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router-dom';
import { formatPaise } from '@/lib/money';
import { formatCalendarDate, zonedHhmm, zonedParts, zoneLabel } from '@/lib/time-zone-clock';

export interface BookingChoice {
  startsAt: string;
  endsAt: string;
  durationMinutes: number;
  pricePaise: number;
  /** A slot's title and seats; absent for a regular 1-to-1 time. */
  slot?: { title: string; seatsLeft: number; group: boolean } | undefined;
}

interface BookingSummaryProps {
  choice: BookingChoice;
  viewerTimeZone: string;
  mentorTimeZone: string;
  /** The checkout page for this choice. */
  checkoutHref: string;
}

const seatsText = (seats: number) => (seats === 1 ? '1 seat left' : `${seats} seats left`);

/** What the student picked, on their clock and the mentor's, and the way on to checkout. */
export function BookingSummary({ choice, viewerTimeZone, mentorTimeZone, checkoutHref }: BookingSummaryProps) {
  const viewerDate = zonedParts(choice.startsAt, viewerTimeZone).date;
  const mentorDate = zonedParts(choice.startsAt, mentorTimeZone).date;
  const range = (zone: string) => `${zonedHhmm(choice.startsAt, zone)}–${zonedHhmm(choice.endsAt, zone)}`;
  const sameZone = zonedHhmm(choice.startsAt, viewerTimeZone) === zonedHhmm(choice.startsAt, mentorTimeZone) && viewerDate === mentorDate;

  return (
    <Paper withBorder radius="md" p="md" bg="var(--mantine-color-dark-6)" component="section" aria-labelledby="booking-summary-title">
      <Stack gap={6}>
        <Title order={3} size="h5" id="booking-summary-title">
          Your selection
        </Title>
        {choice.slot ? (
          <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
            {choice.slot.title}
          </Text>
        ) : null}
        <Text data-testid="summary-date">{formatCalendarDate(viewerDate)}</Text>
        <div>
          <Text fw={700} size="lg" data-testid="summary-time">
            {range(viewerTimeZone)}
          </Text>
          <Text size="sm" c="dimmed">
            Your time, {zoneLabel(viewerTimeZone)}
          </Text>
        </div>
        {sameZone ? null : (
          <Text size="sm" data-testid="summary-mentor-time">
            {range(mentorTimeZone)}
            {mentorDate === viewerDate ? '' : ` on ${formatCalendarDate(mentorDate, 'short')}`} for the mentor ({zoneLabel(mentorTimeZone)})
          </Text>
        )}
        <Text size="sm" c="dimmed">
          {choice.durationMinutes} minutes
          {choice.slot ? ` · ${choice.slot.group ? 'group session' : '1-to-1'} · ${seatsText(choice.slot.seatsLeft)}` : ' · 1-to-1'}
        </Text>
        <Text fw={700} size="xl" data-testid="summary-price">
          {formatPaise(choice.pricePaise)}
        </Text>
        <Button component={Link} to={checkoutHref} fullWidth aria-describedby="checkout-note" mt={4}>
          Continue to checkout
        </Button>
        <Text size="sm" c="dimmed" ta="center" id="checkout-note">
          We hold the time for 15 minutes while you pay
        </Text>
      </Stack>
    </Paper>
  );
}
