import { Paper, SimpleGrid, Skeleton, Text } from '@mantine/core';
import { formatPaise } from '@/lib/money';
import type { FinanceFigures as Figures } from '../types';

interface Figure {
  key: keyof Figures;
  label: string;
  hint: string;
  testId: string;
}

const figures: Figure[] = [
  { key: 'bookings', label: 'Bookings', hint: 'Paid in the period', testId: 'total-bookings' },
  { key: 'grossPaise', label: 'Gross volume', hint: 'What students paid', testId: 'total-gross' },
  { key: 'platformRevenuePaise', label: 'Platform revenue', hint: 'Commission earned for good', testId: 'total-revenue' },
  { key: 'gatewayFeesPaise', label: 'Gateway fees', hint: 'Borne by the mentors’ shares', testId: 'total-fees' },
  { key: 'refundsPaise', label: 'Refunds', hint: 'Sent back through the gateway', testId: 'total-refunds' },
  { key: 'payoutsPaise', label: 'Payouts', hint: 'Paid out to mentors’ banks', testId: 'total-payouts' },
];

/** The period's totals, as the ledger moved them; payouts say what the banks sent back, if anything. */
export function FinanceFigures({ totals }: { totals: Figures }) {
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="sm" component="dl" m={0} aria-label="Totals for the period">
      {figures.map((figure) => (
        <Paper key={figure.key} withBorder radius="md" p="md">
          <Text component="dt" size="xs" tt="uppercase" fw={700} c="dimmed">
            {figure.label}
          </Text>
          <dd style={{ margin: 0 }}>
            <Text fw={700} fz={20} data-testid={figure.testId} style={{ fontVariantNumeric: 'tabular-nums' }}>
              {figure.key === 'bookings' ? totals.bookings.toLocaleString('en-IN') : formatPaise(totals[figure.key])}
            </Text>
            <Text size="xs" c="dimmed">
              {figure.key === 'payoutsPaise' && totals.payoutReversalsPaise > 0 ? `${formatPaise(totals.payoutReversalsPaise)} returned by banks` : figure.hint}
            </Text>
          </dd>
        </Paper>
      ))}
    </SimpleGrid>
  );
}

export function FinanceFiguresSkeleton() {
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="sm" role="status" aria-label="Loading the totals">
      {figures.map((figure) => (
        <Skeleton key={figure.key} height={92} radius="md" />
      ))}
    </SimpleGrid>
  );
}
