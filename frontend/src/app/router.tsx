import { useMemo, type ReactNode } from 'react';
import { createBrowserRouter, Outlet, RouterProvider, type RouteObject } from 'react-router-dom';
import { paths } from '@/config/paths';
import { RequireAuth } from '@/features/auth/components/require-auth';
import { RequireRole } from '@/features/auth/components/require-role';
import { LoginPage } from '@/features/auth/pages/login-page';
import { AdminApplicationsPage } from '@/features/mentors/pages/admin-applications-page';
import { MentorsPage } from '@/features/mentors/pages/mentors-page';
import { NotificationSettingsPage } from '@/features/notifications/pages/notification-settings-page';
import { NotificationsPage } from '@/features/notifications/pages/notifications-page';
import { AppLayout } from './layout/app-layout';
import { AvailabilityRoute, AvailabilitySlotsRoute } from './routes/availability';
import { BecomeMentorRoute } from './routes/become-mentor';
import { BookingConfirmedRoute, BookingDetailRoute, MyBookingsRoute } from './routes/bookings';
import { CheckoutRoute } from './routes/checkout';
import { DashboardRoute } from './routes/dashboard';
import { AdminDisputeRoute, AdminDisputesRoute } from './routes/disputes';
import { AdminAuditRoute, AdminFinanceRoute, AdminReconciliationRoute } from './routes/finance';
import { RootErrorBoundary, RouteErrorBoundary } from './routes/error-boundary';
import { LandingRoute } from './routes/landing';
import { MentorProfileRoute } from './routes/mentors';
import { MessagesRoute } from './routes/messages';
import { MyMentorProfileRoute } from './routes/my-mentor-profile';
import { NotFoundRoute } from './routes/not-found';
import { InvoiceRoute, PaymentsRoute } from './routes/payments';
import { ProfileRoute } from './routes/profile';
import { RegisterRoute } from './routes/register';
import { AdminReviewsRoute } from './routes/reviews';
import { CallRoute } from './routes/sessions';
import { AdminWithdrawalsRoute, WalletRoute } from './routes/wallet';

/** Booking and paying are for the people who take part in sessions: students, and mentors (who can book other mentors). */
const forParticipants = (element: ReactNode) => <RequireRole roles={['student', 'mentor']}>{element}</RequireRole>;

const forAdmins = (element: ReactNode) => <RequireRole roles={['admin']}>{element}</RequireRole>;

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
          { path: paths.mentors.list.path, element: <MentorsPage /> },
          { path: paths.mentors.profile.path, element: <MentorProfileRoute /> },
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
          { path: paths.app.notifications.path, element: <NotificationsPage /> },
          { path: paths.app.notificationSettings.path, element: <NotificationSettingsPage /> },
          { path: paths.app.becomeMentor.path, element: <BecomeMentorRoute /> },
          {
            path: paths.app.mentorProfile.path,
            element: (
              <RequireRole roles={['mentor']}>
                <MyMentorProfileRoute />
              </RequireRole>
            ),
          },
          {
            path: paths.app.availability.path,
            element: (
              <RequireRole roles={['mentor']}>
                <AvailabilityRoute />
              </RequireRole>
            ),
          },
          {
            path: paths.app.availabilitySlots.path,
            element: (
              <RequireRole roles={['mentor']}>
                <AvailabilitySlotsRoute />
              </RequireRole>
            ),
          },
          {
            path: paths.app.wallet.path,
            element: (
              <RequireRole roles={['mentor']}>
                <WalletRoute />
              </RequireRole>
            ),
          },
          { path: paths.app.checkout.path, element: forParticipants(<CheckoutRoute />) },
          { path: paths.app.bookings.path, element: forParticipants(<MyBookingsRoute />) },
          { path: paths.app.booking.path, element: forParticipants(<BookingDetailRoute />) },
          { path: paths.app.bookingConfirmed.path, element: forParticipants(<BookingConfirmedRoute />) },
          { path: paths.app.bookingCall.path, element: forParticipants(<CallRoute />) },
          { path: paths.app.messages.path, element: forParticipants(<MessagesRoute />) },
          { path: paths.app.payments.path, element: forParticipants(<PaymentsRoute />) },
          { path: paths.app.invoice.path, element: forParticipants(<InvoiceRoute />) },
          { path: paths.app.adminApplications.path, element: forAdmins(<AdminApplicationsPage />) },
          { path: paths.app.adminDisputes.path, element: forAdmins(<AdminDisputesRoute />) },
          { path: paths.app.adminDispute.path, element: forAdmins(<AdminDisputeRoute />) },
          { path: paths.app.adminReviews.path, element: forAdmins(<AdminReviewsRoute />) },
          { path: paths.app.adminFinance.path, element: forAdmins(<AdminFinanceRoute />) },
          { path: paths.app.adminReconciliation.path, element: forAdmins(<AdminReconciliationRoute />) },
          { path: paths.app.adminAudit.path, element: forAdmins(<AdminAuditRoute />) },
          { path: paths.app.adminWithdrawals.path, element: forAdmins(<AdminWithdrawalsRoute />) },
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
