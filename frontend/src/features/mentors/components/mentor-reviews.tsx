import { Box, Group, Paper, Rating, Skeleton, Stack, Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { ErrorState } from '@/components/error-state';
import { ListPagination } from '@/components/list-pagination';
import { REVIEWS_PAGE_SIZE, useMentorReviews, type Review } from '../api/get-mentor-reviews';

/** What may be done with one review (reporting it), drawn under it by another feature; the app supplies it. */
export type RenderReviewActions = (review: Review) => ReactNode;

interface MentorReviewsProps {
  slug: string;
  renderActions?: RenderReviewActions | undefined;
}

/** A mentor's public reviews, newest first, a page at a time. */
export function MentorReviews({ slug, renderActions }: MentorReviewsProps) {
  const [page, setPage] = useState(1);
  const reviews = useMentorReviews(slug, page);

  if (reviews.isPending) {
    return (
      <Stack gap="sm" role="status" aria-label="Loading reviews">
        <Skeleton height={72} />
        <Skeleton height={72} />
      </Stack>
    );
  }
  if (reviews.isError) {
    return <ErrorState title="Couldn't load reviews" message={reviews.error.message} onRetry={() => void reviews.refetch()} />;
  }
  if (reviews.data.items.length === 0) {
    return (
      <Paper withBorder radius="md" p="lg" ta="center">
        <Text fw={600}>No reviews yet</Text>
        <Text size="sm" c="dimmed">
          Reviews from students appear here after their sessions.
        </Text>
      </Paper>
    );
  }
  return (
    <Stack gap="sm">
      <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {reviews.data.items.map((review) => (
          <Paper key={review.id} component="li" withBorder radius="md" p="md">
            <Stack gap={6}>
              <Group justify="space-between" gap="xs">
                <Group gap="xs">
                  <Rating value={review.rating} readOnly size="sm" role="img" aria-label={`${review.rating} out of 5`} />
                  <Text fw={600} size="sm">
                    {review.studentName}
                  </Text>
                </Group>
                <Text size="xs" c="dimmed">
                  {new Date(review.createdAt).toLocaleDateString(undefined, { dateStyle: 'medium' })}
                </Text>
              </Group>
              <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
                {review.text}
              </Text>
              {review.mentorReply ? (
                <Box pl="sm" style={{ borderLeft: '2px solid var(--mantine-color-violet-5)' }}>
                  <Text size="xs" c="dimmed" fw={600}>
                    Mentor's reply
                  </Text>
                  <Text size="sm">{review.mentorReply}</Text>
                </Box>
              ) : null}
              {renderActions ? <Group justify="flex-end">{renderActions(review)}</Group> : null}
            </Stack>
          </Paper>
        ))}
      </Stack>
      <ListPagination page={page} pageSize={REVIEWS_PAGE_SIZE} total={reviews.data.total} onChange={setPage} label="Review pages" />
    </Stack>
  );
}
