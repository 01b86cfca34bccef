import { Container, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { paths } from '@/config/paths';
import { modernTimeZone } from '@/lib/time-zone';
import type { Role, User } from '@/types/api';
import { NextStepCard, type NextStep } from '../components/next-step-card';

const roleNames: Record<Role, string> = { student: 'a student', mentor: 'a mentor', admin: 'an admin' };

const roleSteps: Record<Role, NextStep[]> = {
  student: [
    {
      title: 'Find a mentor',
      description: 'Browse vetted mentors by skill, language and price, then book a 1-to-1 session.',
      action: 'Browse mentors',
    },
  ],
  mentor: [
    {
      title: 'Set availability',
      description: 'Publish the hours students can book, in your own time zone.',
      action: 'Set availability',
    },
  ],
  admin: [
    {
      title: 'Review applications',
      description: 'Vet the mentors who applied to teach before they can take bookings.',
      action: 'Review applications',
    },
  ],
};

const profileStep: NextStep = {
  title: 'Complete your profile',
  description: 'Check your name, time zone and language so session times and emails are right for you.',
  action: 'Edit profile',
  to: paths.app.profile.getHref(),
};

export function DashboardPage({ user }: { user: User }) {
  const steps = [...roleSteps[user.role], profileStep];
  return (
    <Container size="lg" px={0}>
      <Stack gap={4} mb="xl">
        <Title order={1} size="h2">
          Welcome, {user.name}
        </Title>
        <Text c="dimmed">
          You are signed in as {roleNames[user.role]}. Times are shown in {modernTimeZone(user.timeZone).replaceAll('_', ' ')}.
        </Text>
      </Stack>
      <Title order={2} size="h4" mb="sm">
        Next steps
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
        {steps.map((step) => (
          <NextStepCard key={step.title} step={step} />
        ))}
      </SimpleGrid>
    </Container>
  );
}
