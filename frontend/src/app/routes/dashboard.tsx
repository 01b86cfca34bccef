import { useAuth } from '@/features/auth/auth-provider';
import { DashboardPage } from '@/features/dashboard/pages/dashboard-page';

export function DashboardRoute() {
  const { user } = useAuth();
  // RequireAuth wraps this route, so there is always a user here.
  return user ? <DashboardPage user={user} /> : null;
}
