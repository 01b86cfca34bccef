import { Alert, Badge, Code, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { formatPaise } from '@/lib/money';
import { formatZonedDate, zonedHhmm } from '@/lib/time-zone-clock';
import type { Mismatch, ReconciliationRun } from '../types';
import { mismatchKindColors, mismatchKindLabels, subjectLabels } from '../utils/labels';
import { dayRangeOf, formatDayRange } from '../utils/period';

const nowrap = { whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' } as const;

/** Our side: the record's state and amount, and what the ledger moved for it. */
function OurSide({ mismatch }: { mismatch: Mismatch }) {
  const ours = mismatch.ours;
  if (!ours) return <Text size="sm" c="dimmed">Nothing: no record, no transfer</Text>;
  return (
    <Stack gap={2}>
      <Text size="sm" style={nowrap}>
        {ours.recordId ? `Record: ${ours.status ?? '—'} · ${ours.amountPaise === null ? '—' : formatPaise(ours.amountPaise)}` : 'No record'}
      </Text>
      <Text size="sm" style={nowrap} c={ours.ledgerPaise === null ? 'dimmed' : undefined}>
        {ours.ledgerPaise === null ? 'No ledger transfer' : `Ledger: ${formatPaise(ours.ledgerPaise)}`}
        {ours.ledgerReturnedPaise !== null ? `, ${formatPaise(ours.ledgerReturnedPaise)} returned` : ''}
      </Text>
    </Stack>
  );
}

function GatewaySide({ mismatch }: { mismatch: Mismatch }) {
  if (!mismatch.gateway) return <Text size="sm" c="dimmed">Not found at the gateway</Text>;
  return (
    <Text size="sm" style={nowrap}>
      {mismatch.gateway.status} · {formatPaise(mismatch.gateway.amountPaise)}
    </Text>
  );
}

/** Every mismatch with both sides: what we hold (record and ledger) and what the gateway says. */
export function MismatchTable({ mismatches }: { mismatches: Mismatch[] }) {
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table verticalSpacing="sm" striped aria-label="Mismatches">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Problem</Table.Th>
            <Table.Th scope="col">Item</Table.Th>
            <Table.Th scope="col">Ours</Table.Th>
            <Table.Th scope="col">Gateway</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {mismatches.map((m) => (
            <Table.Tr key={`${m.subject}:${m.id}:${m.kind}`} data-testid="mismatch-row">
              <Table.Td>
                <Badge color={mismatchKindColors[m.kind]} variant="light" tt="none">
                  {mismatchKindLabels[m.kind]}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{subjectLabels[m.subject]}</Text>
                <Code>{m.id}</Code>
              </Table.Td>
              <Table.Td>
                <OurSide mismatch={m} />
              </Table.Td>
              <Table.Td>
                <GatewaySide mismatch={m} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** "Nightly" or the admin who ran it. */
export const runBy = (run: Pick<ReconciliationRun, 'trigger' | 'actor'>) => (run.trigger === 'nightly' ? 'Nightly' : `By ${run.actor?.name ?? 'an admin'}`);

/** A kept run: its period, when and by whom, what it compared, and what it found. */
export function RunResult({ run, timeZone }: { run: ReconciliationRun; timeZone: string }) {
  const checked = [
    { label: 'Payments', value: run.checked.payments, testId: 'checked-payments' },
    { label: 'Refunds', value: run.checked.refunds, testId: 'checked-refunds' },
    { label: 'Payouts', value: run.checked.payouts, testId: 'checked-payouts' },
  ];
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="run-heading">
      <Stack gap="md">
        <div>
          <Title order={2} size="h4" id="run-heading">
            {formatDayRange(dayRangeOf(run))}
          </Title>
          <Text size="sm" c="dimmed" data-testid="run-when">
            {runBy(run)} · {formatZonedDate(run.ranAt, timeZone, 'medium')} at {zonedHhmm(run.ranAt, timeZone)}
          </Text>
        </div>
        <SimpleGrid cols={3} spacing="sm" component="dl" m={0} aria-label="Compared" maw={480}>
          {checked.map((c) => (
            <div key={c.label}>
              <Text component="dt" size="xs" tt="uppercase" fw={700} c="dimmed">
                {c.label}
              </Text>
              <Text component="dd" m={0} fw={700} fz={20} data-testid={c.testId}>
                {c.value.toLocaleString('en-IN')}
              </Text>
            </div>
          ))}
        </SimpleGrid>
        {run.mismatches.length === 0 ? (
          <Alert color="teal" variant="light" title="No mismatches">
            Our records, our ledger and the gateway agree on every payment, refund and payout of these days.
          </Alert>
        ) : (
          <Stack gap="xs">
            <Group gap="xs">
              <Title order={3} size="h5">
                Mismatches
              </Title>
              <Badge color="red" variant="filled" data-testid="mismatch-count">
                {run.mismatches.length}
              </Badge>
            </Group>
            <MismatchTable mismatches={run.mismatches} />
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
