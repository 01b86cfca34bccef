import { Divider, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { LoadErrorAlert } from '@/components/load-error-alert';
import { useBookingReview } from '../api/get-booking-review';
import { ReplyForm } from './reply-form';
import { ReviewCard } from './review-card';
import { ReviewForm } from './review-form';

export interface BookingReviewProps {
  bookingId: string;
  viewerRole: 'student' | 'mentor';
  mentorName: string;
  studentName: string;
  timeZone: string;
}

function Section({ title, description, children }: { title: string; description?: string; children: ReactNode }) {
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="booking-review-title">
      <Stack gap="md">
        <Stack gap={2}>
          <Title order={2} size="h4" id="booking-review-title">
            {title}
          </Title>
          {description ? (
            <Text size="sm" c="dimmed">
              {description}
            </Text>
          ) : null}
        </Stack>
        {children}
      </Stack>
    </Paper>
  );
}

/**
 * A completed session's review on its booking page: the student writes one (once), both people read it, and the
 * mentor replies to it (once). Nothing while there is no review and none may be written.
 */
export function BookingReview({ bookingId, viewerRole, mentorName, studentName, timeZone }: BookingReviewProps) {
  const review = useBookingReview(bookingId);

  if (review.isPending) return <Skeleton height={160} radius="md" role="status" aria-label="Loading the review" />;
  if (review.isError) {
    return (
      <LoadErrorAlert title="Couldn’t load the review" message={review.error.message} onRetry={() => void review.refetch()} />
    );
  }

  const written = review.data.review;
  if (written) {
    return (
      <Section title={viewerRole === 'student' ? 'Your review' : `Review from ${written.studentName}`}>
        <ReviewCard review={written} viewerRole={viewerRole} mentorName={mentorName} timeZone={timeZone} />
        {viewerRole === 'mentor' && !written.mentorReply ? (
          <>
            <Divider />
            <ReplyForm review={written} bookingId={bookingId} />
          </>
        ) : null}
      </Section>
    );
  }
  if (viewerRole === 'student' && review.data.canReview) {
    return (
      <Section title="Review your session" description={`How was your session with ${mentorName}? Your review helps other students choose.`}>
        <ReviewForm bookingId={bookingId} mentorName={mentorName} />
      </Section>
    );
  }
  if (viewerRole === 'mentor') {
    return (
      <Text size="sm" c="dimmed" data-testid="no-review-yet">
        {studentName} hasn’t reviewed this session yet.
      </Text>
    );
  }
  return null;
}
