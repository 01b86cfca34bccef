import { Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { formatPaise } from '@/lib/money';

interface BookingCardProps {
  price30Paise: number;
  price60Paise: number;
  acceptingBookings: boolean;
}

/** Prices and the way to book. Booking itself arrives with availability; until then the button waits. */
export function BookingCard({ price30Paise, price60Paise, acceptingBookings }: BookingCardProps) {
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="booking-card-title">
      <Stack gap="md">
        <Title order={2} size="h4" id="booking-card-title">
          Book a session
        </Title>
        <Stack gap="xs">
          <Group justify="space-between">
            <Text size="sm">30 minutes</Text>
            <Text fw={700} size="lg" data-testid="price-30">
              {formatPaise(price30Paise)}
            </Text>
          </Group>
          <Group justify="space-between">
            <Text size="sm">60 minutes</Text>
            <Text fw={700} size="lg" data-testid="price-60">
              {formatPaise(price60Paise)}
            </Text>
          </Group>
        </Stack>
        {acceptingBookings ? null : (
          <Badge color="gray" variant="outline" tt="none" size="lg" fullWidth>
            Not accepting bookings right now
          </Badge>
        )}
        <Button disabled fullWidth aria-describedby="booking-card-note">
          Book a session
        </Button>
        <Text size="sm" c="dimmed" ta="center" id="booking-card-note">
          Booking opens soon
        </Text>
      </Stack>
    </Card>
  );
}
