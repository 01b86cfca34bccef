import { Alert, Button, Group, Loader, Modal, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useEffect, useRef, useState } from 'react';
import { formatCountdown, useSecondsLeft } from '@/hooks/use-countdown';
import { ApiError } from '@/lib/api-client';
import { formatPaise } from '@/lib/money';
import { zonedHhmm } from '@/lib/time-zone-clock';
import { useCancelBooking } from '../../api/cancel-booking';
import { PaymentFailedError, sandboxPay, type PaymentMethod } from '../../api/sandbox-pay';
import { useVerifyPayment, type GatewayPayment } from '../../api/verify-payment';
import { outcomeUnknown, useIdempotencyKey } from '../../hooks/use-idempotency-key';
import type { Booking, BookingWithCheckout } from '../../types';
import { loadRazorpay } from '../../utils/razorpay';
import { SandboxCheckoutForm } from './sandbox-checkout-form';

export interface PaymentStepProps {
  /** The booking waiting for payment and its gateway order. */
  session: BookingWithCheckout;
  opened: boolean;
  /** The viewer's zone, for the time the hold ends. */
  timeZone: string;
  /** Paid and verified: the booking is confirmed. */
  onPaid: (booking: Booking) => void;
  /** Closed without paying; the time stays held until holdExpiresAt. */
  onKeepHold: () => void;
  /** The booking was cancelled and its held time let go. */
  onReleased: (booking: Booking) => void;
}

type Phase =
  /** The sandbox's method list, or Razorpay's own window, is open. */
  | { name: 'paying' }
  | { name: 'verifying' }
  /** We never heard back from our server: the same payment can be sent again. */
  | { name: 'verify_error'; payment: GatewayPayment; message: string }
  | { name: 'failed'; title: string; message: string }
  /** The payer closed the checkout: keep the hold or let the time go? */
  | { name: 'leaving' };

const verifyProblemMessage = (error: unknown) =>
  error instanceof ApiError && error.code === 'signature_invalid'
    ? 'The payment could not be verified, so the booking was not confirmed. If money left your account, it will be refunded automatically.'
    : error instanceof ApiError
      ? (error.detail ?? error.title)
      : 'Something went wrong. Please try again.';

/** An answer we never got (or a server error) may still have confirmed the booking: the same payment can be verified again. */

/**
 * Pays for a held booking: our sandbox of Razorpay's checkout (the default), or Razorpay Checkout
 * itself with real keys. Either way a successful payment is verified by our server before the
 * booking counts as paid; a failed one offers a retry or cancelling; closing asks whether to keep
 * the time held (until it expires) or release it.
 */
