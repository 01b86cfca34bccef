import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { paths } from '@/config/paths';
import { apiClient } from '@/lib/api-client';
import { useAuth } from '../auth-provider';

/** POST /api/auth/logout: revokes the refresh token and clears its cookie (204). */
export async function logout(): Promise<void> {
  await apiClient.post('/api/auth/logout');
}

export function useLogout() {
  const { endSession } = useAuth();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: logout,
    // Forget the session locally even if the server couldn't be reached: the user asked to leave.
    // (Options given here still run after the menu that started the logout has unmounted.)
    onSettled: () => {
      endSession('logout');
      notifications.show({ title: 'Logged out', message: 'See you soon.' });
      void navigate(paths.auth.login.getHref(), { replace: true });
    },
  });
}
