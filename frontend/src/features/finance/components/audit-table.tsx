import { Anchor, Badge, Code, Stack, Table, Text } from '@mantine/core';
import { formatPaise } from '@/lib/money';
import { formatZonedDate, zonedHhmm } from '@/lib/time-zone-clock';
import type { AuditEntry } from '../types';
import { actionFacts, moneyMovement } from '../utils/audit-details';
import { actionLabel } from '../utils/labels';

const nowrap = { whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' } as const;

/** The money an entry is about: a movement's amount, or the amount or refund an admin decided. */
export function amountOf(entry: AuditEntry): number | null {
  for (const key of ['amountPaise', 'refundPaise']) {
    const value = entry.data[key];
    if (typeof value === 'number' && Number.isInteger(value)) return value;
  }
  return null;
}

/** What else the entry says: which way a movement's money went, or an admin action's own facts. */
function Details({ entry, timeZone }: { entry: AuditEntry; timeZone: string }) {
  if (entry.kind === 'money') {
    const ref = typeof entry.data.externalRef === 'string' ? entry.data.externalRef : null;
    const movement = moneyMovement(entry);
    return (
      <Stack gap={0}>
        <Text size="sm" data-testid="audit-movement">
          {movement.from} → {movement.to}
        </Text>
        {movement.note ? (
          <Text size="xs" c="dimmed">
            {movement.note}
          </Text>
        ) : null}
        {ref ? (
          <Text size="xs" c="dimmed">
            Gateway {ref}
          </Text>
        ) : null}
      </Stack>
    );
  }
  const facts = actionFacts(entry, timeZone);
  if (facts.length === 0) return null;
  return (
    <Text size="xs" c="dimmed" lineClamp={3} data-testid="audit-facts">
      {facts.map((fact) => `${fact.label}: ${fact.value}`).join(' · ')}
    </Text>
  );
}

interface AuditTableProps {
  entries: AuditEntry[];
  timeZone: string;
  /** Shows only what this person did. */
  onActor: (actor: { id: string; name: string }) => void;
  busy: boolean;
}

/** The trail, newest first: when, who (the ledger for money), what, about what, how much, and the rest. */
export function AuditTable({ entries, timeZone, onActor, busy }: AuditTableProps) {
  return (
    <Table.ScrollContainer minWidth={820}>
      <Table verticalSpacing="xs" highlightOnHover aria-label="Audit log" aria-busy={busy}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">When</Table.Th>
            <Table.Th scope="col">Who</Table.Th>
            <Table.Th scope="col">What</Table.Th>
            <Table.Th scope="col">About</Table.Th>
            <Table.Th scope="col" ta="right">
              Amount
            </Table.Th>
            <Table.Th scope="col">Details</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((entry) => {
            const amount = amountOf(entry);
            return (
              <Table.Tr key={`${entry.kind}:${entry.id}`} data-testid="audit-row">
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Text size="sm">{formatZonedDate(entry.at, timeZone, 'medium')}</Text>
                  <Text size="xs" c="dimmed">
                    {zonedHhmm(entry.at, timeZone)}
                  </Text>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {entry.actor ? (
                    <Anchor component="button" type="button" size="sm" onClick={() => onActor(entry.actor!)} title={`Only what ${entry.actor.name} did`}>
                      {entry.actor.name}
                    </Anchor>
                  ) : (
                    <Badge variant="light" color="gray" tt="none">
                      {entry.kind === 'money' ? 'Ledger' : 'System'}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm" data-testid="audit-what">
                    {actionLabel(entry.action)}
                  </Text>
                  <Code fz="xs">{entry.action}</Code>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{entry.subjectType.replaceAll('_', ' ')}</Text>
                  <Code fz="xs" title={entry.subjectId}>
                    {entry.subjectId.length > 13 ? `${entry.subjectId.slice(0, 8)}…` : entry.subjectId}
                  </Code>
                </Table.Td>
                <Table.Td ta="right" style={nowrap} data-testid="audit-amount">
                  {amount === null ? '' : formatPaise(amount)}
                </Table.Td>
                <Table.Td>
                  <Details entry={entry} timeZone={timeZone} />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
