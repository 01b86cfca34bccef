import { Container, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { ErrorState } from '@/components/error-state';
import { LoadErrorAlert } from '@/components/load-error-alert';
import { queryKeys } from '@/lib/query-keys';
import { zoneLabel } from '@/lib/time-zone-clock';
import { usePayoutMethod } from '../api/get-payout-method';
import { useWallet } from '../api/get-wallet';
import { useWithdrawals } from '../api/get-withdrawals';
import { PayoutMethodCard } from '../components/payout-method-card';
import { TransactionsSection } from '../components/transactions-section';
import { WalletFigures, WalletFiguresSkeleton } from '../components/wallet-figures';
import { WithdrawCard } from '../components/withdraw-card';
import { WITHDRAWALS_PAGE_SIZE, WithdrawalsSection } from '../components/withdrawals-section';
import { openWithdrawalStatuses } from '../types';

/**
 * While a withdrawal is on its way, the page asks again this often (the bank answers within minutes), unless the
 * notifications socket is connected: then its `wallet:updated` refreshes the page on every step.
 */
const OPEN_POLL_MS = 15_000;

/**
 * The mentor's wallet: the five figures from the ledger, withdrawing (to the payout method, one at a time), the
 * withdrawals with their steps, the statement with its filters and CSV, and where the money goes. `live`: the
 * notifications socket is connected (it tells every change of the figures).
 */
export function WalletPage({ timeZone, live = false }: { timeZone: string; live?: boolean }) {
  const queryClient = useQueryClient();
  const wallet = useWallet();
  const method = usePayoutMethod();
  // The newest withdrawals (the list's first page, shared with it): an open one is always among them.
  const withdrawals = useWithdrawals({ page: 1, limit: WITHDRAWALS_PAGE_SIZE });
  const openWithdrawal = withdrawals.data?.items.find((w) => openWithdrawalStatuses.has(w.status)) ?? null;

  useEffect(() => {
    if (!openWithdrawal || live) return;
    const timer = setInterval(() => void queryClient.invalidateQueries({ queryKey: queryKeys.wallet.all }), OPEN_POLL_MS);
    return () => clearInterval(timer);
  }, [openWithdrawal, live, queryClient]);

  // The figures and the list are two reads: the withdrawal may have ended between them. Once the list shows it done
  // (and the asking stops), the figures and the statement are read once more, so they agree with it.
  const openId = openWithdrawal?.id ?? null;
  const lastOpenId = useRef<string | null>(null);
  useEffect(() => {
    if (lastOpenId.current !== null && lastOpenId.current !== openId) {
      void queryClient.invalidateQueries({ queryKey: queryKeys.wallet.summary });
      void queryClient.invalidateQueries({ queryKey: queryKeys.wallet.allTransactions });
    }
    lastOpenId.current = openId;
  }, [openId, queryClient]);

  return (
    <Container size="lg" px={0}>
      <Stack gap={4} mb="lg">
        <Title order={1} size="h2">
          Wallet
        </Title>
        <Text c="dimmed" size="sm">
          Your earnings from sessions and your withdrawals, from our ledger. Times in {zoneLabel(timeZone)}.
        </Text>
      </Stack>
      {wallet.isPending ? (
        <WalletFiguresSkeleton />
      ) : wallet.isError ? (
        <ErrorState title="Couldn't load your wallet" message={wallet.error.message} onRetry={() => void wallet.refetch()} />
      ) : (
        <Stack gap="xl">
          <WalletFigures wallet={wallet.data} />
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            {method.isPending || withdrawals.isPending ? (
              <Skeleton height={220} radius="md" role="status" aria-label="Loading withdrawing" />
            ) : method.isError ? (
              <LoadErrorAlert title="Couldn’t load your payout method" message={method.error.message} onRetry={() => void method.refetch()} />
            ) : (
              <WithdrawCard wallet={wallet.data} payoutMethod={method.data} openWithdrawal={openWithdrawal} />
            )}
            {method.isPending ? (
              <Skeleton height={220} radius="md" role="status" aria-label="Loading payout method" />
            ) : method.isError ? null : (
              <PayoutMethodCard method={method.data} />
            )}
          </SimpleGrid>
          <WithdrawalsSection timeZone={timeZone} />
          <TransactionsSection timeZone={timeZone} />
        </Stack>
      )}
    </Container>
  );
}
