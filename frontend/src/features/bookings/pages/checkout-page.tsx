import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Anchor, Button, Container, Grid, Paper, Skeleton, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link, useNavigate } from 'react-router-dom';
import { EmptyState } from '@/components/empty-state';
import { ErrorState } from '@/components/error-state';
import { FormAlert } from '@/components/form-alert';
import { paths } from '@/config/paths';
import { ApiError } from '@/lib/api-client';
import { applyServerErrors } from '@/lib/form-errors';
import { formatPaise } from '@/lib/money';
import { useCancelBooking } from '../api/cancel-booking';
import { AGENDA_MAX, bookingDetailsSchema, TOPIC_MAX, useCreateBooking, type BookingDetails, type BookingTarget } from '../api/create-booking';
import { CheckoutSummary } from '../components/checkout-summary';
import { HoldPanel } from '../components/hold-panel';
import { PaymentStep } from '../components/payment/payment-step';
import { outcomeUnknown, useIdempotencyKey } from '../hooks/use-idempotency-key';
import type { BookingWithCheckout, CheckoutItem } from '../types';

/** What the app found out about the link the checkout was opened with. */
export type CheckoutItemState =
  | { status: 'loading' }
  | { status: 'error'; message: string; onRetry: () => void }
  /** A link that doesn't name a bookable thing (bad query, a slot that's gone). */
  | { status: 'unavailable'; title: string; message: string }
  | { status: 'ready'; item: CheckoutItem };

export interface CheckoutPageProps {
  state: CheckoutItemState;
  /** The viewer's profile zone: every time on the page is on its clocks. */
  timeZone: string;
  /** The mentor's public page, to pick another time. */
  mentorHref: string;
}

function CheckoutSkeleton() {
  return (
    <Grid gap="lg" role="status" aria-label="Loading checkout">
      <Grid.Col span={{ base: 12, md: 7 }}>
        <Stack gap="md">
          <Skeleton height={56} />
          <Skeleton height={120} />
          <Skeleton height={44} />
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 5 }}>
        <Skeleton height={260} radius="md" />
      </Grid.Col>
    </Grid>
  );
}

/**
 * Checkout for one time or slot: topic and agenda, then the booking is created (holding the time for
 * 15 minutes) and the payment step opens. Paid → the confirmation page.
 */
export function CheckoutPage({ state: given, timeZone, mentorHref }: CheckoutPageProps) {
  // The first ready item is kept: once the student is booking, a later look at the mentor's times
  // (which now counts their own hold, maybe the slot's last seat) must not pull the form away.
  const [kept, setKept] = useState<CheckoutItem | null>(given.status === 'ready' ? given.item : null);
  if (kept === null && given.status === 'ready') setKept(given.item);
  const state: CheckoutItemState = kept ? { status: 'ready', item: kept } : given;
  return (
    <Container size="lg" px={0}>
      <Stack gap={4} mb="lg">
        <Anchor component={Link} to={mentorHref} size="sm">
          ← Back to the mentor
        </Anchor>
        <Title order={1} size="h2">
          Checkout
        </Title>
      </Stack>
      {state.status === 'loading' ? (
        <CheckoutSkeleton />
      ) : state.status === 'error' ? (
        <ErrorState title="Couldn't load this booking" message={state.message} onRetry={state.onRetry} />
      ) : state.status === 'unavailable' ? (
        <EmptyState title={state.title} description={state.message}>
          <Button component={Link} to={mentorHref} mt="sm">
            Pick another time
          </Button>
        </EmptyState>
      ) : (
        <CheckoutForm item={state.item} timeZone={timeZone} mentorHref={mentorHref} />
      )}
    </Container>
  );
}

type Outcome = { type: 'form' } | { type: 'booked'; session: BookingWithCheckout } | { type: 'released' };

