import { Anchor, Badge, Button, Group, Select, SimpleGrid, Stack, Table, Text, TextInput, Title, type BadgeProps } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Link, useSearchParams } from 'react-router-dom';
import { EmptyState } from '@/components/empty-state';
import { ListPagination } from '@/components/list-pagination';
import { ListSkeleton } from '@/components/list-skeleton';
import { LoadErrorAlert } from '@/components/load-error-alert';
import { paths } from '@/config/paths';
import { ApiError } from '@/lib/api-client';
import { formatPaise } from '@/lib/money';
import { formatZonedDate, zonedHhmm } from '@/lib/time-zone-clock';
import { useDownloadStatement } from '../api/download-statement';
import { useTransactions, type TransactionFilters } from '../api/get-transactions';
import { transactionTypes, type Transaction, type TransactionType } from '../types';
import { signedPaise, transactionStatusColors, transactionStatusLabels, transactionTypeFilterLabels } from '../utils/labels';

export const TRANSACTIONS_PAGE_SIZE = 20;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const typeIn = (value: string | null): TransactionType | null => ((transactionTypes as readonly string[]).includes(value ?? '') ? (value as TransactionType) : null);
const dateIn = (value: string | null): string | null => (value && DATE.test(value) ? value : null);

/** The statement's filters and page as the URL has them (`?type=…&from=…&to=…&page=…`); anything unknown is left out. */
function useStatementLocation() {
  const [searchParams, setSearchParams] = useSearchParams();
  const filters: TransactionFilters = { type: typeIn(searchParams.get('type')), from: dateIn(searchParams.get('from')), to: dateIn(searchParams.get('to')) };
  const pageParam = Number(searchParams.get('page'));
  const page = Number.isInteger(pageParam) && pageParam > 0 ? pageParam : 1;
  /** New filters start on the first page. */
  function show(next: Partial<TransactionFilters> & { page?: number }) {
    const merged = { ...filters, ...next };
    const params = new URLSearchParams();
    if (merged.type) params.set('type', merged.type);
    if (merged.from) params.set('from', merged.from);
    if (merged.to) params.set('to', merged.to);
    if (next.page && next.page > 1) params.set('page', String(next.page));
    setSearchParams(params, { replace: true });
  }
  return { filters, page, show };
}

const typeOptions = [{ value: '', label: 'All types' }, ...transactionTypes.map((type) => ({ value: type, label: transactionTypeFilterLabels[type] }))];

function SplitText({ line }: { line: Transaction }) {
  if (!line.split) return null;
  return (
    <Text size="xs" c="dimmed">
      {formatPaise(line.split.grossPaise)} paid · {formatPaise(line.split.commissionPaise)} commission · {formatPaise(line.split.gatewayFeePaise)} gateway fee
    </Text>
  );
}

function StatusBadge({ line, ...props }: { line: Transaction } & BadgeProps) {
  return (
    <Badge color={transactionStatusColors[line.status]} variant="light" tt="none" {...props}>
      {transactionStatusLabels[line.status]}
    </Badge>
  );
}

