import { Avatar, Badge, Divider, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { assetUrl } from '@/lib/api-client';
import { formatPaise } from '@/lib/money';
import { formatZonedDate, zonedHhmm, zoneLabel } from '@/lib/time-zone-clock';
import type { CheckoutItem } from '../types';

const seatsText = (seats: number) => (seats === 1 ? '1 seat left' : `${seats} seats left`);

/** What is being bought, on the viewer's clock, and its price: a student sees the price alone, fees included. */
export function CheckoutSummary({ item, timeZone }: { item: CheckoutItem; timeZone: string }) {
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="checkout-summary-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="checkout-summary-title">
          Your session
        </Title>
        <Group gap="sm" wrap="nowrap">
          <Avatar src={assetUrl(item.mentor.avatarUrl)} name={item.mentor.name} color="initials" radius="xl" size={44} alt="" />
          <Stack gap={0} style={{ minWidth: 0 }}>
            <Text fw={600} data-testid="checkout-mentor">
              {item.mentor.name}
            </Text>
            {item.mentor.headline ? (
              <Text size="sm" c="dimmed" lineClamp={2}>
                {item.mentor.headline}
              </Text>
            ) : null}
          </Stack>
        </Group>
        {item.slot ? (
          <Group gap="xs" wrap="nowrap" align="flex-start">
            <Badge variant="light" color={item.slot.group ? 'grape' : 'blue'} tt="none" style={{ flexShrink: 0 }}>
              {item.slot.group ? 'Group' : '1-to-1'}
            </Badge>
            <Text fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
              {item.slot.title}
            </Text>
          </Group>
        ) : (
          <Badge variant="light" color="blue" tt="none">
            1-to-1
          </Badge>
        )}
        <div>
          <Text data-testid="checkout-date">{formatZonedDate(item.startsAt, timeZone)}</Text>
          <Text fw={700} size="lg" data-testid="checkout-time">
            {zonedHhmm(item.startsAt, timeZone)}–{zonedHhmm(item.endsAt, timeZone)}
          </Text>
          <Text size="sm" c="dimmed">
            Your time, {zoneLabel(timeZone)} · {item.durationMinutes} minutes
            {item.slot?.group ? ` · ${seatsText(item.slot.seatsLeft)}` : ''}
          </Text>
        </div>
        <Divider />
        <Group justify="space-between" align="flex-end">
          <Stack gap={0}>
            <Text fw={600}>Price</Text>
            <Text size="xs" c="dimmed">
              Includes all fees
            </Text>
          </Stack>
          <Text fw={800} size="xl" data-testid="checkout-price">
            {formatPaise(item.pricePaise)}
          </Text>
        </Group>
      </Stack>
    </Paper>
  );
}
