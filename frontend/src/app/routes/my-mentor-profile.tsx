import { useAuth } from '@/features/auth/auth-provider';
import { MyMentorProfilePage } from '@/features/mentors/pages/my-mentor-profile-page';

export function MyMentorProfileRoute() {
  const { updateUser } = useAuth();
  return <MyMentorProfilePage onUserChanged={updateUser} />;
}
