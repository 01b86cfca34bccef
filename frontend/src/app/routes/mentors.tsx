import { useParams } from 'react-router-dom';
import { MentorProfilePage } from '@/features/mentors/pages/mentor-profile-page';
import type { MentorProfile } from '@/features/mentors/types';
import { MentorBookingPanel } from './availability-booking';

const renderBooking = (mentor: MentorProfile) => <MentorBookingPanel mentor={mentor} />;

export function MentorProfileRoute() {
  const { slug = '' } = useParams();
  // A new slug is a new page: its own review pages and state.
  return <MentorProfilePage key={slug} slug={slug} renderBooking={renderBooking} />;
}
