import { Badge, Button, Table, Text, VisuallyHidden } from '@mantine/core';
import { formatZonedDate, zonedHhmm } from '@/lib/time-zone-clock';
import type { ReconciliationRunSummary } from '../types';
import { dayRangeOf, formatDayRange } from '../utils/period';
import { runBy } from './run-result';

const count = (n: number, noun: string) => `${n.toLocaleString('en-IN')} ${n === 1 ? noun : `${noun}s`}`;

interface RunsTableProps {
  runs: ReconciliationRunSummary[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  timeZone: string;
  busy: boolean;
}

/** The runs kept, newest first: when, which days, by whom, what was compared and how many mismatches. */
export function RunsTable({ runs, selectedId, onSelect, timeZone, busy }: RunsTableProps) {
  return (
    <Table.ScrollContainer minWidth={880}>
      <Table verticalSpacing="xs" highlightOnHover aria-label="Recent runs" aria-busy={busy}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Ran</Table.Th>
            <Table.Th scope="col">Days</Table.Th>
            <Table.Th scope="col">By</Table.Th>
            <Table.Th scope="col">Compared</Table.Th>
            <Table.Th scope="col">Result</Table.Th>
            <Table.Th scope="col">
              <VisuallyHidden>Open</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {runs.map((run) => {
            const days = formatDayRange(dayRangeOf(run));
            const selected = run.id === selectedId;
            return (
              <Table.Tr key={run.id} data-testid="run-row" aria-current={selected ? 'true' : undefined} bg={selected ? 'var(--mantine-primary-color-light)' : undefined}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Text size="sm">{formatZonedDate(run.ranAt, timeZone, 'medium')}</Text>
                  <Text size="xs" c="dimmed">
                    {zonedHhmm(run.ranAt, timeZone)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{days}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{runBy(run)}</Text>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Text size="sm">
                    {count(run.checked.payments, 'payment')} · {count(run.checked.refunds, 'refund')} · {count(run.checked.payouts, 'payout')}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {run.mismatchCount === 0 ? (
                    <Badge color="teal" variant="light" tt="none">
                      No mismatches
                    </Badge>
                  ) : (
                    <Badge color="red" variant="light" tt="none">
                      {run.mismatchCount === 1 ? '1 mismatch' : `${run.mismatchCount} mismatches`}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  <Button size="compact-sm" variant={selected ? 'light' : 'subtle'} onClick={() => onSelect(run.id)} aria-label={`Show the run of ${days}, ${formatZonedDate(run.ranAt, timeZone, 'medium')} ${zonedHhmm(run.ranAt, timeZone)}`} aria-pressed={selected}>
                    {selected ? 'Shown' : 'Show'}
                  </Button>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
