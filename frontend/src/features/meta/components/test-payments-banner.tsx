import { Paper, Text } from '@mantine/core';
import { useMeta } from '../api/get-meta';
import classes from './test-payments-banner.module.css';

/**
 * Tells everyone, on every page, when checkout is the built-in sandbox (and whether the whole site is a
 * demo). It sits in the page's flow, so it never covers the header or content on a phone, and it shows
 * only once the server has said so: nothing while asking, nothing if asking failed, so it never flashes.
 */
export function TestPaymentsBanner() {
  const meta = useMeta();
  if (!meta.data?.paymentsSandbox) return null;
  return (
    <Paper
      role="status"
      aria-label="Test payments"
      className={classes.banner}
      radius="sm"
      px="sm"
      py={6}
      mb="md"
      withBorder
      bg="var(--mantine-color-yellow-light)"
      style={{ borderColor: 'var(--mantine-color-yellow-outline)' }}
    >
      <Text size="sm" c="var(--mantine-color-yellow-light-color)">
        {meta.data.demoMode ? 'Demo — ' : ''}Test payments: checkout uses the built-in sandbox and no real money moves.
      </Text>
    </Paper>
  );
}
