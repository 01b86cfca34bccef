import { Anchor, Group, Paper, Skeleton, Stack, Title } from '@mantine/core';
import { Link } from 'react-router-dom';
import { LoadErrorAlert } from '@/components/load-error-alert';
import { paths } from '@/config/paths';
import { useMyMentorProfile } from '../api/get-my-mentor-profile';
import { MentorStats } from './mentor-stats';

/** The signed-in mentor's track record, as students see it on their profile: for the dashboard. */
export function MyMentorStats() {
  const profile = useMyMentorProfile();

  if (profile.isPending) return <Skeleton height={132} radius="md" role="status" aria-label="Loading your track record" />;
  if (profile.isError) {
    return (
      <LoadErrorAlert title="Couldn’t load your track record" message={profile.error.message} onRetry={() => void profile.refetch()} />
    );
  }
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="my-track-record-title">
      <Stack gap="md">
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Title order={2} size="h4" id="my-track-record-title">
            Your track record
          </Title>
          <Anchor component={Link} to={paths.mentors.profile.getHref(profile.data.slug)} size="sm">
            As students see it
          </Anchor>
        </Group>
        <MentorStats stats={profile.data.stats} perspective="own" />
      </Stack>
    </Paper>
  );
}
