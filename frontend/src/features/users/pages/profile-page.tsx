import { Container, Paper, Stack, Text, Title } from '@mantine/core';
import { ErrorState } from '@/components/error-state';
import { PageLoader } from '@/components/page-loader';
import type { User } from '@/types/api';
import { useMe } from '../api/get-me';
import { ProfileForm } from '../components/profile-form';

interface ProfilePageProps {
  /** Lets the app refresh what it shows about the signed-in user (e.g. the name in the header). */
  onSaved?: (user: User) => void;
}

export function ProfilePage({ onSaved }: ProfilePageProps) {
  const me = useMe();

  return (
    <Container size="sm" px={0}>
      <Stack gap={4} mb="lg">
        <Title order={1} size="h2">
          Your profile
        </Title>
        <Text c="dimmed">How mentors see you, and how we show you times.</Text>
      </Stack>
      {me.isPending ? (
        <PageLoader label="Loading your profile…" />
      ) : me.isError ? (
        <ErrorState title="Couldn't load your profile" message={me.error.message} onRetry={() => void me.refetch()} />
      ) : (
        <Paper withBorder radius="md" p={{ base: 'md', sm: 'xl' }}>
          <ProfileForm user={me.data} onSaved={onSaved} />
        </Paper>
      )}
    </Container>
  );
}
