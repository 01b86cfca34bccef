import { Alert, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router-dom';
import { paths } from '@/config/paths';
import type { Application } from '../types';
import { ApplicationSummary } from './application-summary';

const dateText = (iso: string | null) => (iso ? new Date(iso).toLocaleDateString(undefined, { dateStyle: 'medium' }) : null);

interface ApplicationStatusProps {
  application: Application;
  /** Rejected applications only: open the form again, prefilled. */
  onReapply?: () => void;
}

/** A submitted application: under review, approved (with links to the mentor's pages) or rejected (with the reason). */
export function ApplicationStatus({ application, onReapply }: ApplicationStatusProps) {
  const submitted = dateText(application.submittedAt);
  const decided = dateText(application.decidedAt);

  return (
    <Stack gap="lg">
      {application.status === 'pending' ? (
        <Alert color="blue" variant="light" title="Your application is under review" role="status">
          <Stack gap={4}>
            <Text size="sm">
              {submitted ? `Submitted on ${submitted}. ` : ''}Our team reviews every application, usually within a few days. We'll
              email you and send a notification when we have decided.
            </Text>
            <Text size="sm" c="dimmed">
              You can't change your application while it is being reviewed.
            </Text>
          </Stack>
        </Alert>
      ) : null}
      {application.status === 'approved' ? (
        <Alert color="teal" variant="light" title="You're a mentor on Mentor Connect" role="status">
          <Stack gap="sm">
            <Text size="sm">
              {decided ? `Approved on ${decided}. ` : ''}Your public profile is live: students can find you in search.
            </Text>
            <Group gap="sm">
              <Button component={Link} to={paths.app.mentorProfile.getHref()}>
                Edit your profile
              </Button>
              {application.mentorSlug ? (
                <Button component={Link} to={paths.mentors.profile.getHref(application.mentorSlug)} variant="default">
                  View your public page
                </Button>
              ) : null}
            </Group>
          </Stack>
        </Alert>
      ) : null}
      {application.status === 'rejected' ? (
        <Alert color="red" variant="light" title="Your application was not approved" role="status">
          <Stack gap="sm">
            <Text size="sm">{decided ? `Reviewed on ${decided}. ` : ''}Here is what the reviewer said:</Text>
            <Text size="sm" fw={500} style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }} data-testid="rejection-reason">
              {application.rejectionReason ?? 'No reason was given.'}
            </Text>
            {onReapply ? (
              <Group>
                <Button onClick={onReapply}>Edit and reapply</Button>
              </Group>
            ) : null}
          </Stack>
        </Alert>
      ) : null}
      {application.status !== 'approved' ? (
        <Paper withBorder radius="md" p={{ base: 'md', sm: 'xl' }}>
          <Stack gap="md">
            <Group justify="space-between">
              <Title order={2} size="h4">
                Your application
              </Title>
              <Badge variant="light" color={application.status === 'rejected' ? 'red' : 'blue'}>
                {application.status === 'rejected' ? 'Not approved' : 'Under review'}
              </Badge>
            </Group>
            <ApplicationSummary details={application} />
          </Stack>
        </Paper>
      ) : null}
    </Stack>
  );
}
