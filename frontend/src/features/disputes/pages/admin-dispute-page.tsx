import { Anchor, Badge, Container, Grid, Group, Paper, SimpleGrid, Skeleton, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { EmptyState } from '@/components/empty-state';
import { ErrorState } from '@/components/error-state';
import { paths } from '@/config/paths';
import { ApiError } from '@/lib/api-client';
import { formatPaise } from '@/lib/money';
import { formatZonedDate, formatZonedRange, zonedHhmm } from '@/lib/time-zone-clock';
import { useDispute } from '../api/get-dispute';
import { AttendanceTimeline } from '../components/attendance-timeline';
import { DisputeDecision } from '../components/dispute-decision';
import { ResolveDisputeForm } from '../components/resolve-dispute-form';
import type { DisputeDetail } from '../types';

interface AdminDisputePageProps {
  id: string;
  timeZone: string;
}

/** A labelled value: a small caps label over it. */
function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text data-testid={testId} style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </div>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby={id}>
      <Stack gap="md">
        <Title order={2} size="h4" id={id}>
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}

function DetailSkeleton() {
  return (
    <Stack gap="md" role="status" aria-label="Loading dispute">
      <Skeleton height={36} width="60%" />
      <Skeleton height={160} radius="md" />
      <Skeleton height={200} radius="md" />
    </Stack>
  );
}

const bookingStatusText = (status: string) => (status.charAt(0).toUpperCase() + status.slice(1)).replaceAll('_', ' ');

/** One dispute in full, for the admin: the booking, the student's reason, both attendance timelines, the mentor's notes, and the decision. */
export function AdminDisputePage({ id, timeZone }: AdminDisputePageProps) {
  const dispute = useDispute(id);
  return (
    <Container size="lg" px={0}>
      <Anchor component={Link} to={paths.app.adminDisputes.getHref()} size="sm">
        ← Disputes
      </Anchor>
      <div style={{ marginTop: 'var(--mantine-spacing-xs)' }}>
        {dispute.isPending ? (
          <DetailSkeleton />
        ) : dispute.isError ? (
          dispute.error instanceof ApiError && dispute.error.status === 404 ? (
            <EmptyState title="Dispute not found" description="There is no dispute with this link." />
          ) : (
            <ErrorState title="Couldn't load this dispute" message={dispute.error.message} onRetry={() => void dispute.refetch()} />
          )
        ) : (
          <DisputeCase dispute={dispute.data} timeZone={timeZone} />
        )}
      </div>
    </Container>
  );
}

function DisputeCase({ dispute, timeZone }: { dispute: DisputeDetail; timeZone: string }) {
  const open = dispute.status === 'open';
  const names = { mentor: dispute.mentor.name, student: dispute.student.name };
  // Mentor first, then student, whatever order they come in.
  const participants = [...dispute.attendance.participants].sort((a, b) => (a.role === b.role ? 0 : a.role === 'mentor' ? -1 : 1));

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start" gap="sm">
        <Stack gap={2}>
          <Title order={1} size="h2">
            Dispute on{' '}
            <Text span inherit ff="monospace">
              {dispute.bookingCode}
            </Text>
          </Title>
          <Text c="dimmed">
            {dispute.student.name} <span aria-hidden>→</span>
            <VisuallyHidden>against</VisuallyHidden> {dispute.mentor.name} ·
            opened {formatZonedDate(dispute.createdAt, timeZone, 'medium')} at {zonedHhmm(dispute.createdAt, timeZone)}
          </Text>
        </Stack>
        <Badge color={open ? 'orange' : 'gray'} variant="light" tt="none" style={{ flexShrink: 0 }}>
          {open ? 'Open' : 'Resolved'}
        </Badge>
      </Group>

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="lg">
            <Section id="dispute-booking-title" title="Booking">
              <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
                <Fact label="When" testId="dispute-time">
                  {formatZonedRange(dispute.startsAt, dispute.endsAt, timeZone)}
                </Fact>
                <Fact label="Price" testId="dispute-price">
                  {formatPaise(dispute.pricePaise)}
                </Fact>
                <Fact label="Student">{dispute.student.name}</Fact>
                <Fact label="Mentor">{dispute.mentor.name}</Fact>
                {dispute.bookingStatus ? <Fact label="Booking status">{bookingStatusText(dispute.bookingStatus)}</Fact> : null}
              </SimpleGrid>
            </Section>

            <Section id="dispute-reason-title" title="The student’s reason">
              <Text data-testid="dispute-reason" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {dispute.reason}
              </Text>
            </Section>

            <Section id="dispute-attendance-title" title="Attendance">
              <Text size="sm" c="dimmed">
                Who was in the call during the scheduled time, from the browser’s and the video server’s records.
              </Text>
              {participants.length === 0 ? (
                <Text size="sm">No attendance was recorded.</Text>
              ) : (
                participants.map((participant) => (
                  <AttendanceTimeline
                    key={participant.userId}
                    participant={participant}
                    name={names[participant.role]}
                    startsAt={dispute.startsAt}
                    endsAt={dispute.endsAt}
                    timeZone={timeZone}
                  />
                ))
              )}
            </Section>

            <Section id="dispute-notes-title" title="The mentor’s notes">
              {dispute.notes.text.trim() ? (
                <>
                  <Text data-testid="dispute-mentor-notes" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                    {dispute.notes.text}
                  </Text>
                  {dispute.notes.updatedAt ? (
                    <Text size="xs" c="dimmed">
                      Last updated {formatZonedDate(dispute.notes.updatedAt, timeZone, 'medium')} at {zonedHhmm(dispute.notes.updatedAt, timeZone)}
                    </Text>
                  ) : null}
                </>
              ) : (
                <Text size="sm" c="dimmed" data-testid="dispute-mentor-notes">
                  The mentor wrote no notes.
                </Text>
              )}
            </Section>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Section id="dispute-decision-title" title="Decision">
            {open ? <ResolveDisputeForm dispute={dispute} /> : <DisputeDecision dispute={dispute} timeZone={timeZone} />}
          </Section>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
