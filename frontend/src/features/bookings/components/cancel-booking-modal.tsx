import { Alert, Modal, Skeleton, Stack, Text } from '@mantine/core';
import { ErrorState } from '@/components/error-state';
import { ReasonForm } from '@/components/reason-form';
import { formatPaise } from '@/lib/money';
import { CANCEL_REASON_MAX, cancelInputSchema, useCancelBooking } from '../api/cancel-booking';
import { useCancellationQuote } from '../api/get-cancellation-quote';
import { outcomeUnknown, useIdempotencyKey } from '../hooks/use-idempotency-key';
import type { Booking } from '../types';

interface CancelBookingModalProps {
  booking: Booking;
  opened: boolean;
  onClose: () => void;
  onCancelled?: (booking: Booking) => void;
}

/** Shows exactly what a cancellation now refunds (the server's quote) before the viewer confirms it. */
export function CancelBookingModal({ booking, opened, onClose, onCancelled }: CancelBookingModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title="Cancel booking" centered size="lg">
      {opened ? <CancelForm booking={booking} onClose={onClose} onCancelled={onCancelled} /> : null}
    </Modal>
  );
}

function CancelForm({ booking, onClose, onCancelled }: Omit<CancelBookingModalProps, 'opened'>) {
  const unpaid = booking.status === 'pending_payment';
  const quote = useCancellationQuote(booking.id, { enabled: !unpaid });
  const cancel = useCancelBooking();
  const key = useIdempotencyKey();

  const onSubmit = async (reason: string) => {
    try {
      const cancelled = await cancel.mutateAsync({ id: booking.id, reason, idempotencyKey: key.keyFor({ id: booking.id, reason: reason.trim() }) });
      key.settle();
      onCancelled?.(cancelled);
      onClose();
    } catch (error) {
      if (!outcomeUnknown(error)) key.settle();
      throw error;
    }
  };

  const who = booking.viewerRole === 'mentor' ? `${booking.student.name} will get` : 'You will get';
  let terms;
  if (unpaid) {
    terms = (
      <Alert color="gray" variant="light" title="Nothing to refund">
        This booking isn’t paid yet. Cancelling releases the held time.
      </Alert>
    );
  } else if (quote.isPending) {
    terms = (
      <Stack gap={6} role="status" aria-label="Working out your refund">
        <Skeleton height={22} width="70%" />
        <Skeleton height={16} width="90%" />
      </Stack>
    );
  } else if (quote.isError) {
    terms = <ErrorState title="Couldn't work out the refund" message={quote.error.message} onRetry={() => void quote.refetch()} />;
  } else {
    terms = (
      <Alert color={quote.data.refundPaise > 0 ? 'teal' : 'orange'} variant="light" title={`${who} ${formatPaise(quote.data.refundPaise)} back (${quote.data.percent}%)`}>
        <Text size="sm" data-testid="refund-policy">
          {quote.data.reason}
        </Text>
      </Alert>
    );
  }

  const ready = unpaid || quote.isSuccess;
  return (
    <ReasonForm
      label="Cancel booking"
      schema={cancelInputSchema}
      onSubmit={onSubmit}
      errorTitle="Couldn't cancel the booking"
      reason={{ label: 'Reason (optional)', hint: 'Shared with the other person', max: CANCEL_REASON_MAX, minRows: 2, maxRows: 6 }}
      dismissLabel="Keep booking"
      onDismiss={onClose}
      submitLabel="Cancel booking"
      submitDisabled={!ready}
    >
      <Text size="sm">
        Cancel{' '}
        <Text span ff="monospace" fw={600}>
          {booking.code}
        </Text>{' '}
        with {booking.viewerRole === 'mentor' ? booking.student.name : booking.mentor.name}?
        {booking.viewerRole === 'mentor' ? ' The student is told at once.' : ' The mentor is told at once.'}
      </Text>
      {terms}
    </ReasonForm>
  );
}
