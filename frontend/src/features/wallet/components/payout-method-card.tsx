import { Button, Card, Group, Modal, Stack, Switch, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { ApiError } from '@/lib/api-client';
import { useUpdateWalletSettings } from '../api/update-wallet-settings';
import type { PayoutMethod } from '../types';
import { methodText } from '../utils/labels';
import { PayoutMethodForm } from './payout-method-form';

/** The weekly payout's switch; while the request runs, it shows where it is going. */
function AutoPayoutSwitch({ method }: { method: PayoutMethod | null }) {
  const update = useUpdateWalletSettings();
  const checked = update.isPending ? update.variables : (method?.autoPayout ?? false);
  return (
    <Switch
      label="Weekly automatic payout"
      description={
        method
          ? 'Every Monday at 06:00 (India), your whole available balance is withdrawn if it is ₹500 or more.'
          : 'Add a payout method to turn on the weekly payout.'
      }
      checked={checked}
      disabled={!method || update.isPending}
      onChange={(event) =>
        update.mutate(event.currentTarget.checked, {
          onSuccess: ({ autoPayout }) =>
            notifications.show({
              color: 'teal',
              title: autoPayout ? 'Weekly payout on' : 'Weekly payout off',
              message: autoPayout ? 'Your available balance goes to your account every Monday.' : 'Withdraw whenever you like.',
            }),
          onError: (error) =>
            notifications.show({ color: 'red', title: 'Couldn’t change the weekly payout', message: error instanceof ApiError ? (error.detail ?? error.title) : 'Please try again.' }),
        })
      }
    />
  );
}

/** Where the mentor's money goes (masked only), the way to set or change it, and the weekly payout. */
export function PayoutMethodCard({ method }: { method: PayoutMethod | null }) {
  const [editing, setEditing] = useState(false);
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="payout-method-heading">
      <Stack gap="sm">
        <Group justify="space-between" gap="xs">
          <Title order={2} size="h4" id="payout-method-heading">
            Payout method
          </Title>
          <Button variant={method ? 'default' : 'filled'} size="xs" onClick={() => setEditing(true)}>
            {method ? 'Change' : 'Add a payout method'}
          </Button>
        </Group>
        {method ? (
          <Stack gap={2} data-testid="payout-method">
            <Text fw={600}>{methodText(method)}</Text>
            {method.type === 'bank' && method.ifsc ? (
              <Text size="sm" c="dimmed">
                IFSC {method.ifsc}
              </Text>
            ) : null}
          </Stack>
        ) : (
          <Text size="sm" c="dimmed" data-testid="payout-method">
            No payout method yet. Add a bank account or a UPI id to withdraw your earnings.
          </Text>
        )}
        <AutoPayoutSwitch method={method} />
      </Stack>
      <Modal opened={editing} onClose={() => setEditing(false)} title={method ? 'Change payout method' : 'Add a payout method'} centered size="lg">
        {editing ? (
          <PayoutMethodForm
            current={method}
            onCancel={() => setEditing(false)}
            onSaved={(saved) => {
              setEditing(false);
              notifications.show({ color: 'teal', title: 'Payout method saved', message: `Withdrawals now go to your ${methodText(saved)}.` });
            }}
          />
        ) : null}
      </Modal>
    </Card>
  );
}
