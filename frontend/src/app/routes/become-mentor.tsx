import { useCallback } from 'react';
import { useAuth } from '@/features/auth/auth-provider';
import { BecomeMentorPage } from '@/features/mentors/pages/become-mentor-page';

export function BecomeMentorRoute() {
  const { user, reloadSession } = useAuth();
  // The role travels in the access token: a fresh one makes the mentor's pages appear at once.
  const onApprovedWhileStudent = useCallback(() => void reloadSession().catch(() => undefined), [reloadSession]);
  // RequireAuth wraps this route, so there is always a user here.
  if (!user) return null;
  return <BecomeMentorPage role={user.role} timeZone={user.timeZone} onApprovedWhileStudent={onApprovedWhileStudent} />;
}
