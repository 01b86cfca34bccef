import { Button, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { LoadErrorAlert } from '@/components/load-error-alert';
import { formatZonedDate, zonedHhmm } from '@/lib/time-zone-clock';
import { useBookingDispute } from '../api/get-booking-dispute';
import { DisputeStatusPanel } from './dispute-status-panel';
import { ReportProblemModal } from './report-problem-modal';

export interface BookingDisputeProps {
  bookingId: string;
  viewerRole: 'student' | 'mentor';
  /** The server's `actions.dispute`: the student may report a problem now. */
  canDispute: boolean;
  /** The booking's settlement status: 'disputed' means there is a case to load. */
  settlementStatus: string | null;
  /** Until when a problem may be reported (the held payment's release). */
  releaseAt: string | null;
  mentorName: string;
  amountPaise: number;
  timeZone: string;
}

/**
 * A completed session's dispute on its booking page: while the payment is held, the student may report a problem;
 * once reported, both sides see the case (under review, or decided). Nothing when there is neither.
 */
export function BookingDispute({ bookingId, viewerRole, canDispute, settlementStatus, releaseAt, mentorName, amountPaise, timeZone }: BookingDisputeProps) {
  const [reporting, setReporting] = useState(false);
  const dispute = useBookingDispute(bookingId);

  let content = null;
  if (dispute.data?.dispute) {
    content = <DisputeStatusPanel dispute={dispute.data.dispute} viewerRole={viewerRole} timeZone={timeZone} />;
  } else if (canDispute) {
    content = (
      <Paper withBorder radius="md" p="md" component="section" aria-labelledby="report-problem-title">
        <Group justify="space-between" gap="sm">
          <Stack gap={2} style={{ flex: '1 1 16rem' }}>
            <Title order={2} size="h5" id="report-problem-title">
              Something went wrong?
            </Title>
            <Text size="sm" c="dimmed">
              {releaseAt
                ? `Report it by ${formatZonedDate(releaseAt, timeZone, 'medium')} at ${zonedHhmm(releaseAt, timeZone)}: the payment stays held until Mentor Connect decides.`
                : 'Report it: the payment stays held until Mentor Connect decides.'}
            </Text>
          </Stack>
          <Button variant="light" color="red" onClick={() => setReporting(true)}>
            Report a problem
          </Button>
        </Group>
      </Paper>
    );
  } else if (dispute.isPending && settlementStatus === 'disputed') {
    content = <Skeleton height={120} radius="md" role="status" aria-label="Loading the reported problem" />;
  } else if (dispute.isError) {
    content = (
      <LoadErrorAlert title="Couldn’t load the reported problem" message={dispute.error.message} onRetry={() => void dispute.refetch()} />
    );
  }

  return (
    <>
      {content}
      {/* Kept mounted while open: a refusal (the window just closed) turns `canDispute` off, and its message must stay readable. */}
      <ReportProblemModal
        bookingId={bookingId}
        mentorName={mentorName}
        amountPaise={amountPaise}
        opened={reporting}
        onClose={() => setReporting(false)}
        onReported={() =>
          notifications.show({ color: 'orange', title: 'Problem reported', message: 'Your payment stays held while Mentor Connect reviews the session.' })
        }
      />
    </>
  );
}
