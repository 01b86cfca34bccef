import { useAuth } from '@/features/auth/auth-provider';
import { ProfilePage } from '@/features/users/pages/profile-page';

export function ProfileRoute() {
  const { updateUser } = useAuth();
  return <ProfilePage onSaved={updateUser} />;
}
