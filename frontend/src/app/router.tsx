import { useMemo, type ComponentType, type ReactNode } from 'react';
import { createBrowserRouter, Outlet, RouterProvider, type RouteObject } from 'react-router-dom';
import { PageLoader } from '@/components/page-loader';
import { paths } from '@/config/paths';
import { RequireAuth } from '@/features/auth/components/require-auth';
import { RequireRole } from '@/features/auth/components/require-role';
import { AppLayout } from './layout/app-layout';
import { RootErrorBoundary, RouteErrorBoundary } from './routes/error-boundary';
import { LandingRoute } from './routes/landing';

/**
 * Every page but the landing one loads when it is first visited (react-router's `lazy`), so a first visit carries the
 * shell and the page it opens, not the whole app. `wrap` puts the loaded page inside its guard.
 */
function page(load: () => Promise<ComponentType>, wrap: (element: ReactNode) => ReactNode = (element) => element): Pick<RouteObject, 'lazy'> {
  return {
    lazy: async () => {
      const Page = await load();
      return { element: wrap(<Page />) };
    },
  };
}

/** Booking and paying are for the people who take part in sessions: students, and mentors (who can book other mentors). */
const forParticipants = (element: ReactNode) => <RequireRole roles={['student', 'mentor']}>{element}</RequireRole>;

const forAdmins = (element: ReactNode) => <RequireRole roles={['admin']}>{element}</RequireRole>;

const forMentors = (element: ReactNode) => <RequireRole roles={['mentor']}>{element}</RequireRole>;

export const routes: RouteObject[] = [
  {
    path: paths.home.path,
    element: <AppLayout />,
    errorElement: <RootErrorBoundary />,
    // The first page's code is on its way (a visit straight to /dashboard, say).
    hydrateFallbackElement: <PageLoader fullPage />,
    children: [
      {
        // Public section: an error here keeps the header, so the user can still navigate away.
        errorElement: <RouteErrorBoundary />,
        children: [
          { index: true, element: <LandingRoute /> },
          { path: paths.auth.login.path, ...page(() => import('@/features/auth/pages/login-page').then((m) => m.LoginPage)) },
          { path: paths.auth.register.path, ...page(() => import('./routes/register').then((m) => m.RegisterRoute)) },
          { path: paths.mentors.list.path, ...page(() => import('@/features/mentors/pages/mentors-page').then((m) => m.MentorsPage)) },
          { path: paths.mentors.profile.path, ...page(() => import('./routes/mentors').then((m) => m.MentorProfileRoute)) },
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
          { path: paths.app.dashboard.path, ...page(() => import('./routes/dashboard').then((m) => m.DashboardRoute)) },
          { path: paths.app.profile.path, ...page(() => import('./routes/profile').then((m) => m.ProfileRoute)) },
          { path: paths.app.notifications.path, ...page(() => import('@/features/notifications/pages/notifications-page').then((m) => m.NotificationsPage)) },
          { path: paths.app.notificationSettings.path, ...page(() => import('@/features/notifications/pages/notification-settings-page').then((m) => m.NotificationSettingsPage)) },
          { path: paths.app.becomeMentor.path, ...page(() => import('./routes/become-mentor').then((m) => m.BecomeMentorRoute)) },
          {
            path: paths.app.mentorProfile.path,
            ...page(() => import('./routes/my-mentor-profile').then((m) => m.MyMentorProfileRoute), forMentors),
          },
          {
            path: paths.app.availability.path,
            ...page(() => import('./routes/availability').then((m) => m.AvailabilityRoute), forMentors),
          },
          {
            path: paths.app.availabilitySlots.path,
            ...page(() => import('./routes/availability').then((m) => m.AvailabilitySlotsRoute), forMentors),
          },
          {
            path: paths.app.wallet.path,
            ...page(() => import('./routes/wallet').then((m) => m.WalletRoute), forMentors),
          },
          { path: paths.app.checkout.path, ...page(() => import('./routes/checkout').then((m) => m.CheckoutRoute), forParticipants) },
          { path: paths.app.bookings.path, ...page(() => import('./routes/bookings').then((m) => m.MyBookingsRoute), forParticipants) },
          { path: paths.app.booking.path, ...page(() => import('./routes/bookings').then((m) => m.BookingDetailRoute), forParticipants) },
          { path: paths.app.bookingConfirmed.path, ...page(() => import('./routes/bookings').then((m) => m.BookingConfirmedRoute), forParticipants) },
          { path: paths.app.bookingCall.path, ...page(() => import('./routes/sessions').then((m) => m.CallRoute), forParticipants) },
          { path: paths.app.messages.path, ...page(() => import('./routes/messages').then((m) => m.MessagesRoute), forParticipants) },
          { path: paths.app.payments.path, ...page(() => import('./routes/payments').then((m) => m.PaymentsRoute), forParticipants) },
          { path: paths.app.invoice.path, ...page(() => import('./routes/payments').then((m) => m.InvoiceRoute), forParticipants) },
          { path: paths.app.adminApplications.path, ...page(() => import('@/features/mentors/pages/admin-applications-page').then((m) => m.AdminApplicationsPage), forAdmins) },
          { path: paths.app.adminDisputes.path, ...page(() => import('./routes/disputes').then((m) => m.AdminDisputesRoute), forAdmins) },
          { path: paths.app.adminDispute.path, ...page(() => import('./routes/disputes').then((m) => m.AdminDisputeRoute), forAdmins) },
          { path: paths.app.adminReviews.path, ...page(() => import('./routes/reviews').then((m) => m.AdminReviewsRoute), forAdmins) },
          { path: paths.app.adminFinance.path, ...page(() => import('./routes/finance').then((m) => m.AdminFinanceRoute), forAdmins) },
          { path: paths.app.adminReconciliation.path, ...page(() => import('./routes/finance').then((m) => m.AdminReconciliationRoute), forAdmins) },
          { path: paths.app.adminAudit.path, ...page(() => import('./routes/finance').then((m) => m.AdminAuditRoute), forAdmins) },
          { path: paths.app.adminWithdrawals.path, ...page(() => import('./routes/wallet').then((m) => m.AdminWithdrawalsRoute), forAdmins) },
        ],
      },
      { path: '*', ...page(() => import('./routes/not-found').then((m) => m.NotFoundRoute)) },
    ],
  },
];

export function AppRouter() {
  const router = useMemo(() => createBrowserRouter(routes), []);
  return <RouterProvider router={router} />;
}
