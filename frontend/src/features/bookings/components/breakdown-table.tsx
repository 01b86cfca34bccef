import { Group, Stack, Text } from '@mantine/core';
import { formatPaise } from '@/lib/money';
import type { Breakdown } from '../types';

/** The mentor's view of a price: what the platform and the gateway take, and what is theirs. */
export function BreakdownTable({ breakdown, compact = false }: { breakdown: Breakdown; compact?: boolean }) {
  const size = compact ? 'xs' : 'sm';
  const rows = [
    { label: 'Price', value: formatPaise(breakdown.pricePaise) },
    { label: 'Commission', value: `− ${formatPaise(breakdown.commissionPaise)}` },
    { label: 'Gateway fee', value: `− ${formatPaise(breakdown.gatewayFeePaise)}` },
  ];
  return (
    <Stack gap={2} component="dl" m={0} aria-label="Price breakdown">
      {rows.map((row) => (
        <Group key={row.label} justify="space-between" gap="xs" wrap="nowrap">
          <Text component="dt" size={size} c="dimmed">
            {row.label}
          </Text>
          <Text component="dd" size={size} m={0}>
            {row.value}
          </Text>
        </Group>
      ))}
      <Group justify="space-between" gap="xs" wrap="nowrap" pt={2} style={{ borderTop: '1px solid var(--mantine-color-dark-4)' }}>
        <Text component="dt" size={size} fw={600}>
          Your share
        </Text>
        <Text component="dd" size={size} fw={700} m={0} data-testid="mentor-share">
          {formatPaise(breakdown.mentorSharePaise)}
        </Text>
      </Group>
    </Stack>
  );
}
