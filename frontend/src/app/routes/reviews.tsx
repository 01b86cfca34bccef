import type { RenderReview } from '@/features/bookings/types';
import type { RenderReviewActions } from '@/features/mentors/components/mentor-reviews';
import { BookingReview } from '@/features/reviews/components/booking-review';
import { ReportReviewButton } from '@/features/reviews/components/report-review-button';
import { AdminReviewsPage } from '@/features/reviews/pages/admin-reviews-page';
import { useViewerTimeZone } from './viewer-time-zone';

/** The reviews feature's part of a completed booking's page: the student's review, and the mentor's reply. */
export const reviewIn =
  (timeZone: string): RenderReview =>
  (booking) => (
    <BookingReview
      bookingId={booking.id}
      viewerRole={booking.viewerRole}
      mentorName={booking.mentor.name}
      studentName={booking.student.name}
      timeZone={timeZone}
    />
  );

/** "Report" under each review on a mentor's public profile, for people who are signed in. */
export const reportReviewAction: RenderReviewActions = (review) => <ReportReviewButton reviewId={review.id} studentName={review.studentName} />;

/** /admin/reviews */
export function AdminReviewsRoute() {
  const timeZone = useViewerTimeZone();
  return <AdminReviewsPage timeZone={timeZone} />;
}
