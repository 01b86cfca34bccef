import { Paper, SimpleGrid, Skeleton, Text } from '@mantine/core';
import { formatPaise } from '@/lib/money';
import type { Wallet } from '../types';

interface Figure {
  key: keyof Wallet;
  label: string;
  hint: string;
}

const figures: Figure[] = [
  { key: 'availablePaise', label: 'Available', hint: 'Yours to withdraw now' },
  { key: 'inEscrowPaise', label: 'In escrow', hint: 'Paid sessions, released after each is settled' },
  { key: 'inTransitPaise', label: 'On its way', hint: 'Withdrawals not yet in your account' },
  { key: 'withdrawnPaise', label: 'Withdrawn', hint: 'Paid out to your account' },
  { key: 'lifetimeEarnedPaise', label: 'Lifetime earned', hint: 'Every earning released to you' },
];

const testIds: Record<keyof Wallet, string> = {
  availablePaise: 'figure-available',
  inEscrowPaise: 'figure-in-escrow',
  inTransitPaise: 'figure-in-transit',
  withdrawnPaise: 'figure-withdrawn',
  lifetimeEarnedPaise: 'figure-lifetime',
};

/** The wallet's five figures as the server read them from the ledger; "Available" first and largest. */
export function WalletFigures({ wallet }: { wallet: Wallet }) {
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="sm" component="dl" m={0} aria-label="Wallet figures">
      {figures.map((figure, index) => (
        <Paper key={figure.key} withBorder radius="md" p="md">
          <Text component="dt" size="xs" tt="uppercase" fw={700} c="dimmed">
            {figure.label}
          </Text>
          <dd style={{ margin: 0 }}>
            <Text fw={700} fz={index === 0 ? 28 : 20} data-testid={testIds[figure.key]} style={{ fontVariantNumeric: 'tabular-nums' }}>
              {formatPaise(wallet[figure.key])}
            </Text>
            <Text size="xs" c="dimmed">
              {figure.hint}
            </Text>
          </dd>
        </Paper>
      ))}
    </SimpleGrid>
  );
}

export function WalletFiguresSkeleton() {
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="sm" role="status" aria-label="Loading your wallet">
      {figures.map((figure) => (
        <Skeleton key={figure.key} height={96} radius="md" />
      ))}
    </SimpleGrid>
  );
}
