import { Anchor, Button, Container, Group, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { Link, Navigate } from 'react-router-dom';
import { paths } from '@/config/paths';
import { useAuth } from '@/features/auth/auth-provider';

const highlights = [
  { mark: '✓', title: 'Vetted mentors', text: 'Every mentor is reviewed by our team before they can take bookings.' },
  { mark: '₹', title: 'Pay safely', text: 'Your payment is held in escrow and released only after your session.' },
  { mark: '▶', title: 'Meet on video', text: 'Join your 1-to-1 session from the browser, no installs needed.' },
];

export function LandingRoute() {
  const { user } = useAuth();
  if (user) return <Navigate to={paths.app.dashboard.getHref()} replace />;

  return (
    <Container size="md" px={0} py={{ base: 'lg', sm: 48 }}>
      <Stack gap="lg" align="center" ta="center">
        <Title order={1} fz={{ base: 32, sm: 48 }} lh={1.15} maw={720}>
          Book 1-to-1 sessions with{' '}
          <Text component="span" inherit variant="gradient" gradient={{ from: 'violet.4', to: 'indigo.3', deg: 90 }}>
            vetted mentors
          </Text>
        </Title>
        <Text c="dimmed" size="lg" maw={560}>
          Learn from people who have done it. Pick a mentor, choose a time that suits you, and meet on video.
        </Text>
        <Group gap="sm" justify="center" w="100%">
          <Button component={Link} to={paths.auth.register.getHref()} size="md" miw={140}>
            Sign up
          </Button>
          <Button component={Link} to={paths.auth.login.getHref()} size="md" variant="default" miw={140}>
            Log in
          </Button>
        </Group>
        <Anchor component={Link} to={paths.mentors.list.getHref()}>
          Or browse the mentors first →
        </Anchor>
      </Stack>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="lg" mt={{ base: 40, sm: 64 }}>
        {highlights.map((item) => (
          <Stack key={item.title} gap={6} align="flex-start">
            <ThemeIcon variant="light" size="lg" radius="md" aria-hidden>
              {item.mark}
            </ThemeIcon>
            <Title order={2} size="h4">
              {item.title}
            </Title>
            <Text c="dimmed" size="sm">
              {item.text}
            </Text>
          </Stack>
        ))}
      </SimpleGrid>
    </Container>
  );
}
