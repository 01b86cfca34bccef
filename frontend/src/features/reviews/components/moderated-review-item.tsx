import { Box, Button, Card, Group, Stack, Text, VisuallyHidden } from '@mantine/core';
import { formatZonedDate, zonedHhmm } from '@/lib/time-zone-clock';
import type { ModerationAction } from '../api/moderate-review';
import type { ModeratedReview } from '../types';
import { ReviewReply } from './review-reply';
import { ReviewStars } from './review-stars';

interface ModeratedReviewItemProps {
  review: ModeratedReview;
  timeZone: string;
  /** Asks the page to confirm, then carry out, a decision on this review. */
  onDecide: (review: ModeratedReview, action: ModerationAction) => void;
}

const when = (at: string, timeZone: string) => `${formatZonedDate(at, timeZone, 'medium')} at ${zonedHhmm(at, timeZone)}`;

/** One review in the admin's queue: on whose profile, by whom, the stars and words, every report, and the decision buttons. */
export function ModeratedReviewItem({ review, timeZone, onDecide }: ModeratedReviewItemProps) {
  const label = `Review of ${review.mentorName} by ${review.studentName}`;
  return (
    <Card withBorder radius="md" padding="md" component="article" aria-label={label}>
      <Stack gap="sm">
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Text fw={600}>
            {review.studentName} <span aria-hidden>→</span>
            <VisuallyHidden>about</VisuallyHidden> {review.mentorName}
          </Text>
          <ReviewStars rating={review.rating} />
        </Group>
        <Text size="xs" c="dimmed">
          Written {formatZonedDate(review.createdAt, timeZone, 'medium')}
          {review.isPublic ? ' · public' : ' · private (not on the profile)'}
        </Text>
        {review.text ? (
          <Text size="sm" data-testid="moderated-review-text" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {review.text}
          </Text>
        ) : (
          <Text size="sm" c="dimmed" data-testid="moderated-review-text">
            No written review, just the stars.
          </Text>
        )}
        {review.mentorReply ? (
          <ReviewReply heading={`Reply from ${review.mentorName}`} reply={review.mentorReply} />
        ) : null}
        {review.reports.length > 0 ? (
          <Box>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600} id={`reports-${review.id}`}>
              {review.reports.length === 1 ? '1 report' : `${review.reports.length} reports`}
            </Text>
            <Stack gap={4} component="ul" m={0} pl="md" aria-labelledby={`reports-${review.id}`} data-testid="review-reports">
              {review.reports.map((report, index) => (
                <Text component="li" size="sm" key={`${report.at}-${index}`} style={{ overflowWrap: 'anywhere' }}>
                  “{report.reason}”{' '}
                  <Text span size="xs" c="dimmed">
                    · {when(report.at, timeZone)}
                  </Text>
                </Text>
              ))}
            </Stack>
          </Box>
        ) : null}
        <Group justify="flex-end" gap="sm">
          {review.hidden ? (
            <Button variant="light" onClick={() => onDecide(review, 'restore')}>
              Restore
            </Button>
          ) : (
            <>
              <Button variant="default" onClick={() => onDecide(review, 'restore')}>
                Keep visible
              </Button>
              <Button color="red" variant="light" onClick={() => onDecide(review, 'hide')}>
                Hide
              </Button>
            </>
          )}
        </Group>
      </Stack>
    </Card>
  );
}
