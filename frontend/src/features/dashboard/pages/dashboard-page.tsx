import { Container, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { paths } from '@/config/paths';
import { modernTimeZone } from '@/lib/time-zone';
import type { Role, User } from '@/types/api';
import { NextStepCard, type NextStep } from '../components/next-step-card';

const roleNames: Record<Role, string> = { student: 'a student', mentor: 'a mentor', admin: 'an admin' };

/** Where a student's mentor application stands; 'none' before they start one. */
export type ApplicationStage = 'none' | 'draft' | 'pending' | 'approved' | 'rejected';

export interface DashboardPageProps {
  user: User;
  /** Students: their mentor application, once known. */
  applicationStage?: ApplicationStage | undefined;
  /** Mentors: the address of their public page, once known. */
  mentorSlug?: string | null | undefined;
  /** Admins: how many applications wait for a decision, once known. */
  pendingApplications?: number | undefined;
  /** Students and mentors: their next session and the way into its call, supplied by the app. */
  nextSession?: ReactNode;
  /** Mentors: their track record (sessions, cancellations, repeat students, no-shows, rating), supplied by the app. */
  mentorStats?: ReactNode;
}

const becomeMentorSteps: Record<ApplicationStage, Pick<NextStep, 'description' | 'action'>> = {
  none: { description: 'Share what you know in paid 1-to-1 sessions. Apply in a few minutes; we review every application.', action: 'Apply to mentor' },
  draft: { description: 'Your application is saved as a draft. Pick up where you left off.', action: 'Continue your application' },
  pending: { description: 'Your application is under review. We will email you when we have decided.', action: 'View your application' },
  approved: { description: 'Your application was approved. Welcome aboard!', action: 'View your application' },
  rejected: { description: "Your application wasn't approved this time. Read the reviewer's note, edit and reapply.", action: 'See the reviewer’s note' },
};

function roleSteps({ user, applicationStage, mentorSlug, pendingApplications }: DashboardPageProps): NextStep[] {
  switch (user.role) {
    case 'student':
      return [
        {
          title: 'Find a mentor',
          description: 'Browse vetted mentors by skill, language and price, then book a 1-to-1 session.',
          action: 'Browse mentors',
          to: paths.mentors.list.getHref(),
        },
        {
          title: 'Your bookings',
          description: 'See your upcoming sessions, finish a payment, cancel or reschedule, and find your invoices.',
          action: 'My bookings',
          to: paths.app.bookings.getHref(),
        },
        {
          title: 'Become a mentor',
          ...becomeMentorSteps[applicationStage ?? 'none'],
          to: paths.app.becomeMentor.getHref(),
        },
      ];
    case 'mentor':
      return [
        {
          title: 'Your sessions',
          description: 'Sessions students booked with you, with your share of each after commission and fees.',
          action: 'My bookings',
          to: paths.app.bookings.getHref(),
        },
        {
          title: 'Edit profile',
          description: 'Keep your headline, expertise, prices and photo up to date, or pause bookings.',
          action: 'Edit profile',
          to: paths.app.mentorProfile.getHref(),
        },
        // Shown once the address is known, rather than flashing as "coming soon" meanwhile.
        ...(mentorSlug
          ? [
              {
                title: 'View public page',
                description: 'See your profile the way students see it.',
                action: 'View public page',
                to: paths.mentors.profile.getHref(mentorSlug),
              },
            ]
          : []),
        {
          title: 'Set your weekly hours',
          description: 'Publish the hours students can book, in your own time zone, plus dates off and group sessions.',
          action: 'Set availability',
          to: paths.app.availability.getHref(),
        },
      ];
    case 'admin':
      return [
        {
          title: 'Review applications',
          description: 'Vet the mentors who applied to teach before they can take bookings.',
          action: pendingApplications === undefined ? 'Review applications' : `Review applications (${pendingApplications} pending)`,
          to: paths.app.adminApplications.getHref(),
        },
      ];
  }
}

const profileStep: NextStep = {
  title: 'Complete your profile',
  description: 'Check your name, time zone and language so session times and emails are right for you.',
  action: 'Edit profile',
  to: paths.app.profile.getHref(),
};

export function DashboardPage(props: DashboardPageProps) {
  const { user } = props;
  const steps = [...roleSteps(props), { ...profileStep, action: user.role === 'mentor' ? 'Account settings' : profileStep.action }];
  return (
    <Container size="lg" px={0}>
      <Stack gap="xl">
        <Stack gap={4}>
          <Title order={1} size="h2">
            Welcome, {user.name}
          </Title>
          <Text c="dimmed">
            You are signed in as {roleNames[user.role]}. Times are shown in {modernTimeZone(user.timeZone).replaceAll('_', ' ')}.
          </Text>
        </Stack>
        {props.nextSession}
        {props.mentorStats}
        <section aria-labelledby="next-steps-title">
          <Title order={2} size="h4" mb="sm" id="next-steps-title">
            Next steps
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
            {steps.map((step) => (
              <NextStepCard key={step.title} step={step} />
            ))}
          </SimpleGrid>
        </section>
      </Stack>
    </Container>
  );
}
