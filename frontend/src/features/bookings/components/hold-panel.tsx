import { Alert, Button, Paper, Stack, Text, Title } from '@mantine/core';
import { formatCountdown, useSecondsLeft } from '@/hooks/use-countdown';
import { formatPaise } from '@/lib/money';
import { zonedHhmm } from '@/lib/time-zone-clock';
import type { Booking } from '../types';

interface HoldPanelProps {
  booking: Booking;
  timeZone: string;
  onPay: () => void;
  /** Without it, releasing is left to the page's own cancel action. */
  onRelease?: () => void;
  /** "Pay ₹2,500" unless told otherwise. */
  payLabel?: string;
  paying?: boolean;
  releasing?: boolean;
  /** Why the last release or payment attempt failed, if it did. */
  error?: string | null;
}

/** A booking waiting for payment: how long its time stays held, and the ways on (pay, or let the time go). */
export function HoldPanel({ booking, timeZone, onPay, onRelease, payLabel, paying = false, releasing = false, error = null }: HoldPanelProps) {
  const secondsLeft = useSecondsLeft(booking.holdExpiresAt);
  if (secondsLeft === 0) {
    return (
      <Alert color="gray" variant="light" title="Your hold has expired">
        The time was held for 15 minutes and has been released. Pick another time to book.
      </Alert>
    );
  }
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="hold-panel-title" style={{ borderColor: 'var(--mantine-color-yellow-7)' }}>
      <Stack gap="sm">
        <Title order={2} size="h5" id="hold-panel-title">
          Waiting for payment
        </Title>
        <Text size="sm">
          Booking{' '}
          <Text span ff="monospace" fw={600}>
            {booking.code}
          </Text>{' '}
          is not paid yet.
          {secondsLeft !== null && booking.holdExpiresAt ? (
            <>
              {' '}
              We hold the time for another{' '}
              <Text span fw={700} data-testid="hold-countdown">
                {formatCountdown(secondsLeft)}
              </Text>{' '}
              (until {zonedHhmm(booking.holdExpiresAt, timeZone)}).
            </>
          ) : null}
        </Text>
        {error ? (
          <Text size="sm" c="red.4" role="alert">
            {error}
          </Text>
        ) : null}
        <Button onClick={onPay} loading={paying} disabled={releasing}>
          {payLabel ?? `Pay ${formatPaise(booking.pricePaise)}`}
        </Button>
        {onRelease ? (
          <Button variant="default" onClick={onRelease} loading={releasing} disabled={paying}>
            Release the time
          </Button>
        ) : null}
      </Stack>
    </Paper>
  );
}
