import { Button, Group, Radio, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { formatPaise } from '@/lib/money';
import type { PaymentMethod } from '../../api/sandbox-pay';

const methods: { value: PaymentMethod; label: string; hint: string }[] = [
  { value: 'card', label: 'Card', hint: 'Visa, Mastercard, RuPay' },
  { value: 'upi', label: 'UPI', hint: 'Google Pay, PhonePe, BHIM' },
  { value: 'netbanking', label: 'Netbanking', hint: 'All major Indian banks' },
];

interface SandboxCheckoutFormProps {
  amountPaise: number;
  /** Which button is waiting for the gateway, if any. */
  pending: 'success' | 'failure' | null;
  onPay: (outcome: 'success' | 'failure', method: PaymentMethod) => void;
}

/** The method list and buttons of our stand-in for Razorpay's hosted checkout. */
export function SandboxCheckoutForm({ amountPaise, pending, onPay }: SandboxCheckoutFormProps) {
  const [method, setMethod] = useState<PaymentMethod>('card');
  const busy = pending !== null;
  return (
    <Stack gap="md">
      <Radio.Group
        value={method}
        onChange={(value) => setMethod(value as PaymentMethod)}
        label="Payment method"
        name="sandbox-payment-method"
      >
        <Stack gap={8} mt={8}>
          {methods.map((item) => (
            <Radio.Card key={item.value} value={item.value} radius="md" p="sm" disabled={busy} aria-label={item.label}>
              <Group wrap="nowrap" gap="sm">
                <Radio.Indicator />
                <div>
                  <Text fw={600} size="sm">
                    {item.label}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {item.hint}
                  </Text>
                </div>
              </Group>
            </Radio.Card>
          ))}
        </Stack>
      </Radio.Group>
      <Button fullWidth size="md" color="blue" loading={pending === 'success'} disabled={busy} onClick={() => onPay('success', method)}>
        Pay {formatPaise(amountPaise)}
      </Button>
      <Button fullWidth variant="subtle" color="red" loading={pending === 'failure'} disabled={busy} onClick={() => onPay('failure', method)}>
        Simulate failure
      </Button>
      <Text size="xs" c="dimmed" ta="center">
        Sandbox checkout: no real money moves.
      </Text>
    </Stack>
  );
}
