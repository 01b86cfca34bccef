import { Badge, Group, Stack, Text } from '@mantine/core';
import { formatZonedDate } from '@/lib/time-zone-clock';
import type { Review } from '../types';
import { ReviewReply } from './review-reply';
import { ReviewStars } from './review-stars';

interface ReviewCardProps {
  review: Review;
  /** Who is reading: the review's student reads "You", the mentor reads "Your reply". */
  viewerRole: 'student' | 'mentor';
  mentorName: string;
  timeZone: string;
}

/** A written review as its two people see it: the stars, the words, whether it is on the profile, and the mentor's reply. */
export function ReviewCard({ review, viewerRole, mentorName, timeZone }: ReviewCardProps) {
  const author = viewerRole === 'student' ? 'You' : review.studentName;
  return (
    <Stack gap="sm" data-testid="review">
      <Group justify="space-between" gap="xs" wrap="wrap">
        <Group gap="xs" wrap="wrap">
          <ReviewStars rating={review.rating} size="md" />
          {!review.isPublic ? (
            <Badge color="gray" variant="light" tt="none" data-testid="review-private">
              Private
            </Badge>
          ) : null}
          {review.hidden ? (
            <Badge color="red" variant="light" tt="none">
              Hidden by Mentor Connect
            </Badge>
          ) : null}
        </Group>
        <Text size="xs" c="dimmed">
          {author} · {formatZonedDate(review.createdAt, timeZone, 'medium')}
        </Text>
      </Group>
      {review.text ? (
        <Text data-testid="review-text" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {review.text}
        </Text>
      ) : (
        <Text size="sm" c="dimmed" data-testid="review-text">
          No written review, just the stars.
        </Text>
      )}
      {!review.isPublic ? (
        <Text size="xs" c="dimmed">
          Not shown on {viewerRole === 'mentor' ? 'your' : `${mentorName}’s`} profile; the stars still count in the rating.
        </Text>
      ) : null}
      {review.mentorReply ? (
        <ReviewReply
          testId="review-reply"
          reply={review.mentorReply}
          heading={
            <>
              {viewerRole === 'mentor' ? 'Your reply' : `Reply from ${mentorName}`}
              {review.mentorRepliedAt ? ` · ${formatZonedDate(review.mentorRepliedAt, timeZone, 'medium')}` : ''}
            </>
          }
        />
      ) : null}
    </Stack>
  );
}
