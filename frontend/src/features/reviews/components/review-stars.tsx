import { Rating } from '@mantine/core';

/** A review's stars, read-only: one picture with its value in words for screen readers. */
export function ReviewStars({ rating, size = 'sm' }: { rating: number; size?: 'sm' | 'md' }) {
  return <Rating value={rating} readOnly size={size} role="img" aria-label={`${rating} out of 5 stars`} data-testid="review-stars" />;
}
