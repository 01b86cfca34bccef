import { Table, Text } from '@mantine/core';
import { formatPaise } from '@/lib/money';
import { formatCalendarDate } from '@/lib/time-zone-clock';
import type { FinanceFigures, FinanceWeek } from '../types';

const money = { style: { whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' } } as const;

function Figures({ row }: { row: FinanceFigures }) {
  return (
    <>
      <Table.Td ta="right" {...money}>
        {row.bookings.toLocaleString('en-IN')}
      </Table.Td>
      <Table.Td ta="right" {...money}>
        {formatPaise(row.grossPaise)}
      </Table.Td>
      <Table.Td ta="right" {...money}>
        {formatPaise(row.platformRevenuePaise)}
      </Table.Td>
      <Table.Td ta="right" {...money}>
        {formatPaise(row.gatewayFeesPaise)}
      </Table.Td>
      <Table.Td ta="right" {...money}>
        {formatPaise(row.refundsPaise)}
      </Table.Td>
      <Table.Td ta="right" {...money}>
        {formatPaise(row.payoutsPaise)}
        {row.payoutReversalsPaise > 0 ? (
          <Text size="xs" c="dimmed">
            {formatPaise(row.payoutReversalsPaise)} returned
          </Text>
        ) : null}
      </Table.Td>
    </>
  );
}

/** Every week's figures, the same the chart draws, with the period's totals at the foot. */
export function WeeklyTable({ weeks, totals, busy }: { weeks: FinanceWeek[]; totals: FinanceFigures; busy: boolean }) {
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing="xs" striped highlightOnHover aria-busy={busy} data-testid="weekly-table">
        <Table.Caption>Weeks start on Monday, in India.</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Week of</Table.Th>
            <Table.Th scope="col" ta="right">
              Bookings
            </Table.Th>
            <Table.Th scope="col" ta="right">
              Gross
            </Table.Th>
            <Table.Th scope="col" ta="right">
              Revenue
            </Table.Th>
            <Table.Th scope="col" ta="right">
              Gateway fees
            </Table.Th>
            <Table.Th scope="col" ta="right">
              Refunds
            </Table.Th>
            <Table.Th scope="col" ta="right">
              Payouts
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {weeks.map((week) => (
            <Table.Tr key={week.weekStart} data-testid="week-row">
              <Table.Th scope="row" fw={500} style={{ whiteSpace: 'nowrap' }}>
                {formatCalendarDate(week.weekStart, 'medium')}
              </Table.Th>
              <Figures row={week} />
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr data-testid="totals-row">
            <Table.Th scope="row">Total</Table.Th>
            <Figures row={totals} />
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </Table.ScrollContainer>
  );
}
