import { Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { ListPagination } from '@/components/list-pagination';
import { ListSkeleton } from '@/components/list-skeleton';
import { LoadErrorAlert } from '@/components/load-error-alert';
import { formatPaise } from '@/lib/money';
import { useWithdrawals } from '../api/get-withdrawals';
import type { Withdrawal } from '../types';
import { methodText, withdrawalStatusColors, withdrawalStatusLabels } from '../utils/labels';
import { WithdrawalTimeline } from './withdrawal-timeline';

export const WITHDRAWALS_PAGE_SIZE = 5;

function WithdrawalCard({ withdrawal, timeZone }: { withdrawal: Withdrawal; timeZone: string }) {
  return (
    <Card withBorder radius="md" padding="md" component="article" aria-label={`Withdrawal of ${formatPaise(withdrawal.amountPaise)}`}>
      <Stack gap="sm">
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Text fw={700} fz="lg" data-testid="withdrawal-amount">
            {formatPaise(withdrawal.amountPaise)}
          </Text>
          <Badge color={withdrawalStatusColors[withdrawal.status]} variant="light" tt="none" data-testid="withdrawal-status">
            {withdrawalStatusLabels[withdrawal.status]}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          To {methodText(withdrawal.method)}
          {withdrawal.source === 'weekly' ? ' · weekly automatic payout' : ''}
        </Text>
        <WithdrawalTimeline withdrawal={withdrawal} timeZone={timeZone} />
      </Stack>
    </Card>
  );
}

/** The mentor's withdrawals, newest first, each with its steps; a few at a time. */
export function WithdrawalsSection({ timeZone }: { timeZone: string }) {
  const [page, setPage] = useState(1);
  const list = useWithdrawals({ page, limit: WITHDRAWALS_PAGE_SIZE });
  return (
    <Stack gap="sm" component="section" aria-labelledby="withdrawals-heading">
      <Title order={2} size="h4" id="withdrawals-heading">
        Withdrawals
      </Title>
      {list.isPending ? (
        <ListSkeleton label="Loading withdrawals" height={160} count={2} />
      ) : list.isError ? (
        <LoadErrorAlert title="Couldn’t load your withdrawals" message={list.error.message} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <Text c="dimmed" size="sm">
          No withdrawals yet. When you withdraw, each step shows here, up to the bank’s reference.
        </Text>
      ) : (
        <Stack gap="sm" aria-busy={list.isFetching} style={{ opacity: list.isPlaceholderData ? 0.6 : 1 }}>
          {list.data.items.map((withdrawal) => (
            <WithdrawalCard key={withdrawal.id} withdrawal={withdrawal} timeZone={timeZone} />
          ))}
          <ListPagination page={page} pageSize={WITHDRAWALS_PAGE_SIZE} total={list.data.total} onChange={setPage} label="Withdrawal pages" />
        </Stack>
      )}
    </Stack>
  );
}
