import { useParams } from 'react-router-dom';
import { useAuth } from '@/features/auth/auth-provider';
import { MentorProfilePage } from '@/features/mentors/pages/mentor-profile-page';
import type { MentorProfile } from '@/features/mentors/types';
import { MentorBookingPanel } from './availability-booking';
import { reportReviewAction } from './reviews';

const renderBooking = (mentor: MentorProfile) => <MentorBookingPanel mentor={mentor} />;

export function MentorProfileRoute() {
  const { slug = '' } = useParams();
  const { user } = useAuth();
  // A new slug is a new page: its own review pages and state. Only someone signed in can report a review; only a
  // student can message a mentor.
  return (
    <MentorProfilePage
      key={slug}
      slug={slug}
      renderBooking={renderBooking}
      renderReviewActions={user ? reportReviewAction : undefined}
      canMessage={user?.role === 'student'}
    />
  );
}
