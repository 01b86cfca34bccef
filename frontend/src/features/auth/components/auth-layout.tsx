import { Container, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

interface AuthLayoutProps {
  title: string;
  subtitle: ReactNode;
  children: ReactNode;
}

/** The centred card that the login and register pages share. */
export function AuthLayout({ title, subtitle, children }: AuthLayoutProps) {
  return (
    <Container size={440} px={0} py={{ base: 'md', sm: 'xl' }}>
      <Stack gap={4} mb="lg" ta="center">
        <Title order={1} size="h2">
          {title}
        </Title>
        <Text c="dimmed" size="sm">
          {subtitle}
        </Text>
      </Stack>
      <Paper withBorder shadow="md" p={{ base: 'md', xs: 'xl' }} radius="md">
        {children}
      </Paper>
    </Container>
  );
}