function CheckoutForm({ item, timeZone, mentorHref }: { item: CheckoutItem; timeZone: string; mentorHref: string }) {
  const navigate = useNavigate();
  const create = useCreateBooking();
  const release = useCancelBooking();
  const submissionKey = useIdempotencyKey();
  const releaseKey = useIdempotencyKey();
  const [outcome, setOutcome] = useState<Outcome>({ type: 'form' });
  const [paymentOpen, setPaymentOpen] = useState(false);
  // Each opening of the payment step starts it afresh (a new Razorpay window, the method list again).
  const [attempt, setAttempt] = useState(0);
  const [formError, setFormError] = useState<string | null>(null);
  const [taken, setTaken] = useState(false);
  const [releaseError, setReleaseError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    watch,
    formState: { errors, isSubmitting },
  } = useForm<BookingDetails>({ resolver: zodResolver(bookingDetailsSchema), defaultValues: { topic: '', agenda: '' } });
  const topicLength = watch('topic').trim().length;
  const agendaLength = watch('agenda').trim().length;
  const price = formatPaise(item.pricePaise);

  const target: BookingTarget = item.slot
    ? { slotId: item.slot.id }
    : { mentorSlug: item.mentor.slug, startsAt: item.startsAt, durationMinutes: item.durationMinutes };

  function openPayment() {
    setAttempt((n) => n + 1);
    setPaymentOpen(true);
  }

  const onSubmit = handleSubmit(async (details) => {
    setFormError(null);
    setTaken(false);
    const request = { target, details };
    try {
      const session = await create.mutateAsync({ ...request, idempotencyKey: submissionKey.keyFor(request) });
      submissionKey.settle();
      setOutcome({ type: 'booked', session });
      openPayment();
    } catch (error) {
      // Only a known outcome ends this submission: a retry after a lost answer must reuse the key.
      if (!outcomeUnknown(error)) submissionKey.settle();
      if (error instanceof ApiError && error.code === 'slot_unavailable') {
        setTaken(true);
        return;
      }
      setFormError(applyServerErrors(error, setError, { fields: ['topic', 'agenda'] }));
    }
  });

  async function releaseHold(session: BookingWithCheckout) {
    setReleaseError(null);
    try {
      await release.mutateAsync({ id: session.booking.id, reason: '', idempotencyKey: releaseKey.keyFor({ release: session.booking.id }) });
      releaseKey.settle();
      setOutcome({ type: 'released' });
    } catch (error) {
      if (!outcomeUnknown(error)) releaseKey.settle();
      setReleaseError(error instanceof ApiError ? (error.detail ?? error.title) : 'Something went wrong. Please try again.');
    }
  }

  let main;
  if (outcome.type === 'released') {
    main = (
      <Paper withBorder radius="md" p="lg">
        <Stack gap="sm" align="flex-start">
          <Title order={2} size="h4">
            The time was released
          </Title>
          <Text c="dimmed">Your booking was cancelled and nothing was charged. The time is free for others again.</Text>
          <Button component={Link} to={mentorHref}>
            Pick another time
          </Button>
        </Stack>
      </Paper>
    );
  } else if (outcome.type === 'booked') {
    const { session } = outcome;
    main = (
      <Stack gap="md">
        {paymentOpen ? (
          <Text c="dimmed">Complete the payment in the checkout window.</Text>
        ) : (
          <HoldPanel
            booking={session.booking}
            timeZone={timeZone}
            onPay={openPayment}
            onRelease={() => void releaseHold(session)}
            releasing={release.isPending}
            error={releaseError}
          />
        )}
        <PaymentStep
          key={attempt}
          session={session}
          opened={paymentOpen}
          timeZone={timeZone}
          onPaid={(booking) => void navigate(paths.app.bookingConfirmed.getHref(booking.id))}
          onKeepHold={() => setPaymentOpen(false)}
          onReleased={() => {
            setPaymentOpen(false);
            setOutcome({ type: 'released' });
          }}
        />
      </Stack>
    );
  } else {
    main = (
      <form onSubmit={onSubmit} noValidate aria-label="Checkout">
        <Stack gap="md">
          {taken ? (
            <Alert color="red" variant="light" title="This time was just taken — pick another" role="alert">
              Someone booked it a moment ago.{' '}
              <Anchor component={Link} to={mentorHref} inherit>
                Back to {item.mentor.name}’s times
              </Anchor>
            </Alert>
          ) : null}
          <FormAlert title="Couldn't book this session" message={formError} />
          <TextInput
            label="Topic"
            description={`What would you like to cover? · ${topicLength}/${TOPIC_MAX}`}
            placeholder="Mock system design interview"
            withAsterisk
            data-autofocus
            error={errors.topic?.message}
            {...register('topic')}
          />
          <Textarea
            label="Agenda"
            description={`Optional: questions, links, what you tried · ${agendaLength}/${AGENDA_MAX}`}
            autosize
            minRows={4}
            maxRows={12}
            error={errors.agenda?.message}
            {...register('agenda')}
          />
          <Text size="sm" c="dimmed">
            We hold this time for you for 15 minutes while you pay.
          </Text>
          <Button type="submit" size="md" loading={isSubmitting}>
            Pay {price}
          </Button>
        </Stack>
      </form>
    );
  }

  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, md: 5 }} order={{ base: 1, md: 2 }}>
        <CheckoutSummary item={item} timeZone={timeZone} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 7 }} order={{ base: 2, md: 1 }}>
        {main}
      </Grid.Col>
    </Grid>
  );
}
