import { Anchor, Button, Container, Grid, Group, Paper, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { EmptyState } from '@/components/empty-state';
import { ErrorState } from '@/components/error-state';
import { paths } from '@/config/paths';
import { ApiError } from '@/lib/api-client';
import { formatPaise } from '@/lib/money';
import { formatZonedDate, formatZonedRange, zonedHhmm, zoneLabel } from '@/lib/time-zone-clock';
import { useBooking } from '../api/get-booking';
import { useReopenCheckout } from '../api/reopen-checkout';
import { AddToCalendarButton } from '../components/add-to-calendar-button';
import { BookingStatusBadge } from '../components/booking-status-badge';
import { BreakdownTable } from '../components/breakdown-table';
import { CancelBookingModal } from '../components/cancel-booking-modal';
import { ConfirmCompletionPanel } from '../components/confirm-completion-panel';
import { Fact } from '../components/fact';
import { HoldPanel } from '../components/hold-panel';
import { PaymentStep } from '../components/payment/payment-step';
import { RefundPanel } from '../components/refund-panel';
import { RescheduleBookingModal, type RenderTimePicker } from '../components/reschedule-booking-modal';
import type { Booking, BookingWithCheckout, RenderChat, RenderDispute, RenderJoin, RenderReview, RenderSessionNotes } from '../types';
import { amountPaise, cancelledByLabel, joinableStatuses, kindText, otherParty, settlementText } from '../utils/labels';

export interface BookingDetailPageProps {
  id: string;
  timeZone: string;
  /** The mentor's free times to reschedule to; the app supplies the availability feature's picker. */
  renderTimePicker: RenderTimePicker;
  /** The way into the call while the session is ahead or running; the app supplies the sessions feature's. */
  renderJoin?: RenderJoin;
  /** The mentor's notes, shown to the student once the session has ended. */
  renderSessionNotes?: RenderSessionNotes;
  /** Reporting a problem with a completed session, and the dispute as it stands; the app supplies the disputes feature's. */
  renderDispute?: RenderDispute;
  /** Reviewing a completed session, the review and the mentor's reply; the app supplies the reviews feature's. */
  renderReview?: RenderReview;
  /** The booking's conversation with the mentor (or the student, or the group); the app supplies the chat feature's. */
  renderChat?: RenderChat;
  /** The notifications socket is up: the page hears of every change to the booking and polls for nothing. */
  live?: boolean;
}

const calendarStatuses = new Set<Booking['status']>(['confirmed', 'in_progress']);
const paidStatuses = new Set(['captured', 'refunded', 'partially_refunded']);
/** Bookings that never had a session, so there are no notes to read. */
const sessionlessStatuses = new Set<Booking['status']>(['pending_payment', 'cancelled', 'expired']);

/** Only a completed session can be disputed, and it stays completed whatever the decision. */
const disputable = (booking: Booking) => booking.status === 'completed';

/** A booking whose hold lapsed unpaid never had a conversation of its own. */
const chatless = (booking: Booking) => booking.status === 'expired';

/** Only a completed session is reviewed (whatever became of its payment). */
const reviewable = (booking: Booking) => booking.status === 'completed';

/** The student reads the mentor's notes once the session's scheduled end has passed (the server says the same). */
const notesShared = (booking: Booking) =>
  booking.viewerRole === 'student' && !sessionlessStatuses.has(booking.status) && Date.now() >= new Date(booking.endsAt).getTime();

/**
 * A student's refund tier is measured from the earliest start the booking has had (the server sends it), so
 * after a move to a later time the student is told the refund did not improve. A mentor's cancellation
 * refunds in full, so the rule is the student's alone.
 */
const refundMeasuredFromEarlierStart = (booking: Booking) =>
  booking.viewerRole === 'student' && new Date(booking.refundMeasuredFrom).getTime() !== new Date(booking.startsAt).getTime();

/** "Tue, 24 Nov, 2026 · 18:30–19:30", wrapping (in a narrow column) after the date, never inside the times. */
function WhenText({ startsAt, endsAt, timeZone }: { startsAt: string; endsAt: string; timeZone: string }) {
  const text = formatZonedRange(startsAt, endsAt, timeZone);
  const split = text.indexOf(' · ') + 3;
  if (split < 3) return text;
  return (
    <>
      {text.slice(0, split)}
      <span style={{ whiteSpace: 'nowrap' }}>{text.slice(split)}</span>
    </>
  );
}

function DetailSkeleton() {
  return (
    <Stack gap="md" role="status" aria-label="Loading booking">
      <Skeleton height={36} width="60%" />
      <Skeleton height={180} radius="md" />
      <Skeleton height={120} radius="md" />
    </Stack>
  );
}

/** One booking in full: the session, the money, a refund as it progresses, and what the viewer may do now. */
export function BookingDetailPage({ id, timeZone, renderTimePicker, renderJoin, renderSessionNotes, renderDispute, renderReview, renderChat, live = false }: BookingDetailPageProps) {
  const booking = useBooking(id, { live });
  return (
    <Container size="md" px={0}>
      <Anchor component={Link} to={paths.app.bookings.getHref()} size="sm">
        ← My bookings
      </Anchor>
      <div style={{ marginTop: 'var(--mantine-spacing-xs)' }}>
        {booking.isPending ? (
          <DetailSkeleton />
        ) : booking.isError ? (
          booking.error instanceof ApiError && booking.error.status === 404 ? (
            <EmptyState title="Booking not found" description="It doesn’t exist, or it isn’t one of yours." />
          ) : (
            <ErrorState title="Couldn't load this booking" message={booking.error.message} onRetry={() => void booking.refetch()} />
          )
        ) : (
          <BookingDetail
            booking={booking.data}
            timeZone={timeZone}
            renderTimePicker={renderTimePicker}
            renderJoin={renderJoin}
            renderSessionNotes={renderSessionNotes}
            renderDispute={renderDispute}
            renderReview={renderReview}
            renderChat={renderChat}
          />
        )}
      </div>
    </Container>
  );
}

type BookingDetailProps = Omit<BookingDetailPageProps, 'id'> & { booking: Booking };

function BookingDetail({ booking, timeZone, renderTimePicker, renderJoin, renderSessionNotes, renderDispute, renderReview, renderChat }: BookingDetailProps) {
  const navigate = useNavigate();
  const [cancelOpen, setCancelOpen] = useState(false);
  const [rescheduleOpen, setRescheduleOpen] = useState(false);
  const [payment, setPayment] = useState<{ session: BookingWithCheckout; attempt: number } | null>(null);
  const [paymentOpen, setPaymentOpen] = useState(false);
  const reopen = useReopenCheckout();
  const party = otherParty(booking);
  const cancelledBy = cancelledByLabel(booking);

  function completePayment() {
    reopen.mutate(booking.id, {
      onSuccess: (session) => {
        setPayment((previous) => ({ session, attempt: (previous?.attempt ?? 0) + 1 }));
        setPaymentOpen(true);
      },
      onError: (error) => notifications.show({ color: 'red', title: 'Couldn’t open the checkout', message: error.message }),
    });
  }

  const canCalendar = calendarStatuses.has(booking.status);
  const hasActions = booking.actions.reschedule || booking.actions.cancel || canCalendar;

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start" gap="sm">
        <Stack gap={2}>
          <Title order={1} size="h2" ff="monospace">
            {booking.code}
          </Title>
          <Text c="dimmed">
            {party.label === 'Mentor' ? 'with ' : 'for '}
            {party.name} · {kindText(booking)}
          </Text>
        </Stack>
        <BookingStatusBadge status={booking.status} />
      </Group>

      {renderJoin && joinableStatuses.has(booking.status) ? (
        <Paper withBorder radius="md" p="md" component="section" aria-labelledby="call-title">
          <Group justify="space-between" gap="sm">
            <Stack gap={2}>
              <Title order={2} size="h5" id="call-title">
                Video call
              </Title>
              <Text size="sm" c="dimmed" data-testid="call-window">
                Open {formatZonedRange(booking.meeting.opensAt, booking.meeting.closesAt, timeZone)}
              </Text>
            </Stack>
            {renderJoin(booking, { compact: false })}
          </Group>
        </Paper>
      ) : null}

      {booking.actions.confirmCompletion ? <ConfirmCompletionPanel booking={booking} /> : null}

      {renderDispute && disputable(booking) ? renderDispute(booking) : null}

      {booking.status === 'pending_payment' && booking.actions.pay ? (
        <HoldPanel booking={booking} timeZone={timeZone} onPay={completePayment} paying={reopen.isPending} payLabel="Complete payment" />
      ) : null}

      {hasActions ? (
        <Group gap="sm" component="nav" aria-label="Booking actions">
          {booking.actions.reschedule ? (
            <Button variant="light" onClick={() => setRescheduleOpen(true)}>
              Reschedule
            </Button>
          ) : null}
          {canCalendar ? <AddToCalendarButton booking={booking} /> : null}
          {booking.actions.cancel ? (
            <Button variant="subtle" color="red" onClick={() => setCancelOpen(true)}>
              Cancel booking
            </Button>
          ) : null}
        </Group>
      ) : null}

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, sm: 7 }}>
          <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="session-title">
            <Stack gap="md">
              <Title order={2} size="h4" id="session-title">
                Session
              </Title>
              <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
                <Fact label="When" testId="booking-time">
                  <WhenText startsAt={booking.startsAt} endsAt={booking.endsAt} timeZone={timeZone} />
                </Fact>
                <Fact label="Duration">{booking.durationMinutes} minutes</Fact>
                <Fact label={party.label}>{party.name}</Fact>
                <Fact label="Time zone">{zoneLabel(timeZone)}</Fact>
              </SimpleGrid>
              {booking.previousStartsAt ? (
                <Text size="sm" c="dimmed" data-testid="rescheduled-from">
                  Rescheduled from {formatZonedDate(booking.previousStartsAt, timeZone, 'medium')} at {zonedHhmm(booking.previousStartsAt, timeZone)}
                </Text>
              ) : null}
              <Fact label="Topic" testId="booking-topic">
                {booking.topic}
              </Fact>
              <Fact label="Agenda" testId="booking-agenda">
                {booking.agenda || '—'}
              </Fact>
              {cancelledBy && booking.cancellation ? (
                <Text size="sm" c="red.4" data-testid="cancellation">
                  {cancelledBy} on {formatZonedDate(booking.cancellation.at, timeZone, 'medium')}
                  {booking.cancellation.reason ? `: “${booking.cancellation.reason}”` : ''}
                </Text>
              ) : null}
            </Stack>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 5 }}>
          <Stack gap="md">
            <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="payment-title">
              <Stack gap="sm">
                <Title order={2} size="h4" id="payment-title">
                  Payment
                </Title>
                <Group justify="space-between">
                  <Text>{booking.payment && paidStatuses.has(booking.payment.status) ? 'Paid' : 'Price'}</Text>
                  <Text fw={700} size="lg" data-testid="booking-amount">
                    {formatPaise(amountPaise(booking))}
                  </Text>
                </Group>
                {booking.breakdown ? <BreakdownTable breakdown={booking.breakdown} /> : null}
                {booking.settlement ? (
                  <Text size="sm" data-testid="settlement">
                    {settlementText(booking.settlement, booking.viewerRole, timeZone)}
                  </Text>
                ) : null}
                {refundMeasuredFromEarlierStart(booking) ? (
                  <Text size="sm" c="dimmed" data-testid="refund-measured-from">
                    Refunds are measured from the original start, {formatZonedDate(booking.refundMeasuredFrom, timeZone, 'medium')} at{' '}
                    {zonedHhmm(booking.refundMeasuredFrom, timeZone)}: moving a session never increases the refund.
                  </Text>
                ) : null}
              </Stack>
            </Paper>
            {booking.refund ? <RefundPanel refund={booking.refund} viewerRole={booking.viewerRole} timeZone={timeZone} /> : null}
          </Stack>
        </Grid.Col>
      </Grid>

      {renderChat && !chatless(booking) ? renderChat(booking) : null}

      {renderSessionNotes && notesShared(booking) ? renderSessionNotes(booking) : null}

      {renderReview && reviewable(booking) ? renderReview(booking) : null}

      <CancelBookingModal
        booking={booking}
        opened={cancelOpen}
        onClose={() => setCancelOpen(false)}
        onCancelled={() => notifications.show({ color: 'teal', title: 'Booking cancelled', message: `${booking.code} is cancelled.` })}
      />
      {booking.actions.reschedule || rescheduleOpen ? (
        <RescheduleBookingModal
          booking={booking}
          opened={rescheduleOpen}
          onClose={() => setRescheduleOpen(false)}
          timeZone={timeZone}
          renderTimePicker={renderTimePicker}
        />
      ) : null}
      {payment ? (
        <PaymentStep
          key={payment.attempt}
          session={payment.session}
          opened={paymentOpen}
          timeZone={timeZone}
          onPaid={(paid) => void navigate(paths.app.bookingConfirmed.getHref(paid.id))}
          onKeepHold={() => setPaymentOpen(false)}
          onReleased={() => setPaymentOpen(false)}
        />
      ) : null}
    </Stack>
  );
}
