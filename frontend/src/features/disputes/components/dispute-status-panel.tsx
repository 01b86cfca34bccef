import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { formatZonedDate } from '@/lib/time-zone-clock';
import type { Dispute } from '../types';
import { outcomeText } from '../utils/labels';

interface DisputeStatusPanelProps {
  dispute: Dispute;
  viewerRole: 'student' | 'mentor';
  timeZone: string;
}

/** A booking's dispute as its student and mentor see it: under review since when and why, or what was decided. */
export function DisputeStatusPanel({ dispute, viewerRole, timeZone }: DisputeStatusPanelProps) {
  const open = dispute.status === 'open';
  const reporter = viewerRole === 'student' ? 'You reported' : `${dispute.student.name} reported`;
  return (
    <Paper
      withBorder
      radius="md"
      p={{ base: 'md', sm: 'lg' }}
      component="section"
      aria-labelledby="dispute-title"
      style={{ borderColor: open ? 'var(--mantine-color-orange-7)' : undefined }}
    >
      <Stack gap="sm">
        <Group justify="space-between" gap="xs">
          <Title order={2} size="h4" id="dispute-title">
            Reported problem
          </Title>
          <Badge color={open ? 'orange' : 'gray'} variant="light" tt="none">
            {open ? 'Under review' : 'Resolved'}
          </Badge>
        </Group>
        {open ? (
          <>
            <Text fw={600} data-testid="dispute-state">
              Under review since {formatZonedDate(dispute.createdAt, timeZone, 'medium')}
            </Text>
            <Text size="sm" c="dimmed">
              The payment stays held until Mentor Connect decides. {viewerRole === 'student' ? 'You' : 'You both'} will be told the decision.
            </Text>
          </>
        ) : (
          <>
            <Text fw={600} data-testid="dispute-state">
              {outcomeText(dispute)}
              {dispute.resolvedAt ? (
                <Text span c="dimmed" fw={400} inherit>
                  {' '}
                  · decided {formatZonedDate(dispute.resolvedAt, timeZone, 'medium')}
                </Text>
              ) : null}
            </Text>
            {dispute.note ? (
              <div>
                <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                  Note from Mentor Connect
                </Text>
                <Text data-testid="dispute-note" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                  {dispute.note}
                </Text>
              </div>
            ) : null}
          </>
        )}
        <div>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {reporter} on {formatZonedDate(dispute.createdAt, timeZone, 'medium')}
          </Text>
          <Text data-testid="dispute-reason" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {dispute.reason}
          </Text>
        </div>
      </Stack>
    </Paper>
  );
}
