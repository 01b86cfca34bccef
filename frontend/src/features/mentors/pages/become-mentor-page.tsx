import { Button, Container, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { EmptyState } from '@/components/empty-state';
import { ErrorState } from '@/components/error-state';
import { PageLoader } from '@/components/page-loader';
import { paths } from '@/config/paths';
import type { Role } from '@/types/api';
import { useMyApplication } from '../api/get-my-application';
import { ApplicationForm } from '../components/application-form';
import { ApplicationStatus } from '../components/application-status';

interface BecomeMentorPageProps {
  role: Role;
  timeZone: string;
  /**
   * The application is approved but the session still says "student" (the role travels in the access
   * token): the app should refresh the session so the mentor's pages appear without logging in again.
   */
  onApprovedWhileStudent: () => void;
}

export function BecomeMentorPage({ role, timeZone, onApprovedWhileStudent }: BecomeMentorPageProps) {
  const application = useMyApplication({ enabled: role !== 'admin' });
  const [reapplying, setReapplying] = useState(false);
  const refreshRequested = useRef(false);
  const status = application.data?.status;

  useEffect(() => {
    if (status === 'approved' && role === 'student' && !refreshRequested.current) {
      refreshRequested.current = true;
      onApprovedWhileStudent();
    }
  }, [status, role, onApprovedWhileStudent]);

  let content;
  if (role === 'admin') {
    content = (
      <EmptyState title="Admins don't apply" description="Admin accounts review applications rather than send them.">
        <Button component={Link} to={paths.app.adminApplications.getHref()} mt="sm">
          Review applications
        </Button>
      </EmptyState>
    );
  } else if (application.isPending) {
    content = <PageLoader label="Loading your application…" />;
  } else if (application.isError) {
    content = (
      <ErrorState title="Couldn't load your application" message={application.error.message} onRetry={() => void application.refetch()} />
    );
  } else if (role === 'mentor' && application.data?.status !== 'approved') {
    // Made a mentor some other way (an admin, or seeded): there is no application to show.
    content = (
      <EmptyState title="You're already a mentor" description="Your public profile is live. Keep it up to date from your profile page.">
        <Button component={Link} to={paths.app.mentorProfile.getHref()} mt="sm">
          Edit your profile
        </Button>
      </EmptyState>
    );
  } else {
    const current = application.data;
    const editable = !current || current.status === 'draft' || (current.status === 'rejected' && reapplying);
    content = editable ? (
      <ApplicationForm
        application={current}
        userTimeZone={timeZone}
        initialStep={current?.status === 'rejected' ? 0 : undefined}
        onLocked={() => void application.refetch()}
      />
    ) : (
      <ApplicationStatus application={current} onReapply={() => setReapplying(true)} />
    );
  }

  return (
    <Container size="md" px={0}>
      <Stack gap={4} mb="lg">
        <Title order={1} size="h2">
          Become a mentor
        </Title>
        <Text c="dimmed">Share what you know in paid 1-to-1 sessions. Tell us about yourself; our team reviews every application.</Text>
      </Stack>
      {content}
    </Container>
  );
}
