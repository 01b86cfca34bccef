import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type ReactNode } from 'react';
import { ApiError } from '@/lib/api-client';
import { formatZonedDate, formatZonedRange, zonedHhmm } from '@/lib/time-zone-clock';
import { useRescheduleBooking } from '../api/reschedule-booking';
import type { Booking } from '../types';

/** What the app's time picker (the mentor's free times, from the availability feature) is given. */
export interface TimePickerRenderProps {
  mentorSlug: string;
  durationMinutes: number;
  timeZone: string;
  value: string | null;
  onChange: (startsAt: string | null) => void;
}

export type RenderTimePicker = (props: TimePickerRenderProps) => ReactNode;

interface RescheduleBookingModalProps {
  booking: Booking;
  opened: boolean;
  onClose: () => void;
  timeZone: string;
  renderTimePicker: RenderTimePicker;
}

/** Moves a confirmed 1-to-1 booking to another free time of the mentor's, once, without paying again. */
export function RescheduleBookingModal({ booking, opened, onClose, timeZone, renderTimePicker }: RescheduleBookingModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title="Reschedule booking" centered size="lg">
      {opened ? <RescheduleForm booking={booking} onClose={onClose} timeZone={timeZone} renderTimePicker={renderTimePicker} /> : null}
    </Modal>
  );
}

function RescheduleForm({ booking, onClose, timeZone, renderTimePicker }: Omit<RescheduleBookingModalProps, 'opened'>) {
  const [startsAt, setStartsAt] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reschedule = useRescheduleBooking();
  const endsAt = startsAt ? new Date(new Date(startsAt).getTime() + booking.durationMinutes * 60_000).toISOString() : null;

  async function submit() {
    if (!startsAt) return;
    setError(null);
    try {
      const moved = await reschedule.mutateAsync({ id: booking.id, startsAt });
      notifications.show({ color: 'teal', title: 'Booking moved', message: `Now ${formatZonedRange(moved.startsAt, moved.endsAt, timeZone)}.` });
      onClose();
    } catch (failure) {
      if (failure instanceof ApiError && failure.code === 'slot_unavailable') {
        setError('That time was just taken — pick another.');
        setStartsAt(null);
      } else if (failure instanceof ApiError) {
        setError(failure.errors.map((problem) => problem.message).join(' ') || failure.detail || failure.title);
      } else {
        setError('Something went wrong. Please try again.');
      }
    }
  }

  return (
    <Stack gap="md">
      <Alert color="blue" variant="light" title="You can reschedule once">
        Pick a new {booking.durationMinutes}-minute time at least 4 hours ahead. You won’t pay again, and{' '}
        {booking.viewerRole === 'mentor' ? 'the student' : 'the mentor'} is told.
      </Alert>
      <Text size="sm">
        Now: <strong>{formatZonedRange(booking.startsAt, booking.endsAt, timeZone)}</strong>
      </Text>
      {renderTimePicker({ mentorSlug: booking.mentor.slug, durationMinutes: booking.durationMinutes, timeZone, value: startsAt, onChange: setStartsAt })}
      {startsAt && endsAt ? (
        <Text size="sm" data-testid="reschedule-new-time">
          New time: <strong>{formatZonedRange(startsAt, endsAt, timeZone)}</strong>
        </Text>
      ) : null}
      {/* A mentor's cancellation refunds in full; the tier rule is the student's. */}
      {booking.viewerRole === 'student' ? (
        <Text size="sm" c="dimmed" data-testid="reschedule-refund-note">
          If you cancel later, the refund is still measured from {formatZonedDate(booking.refundMeasuredFrom, timeZone, 'medium')} at{' '}
          {zonedHhmm(booking.refundMeasuredFrom, timeZone)}.
        </Text>
      ) : null}
      {error ? (
        <Alert color="red" variant="light" title="Couldn't move the booking" role="alert">
          {error}
        </Alert>
      ) : null}
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={onClose} disabled={reschedule.isPending}>
          Keep current time
        </Button>
        <Button onClick={() => void submit()} disabled={!startsAt} loading={reschedule.isPending}>
          Move booking
        </Button>
      </Group>
    </Stack>
  );
}
