import { Badge } from '@mantine/core';
import type { BookingStatus } from '../types';
import { bookingStatusColors, bookingStatusLabels } from '../utils/labels';

export function BookingStatusBadge({ status }: { status: BookingStatus }) {
  return (
    <Badge color={bookingStatusColors[status]} variant="light" tt="none" style={{ flexShrink: 0 }}>
      {bookingStatusLabels[status]}
    </Badge>
  );
}