/** On a phone the date and the status go under the description, so the amount stays on screen beside it. */
function TransactionRow({ line, timeZone }: { line: Transaction; timeZone: string }) {
  return (
    <Table.Tr data-testid="transaction-row">
      <Table.Td style={{ whiteSpace: 'nowrap' }} visibleFrom="sm">
        <Text size="sm">{formatZonedDate(line.at, timeZone, 'medium')}</Text>
        <Text size="xs" c="dimmed">
          {zonedHhmm(line.at, timeZone)}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{line.description}</Text>
        <SplitText line={line} />
        <Group gap={6} mt={2} hiddenFrom="sm">
          <Text size="xs" c="dimmed">
            {formatZonedDate(line.at, timeZone, 'medium')}, {zonedHhmm(line.at, timeZone)}
          </Text>
          <StatusBadge line={line} size="xs" />
        </Group>
        {line.bookingId ? (
          <Anchor component={Link} to={paths.app.booking.getHref(line.bookingId)} size="xs">
            View session
          </Anchor>
        ) : null}
      </Table.Td>
      <Table.Td visibleFrom="sm">
        <StatusBadge line={line} />
      </Table.Td>
      <Table.Td ta="right" style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
        <Text size="sm" fw={600} c={line.amountPaise > 0 ? 'teal' : undefined} td={line.status === 'refunded' || line.status === 'returned' ? 'line-through' : undefined}>
          {signedPaise(line.amountPaise)}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}

/**
 * The wallet's statement: every movement of its money, newest first, filtered by type and dates (whole days in India),
 * a page at a time, and downloadable as CSV with the same filters. A filter the server refuses is shown on its field.
 */
export function TransactionsSection({ timeZone }: { timeZone: string }) {
  const { filters, page, show } = useStatementLocation();
  const list = useTransactions({ ...filters, page, limit: TRANSACTIONS_PAGE_SIZE });
  const download = useDownloadStatement();
  const problem = list.error instanceof ApiError && list.error.status === 422 ? list.error : null;
  const fieldError = (field: 'type' | 'from' | 'to') => problem?.errors.find((e) => e.path === field)?.message;
  const filtered = Boolean(filters.type || filters.from || filters.to);

  return (
    <Stack gap="sm" component="section" aria-labelledby="transactions-heading">
      <Group justify="space-between" gap="sm" wrap="wrap">
        <Title order={2} size="h4" id="transactions-heading">
          Transactions
        </Title>
        <Button
          variant="light"
          loading={download.isPending}
          onClick={() =>
            download.mutate(filters, {
              onError: (error) => notifications.show({ color: 'red', title: 'Couldn’t download the statement', message: error.message }),
            })
          }
        >
          Download CSV
        </Button>
      </Group>
      <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm" role="search" aria-label="Filter transactions">
        <Select
          label="Type"
          data={typeOptions}
          value={filters.type ?? ''}
          allowDeselect={false}
          onChange={(value) => show({ type: typeIn(value) })}
          error={fieldError('type')}
        />
        <TextInput
          type="date"
          label="From"
          description="Dates are days in India"
          value={filters.from ?? ''}
          max={filters.to ?? undefined}
          onChange={(event) => show({ from: dateIn(event.currentTarget.value) })}
          error={fieldError('from')}
        />
        <TextInput
          type="date"
          label="To"
          description="Included"
          value={filters.to ?? ''}
          min={filters.from ?? undefined}
          onChange={(event) => show({ to: dateIn(event.currentTarget.value) })}
          error={fieldError('to')}
        />
      </SimpleGrid>
      {filtered ? (
        <Group justify="flex-end">
          <Anchor component="button" type="button" size="sm" onClick={() => show({ type: null, from: null, to: null })}>
            Clear filters
          </Anchor>
        </Group>
      ) : null}
      {list.isPending ? (
        <ListSkeleton label="Loading transactions" height={48} count={4} gap="xs" />
      ) : list.isError ? (
        problem ? (
          <Text size="sm" c="red" role="alert">
            Check the filters above: {problem.errors.map((e) => e.message).join(' ') || problem.detail}
          </Text>
        ) : (
          <LoadErrorAlert title="Couldn’t load your transactions" message={list.error.message} onRetry={() => void list.refetch()} />
        )
      ) : list.data.items.length === 0 ? (
        <EmptyState
          title={filtered ? 'No transactions match' : 'No transactions yet'}
          description={filtered ? 'Try another type or other dates.' : 'Earnings from your paid sessions and your withdrawals appear here.'}
        />
      ) : (
        <>
          <Table.ScrollContainer minWidth={320}>
            <Table verticalSpacing="xs" highlightOnHover aria-label="Transactions" aria-busy={list.isFetching} style={{ opacity: list.isPlaceholderData ? 0.6 : 1 }}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th visibleFrom="sm">Date</Table.Th>
                  <Table.Th>Description</Table.Th>
                  <Table.Th visibleFrom="sm">Status</Table.Th>
                  <Table.Th ta="right">Amount</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.items.map((line) => (
                  <TransactionRow key={line.id} line={line} timeZone={timeZone} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <ListPagination page={page} pageSize={TRANSACTIONS_PAGE_SIZE} total={list.data.total} onChange={(next) => show({ page: next })} label="Transaction pages" />
        </>
      )}
    </Stack>
  );
}
