import { Anchor, Badge, Button, Card, Collapse, Divider, Group, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { Link } from 'react-router-dom';
import { paths } from '@/config/paths';
import { ApiError } from '@/lib/api-client';
import { useApproveApplication } from '../api/approve-application';
import type { AdminApplication } from '../types';
import { ApplicationSummary } from './application-summary';

const dateTime = (iso: string | null) => (iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : '—');

interface ApplicationReviewCardProps {
  application: AdminApplication;
  onReject: (application: AdminApplication) => void;
}

/** One application in the admin's queue: who applied and their headline, the whole application on demand, and the decision. */
export function ApplicationReviewCard({ application, onReject }: ApplicationReviewCardProps) {
  const [expanded, details] = useDisclosure(false);
  const approve = useApproveApplication();
  const detailsId = `application-${application.id}-details`;
  const { applicant } = application;

  function onApprove() {
    approve.mutate(application.id, {
      onSuccess: () =>
        notifications.show({ color: 'teal', title: 'Application approved', message: `${applicant.name} is now a mentor.` }),
      onError: (error) =>
        notifications.show({
          color: 'red',
          title: "Couldn't approve the application",
          message: error instanceof ApiError ? (error.detail ?? error.title) : 'Something went wrong. Please try again.',
        }),
    });
  }

  return (
    <Card withBorder radius="md" padding="lg" component="article" aria-label={`Application from ${applicant.name}`}>
      <Stack gap="sm">
        <Stack gap={2}>
          <Text fw={700} size="lg">
            {applicant.name}
          </Text>
          <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {applicant.email}
          </Text>
          <Text size="xs" c="dimmed">
            {application.status === 'pending' ? `Submitted ${dateTime(application.submittedAt)}` : `Decided ${dateTime(application.decidedAt)}`}
          </Text>
        </Stack>
        <Text fw={500}>{application.headline}</Text>
        <Group gap={6}>
          {application.sessionTopics.map((topic) => (
            <Badge key={topic} variant="light" color="indigo" tt="none" fw={500}>
              {topic}
            </Badge>
          ))}
        </Group>
        {application.status === 'rejected' && application.rejectionReason ? (
          <Text size="sm">
            <Text span fw={600} size="sm">
              Reason given:
            </Text>{' '}
            {application.rejectionReason}
          </Text>
        ) : null}
        <Collapse expanded={expanded} id={detailsId}>
          <Divider mb="md" mt="xs" />
          <ApplicationSummary details={application} />
        </Collapse>
        <Group justify="space-between" gap="sm" mt="xs">
          <Button variant="subtle" onClick={details.toggle} aria-expanded={expanded} aria-controls={detailsId} px={0}>
            {expanded ? 'Hide the application' : 'Read the full application'}
          </Button>
          {application.status === 'pending' ? (
            <Group gap="sm">
              <Button color="red" variant="light" onClick={() => onReject(application)} disabled={approve.isPending}>
                Reject
              </Button>
              <Button color="teal" onClick={onApprove} loading={approve.isPending}>
                Approve
              </Button>
            </Group>
          ) : null}
          {application.status === 'approved' && application.mentorSlug ? (
            <Anchor component={Link} to={paths.mentors.profile.getHref(application.mentorSlug)} size="sm">
              View public page
            </Anchor>
          ) : null}
        </Group>
      </Stack>
    </Card>
  );
}
