import { Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router-dom';

export interface NextStep {
  title: string;
  description: string;
  action: string;
  /** Where the action goes; without it the step is shown as coming soon. */
  to?: string;
}

export function NextStepCard({ step }: { step: NextStep }) {
  const comingSoon = step.to === undefined;
  return (
    <Card withBorder radius="md" padding="lg" component="article" aria-label={step.title}>
      <Stack gap="sm" h="100%">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Title order={3} size="h4">
            {step.title}
          </Title>
          {comingSoon ? (
            <Badge variant="outline" color="gray" style={{ flexShrink: 0 }}>
              Coming soon
            </Badge>
          ) : null}
        </Group>
        <Text c="dimmed" size="sm" style={{ flexGrow: 1 }}>
          {step.description}
        </Text>
        {step.to !== undefined ? (
          <Button component={Link} to={step.to}>
            {step.action}
          </Button>
        ) : (
          <Button variant="default" disabled>
            {step.action}
          </Button>
        )}
      </Stack>
    </Card>
  );
}
