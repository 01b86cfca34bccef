import { useEffect, useRef } from 'react';
import { useAuth } from '@/features/auth/auth-provider';
import { NextSessionCard } from '@/features/bookings/components/next-session-card';
import { DashboardPage } from '@/features/dashboard/pages/dashboard-page';
import { usePendingApplicationsCount } from '@/features/mentors/api/get-applications';
import { useMyApplication } from '@/features/mentors/api/get-my-application';
import { useMyMentorProfile } from '@/features/mentors/api/get-my-mentor-profile';
import { MyMentorStats } from '@/features/mentors/components/my-mentor-stats';
import { joinButtonIn } from './sessions';
import { useViewerTimeZone } from './viewer-time-zone';

/** Where a role's sessions are: a mentor's are booked with them, and they may have booked other mentors too. */
const sessionSides = { student: ['student'], mentor: ['mentor', 'student'] } as const;

export function DashboardRoute() {
  const { user, reloadSession } = useAuth();
  const role = user?.role;
  const application = useMyApplication({ enabled: role === 'student' });
  const mentorProfile = useMyMentorProfile({ enabled: role === 'mentor' });
  const pending = usePendingApplicationsCount({ enabled: role === 'admin' });
  const timeZone = useViewerTimeZone();
  const refreshRequested = useRef(false);
  const approvedWhileStudent = role === 'student' && application.data?.status === 'approved';

  // Approved since this session began: the token still says "student" until it is refreshed.
  useEffect(() => {
    if (approvedWhileStudent && !refreshRequested.current) {
      refreshRequested.current = true;
      reloadSession().catch(() => undefined);
    }
  }, [approvedWhileStudent, reloadSession]);

  // RequireAuth wraps this route, so there is always a user here.
  if (!user) return null;
  return (
    <DashboardPage
      user={user}
      applicationStage={application.data === undefined ? undefined : (application.data?.status ?? 'none')}
      mentorSlug={mentorProfile.data?.slug}
      pendingApplications={pending.data}
      nextSession={
        user.role === 'admin' ? undefined : <NextSessionCard roles={sessionSides[user.role]} timeZone={timeZone} renderJoin={joinButtonIn(timeZone)} />
      }
      mentorStats={user.role === 'mentor' ? <MyMentorStats /> : undefined}
    />
  );
}
