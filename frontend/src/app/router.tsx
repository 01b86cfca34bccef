import { useMemo } from 'react';
import { createBrowserRouter, Outlet, RouterProvider, type RouteObject } from 'react-router-dom';
import { paths } from '@/config/paths';
import { RequireAuth } from '@/features/auth/components/require-auth';
import { LoginPage } from '@/features/auth/pages/login-page';
import { AppLayout } from './layout/app-layout';
import { DashboardRoute } from './routes/dashboard';
import { RootErrorBoundary, RouteErrorBoundary } from './routes/error-boundary';
import { LandingRoute } from './routes/landing';
import { NotFoundRoute } from './routes/not-found';
import { ProfileRoute } from './routes/profile';
import { RegisterRoute } from './routes/register';

export const routes: RouteObject[] = [
  {
    path: paths.home.path,
    element: <AppLayout />,
    errorElement: <RootErrorBoundary />,
    children: [
      {
        // Public section: an error here keeps the header, so the user can still navigate away.
        errorElement: <RouteErrorBoundary />,
        children: [
          { index: true, element: <LandingRoute /> },
          { path: paths.auth.login.path, element: <LoginPage /> },
          { path: paths.auth.register.path, element: <RegisterRoute /> },
        ],
      },
      {
        // Signed-in section.
        element: (
          <RequireAuth>
            <Outlet />
          </RequireAuth>
        ),
        errorElement: <RouteErrorBoundary />,
        children: [
          { path: paths.app.dashboard.path, element: <DashboardRoute /> },
          { path: paths.app.profile.path, element: <ProfileRoute /> },
        ],
      },
      { path: '*', element: <NotFoundRoute /> },
    ],
  },
];

export function AppRouter() {
  const router = useMemo(() => createBrowserRouter(routes), []);
  return <RouterProvider router={router} />;
}
