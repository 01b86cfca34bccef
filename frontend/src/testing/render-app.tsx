import { MantineProvider } from '@mantine/core';
import { Notifications, notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { createMemoryRouter, RouterProvider, type RouteObject } from 'react-router-dom';
import { theme } from '@/app/theme';
import { AuthProvider } from '@/features/auth/auth-provider';
import { createQueryClient } from '@/lib/query-client';
import { RealtimeContext, type Realtime } from '@/lib/realtime';
import { createFakeRealtime } from './fake-socket';

/**
 * Renders a page with the app's real providers (Mantine, TanStack Query, AuthProvider) on a memory
 * router. The AuthProvider restores the session on mount exactly as in the app, so the fetch the
 * test installs must answer POST /api/auth/refresh as well. Live sockets are fakes (testing/fake-socket) that never
 * connect unless the test gives its own `realtime` and connects them.
 */
export function renderWithApp(routes: RouteObject[], { initialPath = '/', realtime = createFakeRealtime() }: { initialPath?: string; realtime?: Realtime } = {}) {
  // Mantine keeps toasts in a module-level store; start each render without the last test's.
  notifications.clean();
  const router = createMemoryRouter(routes, { initialEntries: [initialPath] });
  const queryClient = createQueryClient();
  const view = render(
    <MantineProvider theme={theme} env="test">
      <Notifications />
      <QueryClientProvider client={queryClient}>
        <RealtimeContext value={realtime}>
          <AuthProvider>
            <RouterProvider router={router} />
          </AuthProvider>
        </RealtimeContext>
      </QueryClientProvider>
    </MantineProvider>,
  );
  return { ...view, router, queryClient, realtime };
}