export function PaymentStep({ session, opened, timeZone, onPaid, onKeepHold, onReleased }: PaymentStepProps) {
  const { booking, checkout } = session;
  const [phase, setPhase] = useState<Phase>({ name: 'paying' });
  const [pending, setPending] = useState<'success' | 'failure' | null>(null);
  const [releaseError, setReleaseError] = useState<string | null>(null);
  const verify = useVerifyPayment();
  const cancel = useCancelBooking();
  const releaseKey = useIdempotencyKey();
  const secondsLeft = useSecondsLeft(booking.holdExpiresAt);
  const phone = useMediaQuery('(max-width: 36em)');
  const razorpay = checkout.provider === 'razorpay';

  async function confirm(payment: GatewayPayment) {
    setPhase({ name: 'verifying' });
    try {
      onPaid(await verify.mutateAsync(payment));
    } catch (error) {
      if (outcomeUnknown(error)) setPhase({ name: 'verify_error', payment, message: verifyProblemMessage(error) });
      else setPhase({ name: 'failed', title: 'Payment not confirmed', message: verifyProblemMessage(error) });
    }
  }

  // Latest handlers for Razorpay's callbacks, which are registered once per opening.
  const confirmRef = useRef(confirm);
  useEffect(() => {
    confirmRef.current = confirm;
  });

  async function paySandbox(outcome: 'success' | 'failure', method: PaymentMethod) {
    setPending(outcome);
    try {
      const payment = await sandboxPay({ keyId: checkout.keyId, orderId: checkout.orderId, outcome, method });
      setPending(null);
      await confirm(payment);
    } catch (error) {
      setPending(null);
      setPhase({ name: 'failed', title: 'Payment failed', message: error instanceof PaymentFailedError ? error.message : 'Payment failed' });
    }
  }

  // Razorpay's checkout is its own window over the page: open it while paying, and let its callbacks move us on.
  const razorpayOpen = razorpay && opened && phase.name === 'paying';
  useEffect(() => {
    if (!razorpayOpen) return;
    let active = true;
    let failure: string | null = null;
    let instance: { close(): void } | null = null;
    loadRazorpay().then(
      (Razorpay) => {
        if (!active) return;
        const rzp = new Razorpay({
          key: checkout.keyId,
          order_id: checkout.orderId,
          amount: checkout.amountPaise,
          currency: checkout.currency,
          name: checkout.name,
          description: checkout.description,
          prefill: checkout.prefill,
          theme: { color: '#7950f2' },
          handler: (response) => {
            if (active) void confirmRef.current(response);
          },
          modal: {
            ondismiss: () => {
              if (!active) return;
              setPhase(failure ? { name: 'failed', title: 'Payment failed', message: failure } : { name: 'leaving' });
            },
          },
        });
        // Razorpay keeps its window open after a failure so the payer can try another method; we
        // remember why, in case they close it instead.
        rzp.on('payment.failed', (response) => {
          failure = response.error.description ?? 'Payment failed';
        });
        instance = rzp;
        rzp.open();
      },
      (error: unknown) => {
        if (active) setPhase({ name: 'failed', title: 'Checkout didn’t open', message: error instanceof Error ? error.message : 'Please try again.' });
      },
    );
    return () => {
      active = false;
      instance?.close();
    };
  }, [razorpayOpen, checkout]);

  async function release() {
    setReleaseError(null);
    try {
      const cancelled = await cancel.mutateAsync({ id: booking.id, reason: '', idempotencyKey: releaseKey.keyFor({ release: booking.id }) });
      releaseKey.settle();
      onReleased(cancelled);
    } catch (error) {
      if (!outcomeUnknown(error)) releaseKey.settle();
      setReleaseError(error instanceof ApiError ? (error.detail ?? error.title) : 'Something went wrong. Please try again.');
    }
  }

  const busy = pending !== null || phase.name === 'verifying' || cancel.isPending;
  function requestClose() {
    if (busy) return;
    if (phase.name === 'leaving') onKeepHold();
    else setPhase({ name: 'leaving' });
  }

  const modalOpen = opened && !(razorpay && phase.name === 'paying');
  const amount = formatPaise(checkout.amountPaise);
  const holdEnds = booking.holdExpiresAt ? zonedHhmm(booking.holdExpiresAt, timeZone) : null;
  const holdExpired = secondsLeft === 0;

  let body;
  switch (phase.name) {
    case 'paying':
      body = <SandboxCheckoutForm amountPaise={checkout.amountPaise} pending={pending} onPay={(outcome, method) => void paySandbox(outcome, method)} />;
      break;
    case 'verifying':
      body = (
        <Stack align="center" gap="sm" py="lg" role="status">
          <Loader aria-hidden />
          <Text>Confirming your booking…</Text>
        </Stack>
      );
      break;
    case 'verify_error':
      body = (
        <Stack gap="md">
          <Alert color="yellow" variant="light" title="We couldn’t confirm your payment yet" role="alert">
            {phase.message}
          </Alert>
          <Button fullWidth onClick={() => void confirm(phase.payment)}>
            Try again
          </Button>
        </Stack>
      );
      break;
    case 'failed':
      body = (
        <Stack gap="md" align="stretch">
          <Stack gap={6} align="center" ta="center" role="alert">
            <ThemeIcon size={48} radius="xl" color="red" variant="light" aria-hidden>
              <Text fw={800} size="xl">
                ✕
              </Text>
            </ThemeIcon>
            <Title order={3} size="h4">
              {phase.title}
            </Title>
            {phase.message !== phase.title ? (
              <Text size="sm" c="dimmed">
                {phase.message}
              </Text>
            ) : null}
            {phase.title === 'Payment failed' ? (
              <Text size="sm" c="dimmed">
                No money was taken. Try again, perhaps with another method, or cancel the booking to release the time.
              </Text>
            ) : null}
          </Stack>
          {releaseError ? (
            <Alert color="red" variant="light" title="Couldn’t cancel the booking">
              {releaseError}
            </Alert>
          ) : null}
          <Button fullWidth onClick={() => setPhase({ name: 'paying' })} disabled={cancel.isPending || holdExpired}>
            Retry
          </Button>
          <Button fullWidth variant="default" color="red" loading={cancel.isPending} onClick={() => void release()}>
            Cancel booking
          </Button>
        </Stack>
      );
      break;
    case 'leaving':
      body = holdExpired ? (
        <Stack gap="md">
          <Text>Your hold on this time has expired, so it may be booked by someone else.</Text>
          <Button fullWidth variant="default" onClick={onKeepHold}>
            Close
          </Button>
        </Stack>
      ) : (
        <Stack gap="md">
          <Title order={3} size="h4">
            Leave without paying?
          </Title>
          <Text size="sm">
            We’re holding this time for you
            {secondsLeft !== null ? (
              <>
                {' '}
                for another{' '}
                <Text span fw={700} data-testid="hold-countdown">
                  {formatCountdown(secondsLeft)}
                </Text>
                {holdEnds ? ` (until ${holdEnds})` : ''}
              </>
            ) : null}
            . Keep the hold to pay later from your bookings, or release the time for others.
          </Text>
          {releaseError ? (
            <Alert color="red" variant="light" title="Couldn’t release the time">
              {releaseError}
            </Alert>
          ) : null}
          <Button fullWidth onClick={onKeepHold} disabled={cancel.isPending}>
            Keep the hold
          </Button>
          <Button fullWidth variant="default" loading={cancel.isPending} onClick={() => void release()}>
            Release the time
          </Button>
          <Button fullWidth variant="subtle" onClick={() => setPhase({ name: 'paying' })} disabled={cancel.isPending}>
            Back to payment
          </Button>
        </Stack>
      );
      break;
  }

  return (
    <Modal.Root opened={modalOpen} onClose={requestClose} centered size={420} fullScreen={phone ?? false} closeOnClickOutside={false} radius="md">
      <Modal.Overlay />
      <Modal.Content>
        {razorpay ? (
          <Modal.Header>
            <Modal.Title fw={700}>Complete your payment</Modal.Title>
            <Modal.CloseButton aria-label="Close checkout" disabled={busy} />
          </Modal.Header>
        ) : (
          <Modal.Header bg="blue.9" c="white" style={{ alignItems: 'flex-start' }}>
            <Group gap="sm" wrap="nowrap" align="flex-start" style={{ flex: 1, minWidth: 0 }}>
              <ThemeIcon size={40} radius="md" color="white" variant="white" aria-hidden>
                <Text fw={800} size="sm" c="blue.9">
                  MC
                </Text>
              </ThemeIcon>
              <Stack gap={2} style={{ minWidth: 0 }}>
                <Modal.Title fw={700}>{checkout.name}</Modal.Title>
                <Text size="xs" c="blue.1" truncate="end">
                  {checkout.description}
                </Text>
                <Text fw={800} size="xl" data-testid="checkout-amount">
                  {amount}
                </Text>
                <Text size="xs" c="blue.1" style={{ overflowWrap: 'anywhere' }}>
                  Order {checkout.orderId}
                </Text>
              </Stack>
            </Group>
            <Modal.CloseButton aria-label="Close checkout" disabled={busy} c="white" />
          </Modal.Header>
        )}
        <Modal.Body pt="md">{body}</Modal.Body>
      </Modal.Content>
    </Modal.Root>
  );
}
