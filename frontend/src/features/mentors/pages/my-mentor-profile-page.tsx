import { Button, Container, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router-dom';
import { ErrorState } from '@/components/error-state';
import { PageLoader } from '@/components/page-loader';
import { paths } from '@/config/paths';
import type { User } from '@/types/api';
import { useMyMentorProfile } from '../api/get-my-mentor-profile';
import { AcceptingBookingsSwitch } from '../components/accepting-bookings-switch';
import { AvatarUpload } from '../components/avatar-upload';
import { MentorProfileForm } from '../components/mentor-profile-form';

interface MyMentorProfilePageProps {
  /** The user record changed (new avatar): lets the app update the header. */
  onUserChanged?: (user: User) => void;
}

export function MyMentorProfilePage({ onUserChanged }: MyMentorProfilePageProps) {
  const profile = useMyMentorProfile();

  return (
    <Container size="md" px={0}>
      <Group justify="space-between" align="flex-end" mb="lg" gap="sm">
        <Stack gap={4}>
          <Title order={1} size="h2">
            Your mentor profile
          </Title>
          <Text c="dimmed">What students see when they find you.</Text>
        </Stack>
        {profile.data ? (
          <Button component={Link} to={paths.mentors.profile.getHref(profile.data.slug)} variant="default">
            View public page
          </Button>
        ) : null}
      </Group>
      {profile.isPending ? (
        <PageLoader label="Loading your profile…" />
      ) : profile.isError ? (
        <ErrorState title="Couldn't load your mentor profile" message={profile.error.message} onRetry={() => void profile.refetch()} />
      ) : (
        <Stack gap="lg">
          <Paper withBorder radius="md" p={{ base: 'md', sm: 'xl' }}>
            <Stack gap="lg">
              <AvatarUpload name={profile.data.name} avatarUrl={profile.data.avatarUrl} onUploaded={onUserChanged} />
              <AcceptingBookingsSwitch accepting={profile.data.acceptingBookings} />
            </Stack>
          </Paper>
          <MentorProfileForm profile={profile.data} />
        </Stack>
      )}
    </Container>
  );
}
