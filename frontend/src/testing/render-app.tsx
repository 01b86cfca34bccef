import { MantineProvider } from '@mantine/core';
import { Notifications, notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { createMemoryRouter, RouterProvider, type RouteObject } from 'react-router-dom';
import { theme } from '@/app/theme';
import { AuthProvider } from '@/features/auth/auth-provider';
import { createQueryClient } from '@/lib/query-client';

/**
 * Renders a page with the app's real providers (Mantine, TanStack Query, AuthProvider) on a memory
 * router. The AuthProvider restores the session on mount exactly as in the app, so the fetch the
 * test installs must answer POST /api/auth/refresh as well.
 */
export function renderWithApp(routes: RouteObject[], { initialPath = '/' }: { initialPath?: string } = {}) {
  // Mantine keeps toasts in a module-level store; start each render without the last test's.
  notifications.clean();
  const router = createMemoryRouter(routes, { initialEntries: [initialPath] });
  const queryClient = createQueryClient();
  const view = render(
    <MantineProvider theme={theme} env="test">
      <Notifications />
      <QueryClientProvider client={queryClient}>
        <AuthProvider>
          <RouterProvider router={router} />
        </AuthProvider>
      </QueryClientProvider>
    </MantineProvider>,
  );
  return { ...view, router, queryClient };
}
