import { Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { LoadErrorAlert } from '@/components/load-error-alert';
import { formatZonedDate, zonedHhmm } from '@/lib/time-zone-clock';
import { notesNotYetShared, useNotes } from '../api/get-notes';

interface SharedNotesProps {
  bookingId: string;
  mentorName: string;
  timeZone: string;
}

/** The mentor's notes as the student reads them after the session; nothing while they aren't shared yet or are empty. */
export function SharedNotes({ bookingId, mentorName, timeZone }: SharedNotesProps) {
  const notes = useNotes(bookingId);
  if (notes.isPending) return <Skeleton height={96} radius="md" role="status" aria-label="Loading the mentor’s notes" />;
  if (notes.isError) {
    if (notesNotYetShared(notes.error)) return null;
    return (
      <LoadErrorAlert title="Couldn’t load the mentor’s notes" message={notes.error.message} onRetry={() => void notes.refetch()} />
    );
  }
  if (!notes.data.text.trim()) return null;
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="shared-notes-title">
      <Stack gap="xs">
        <Title order={2} size="h4" id="shared-notes-title">
          Notes from {mentorName}
        </Title>
        <Text data-testid="shared-notes" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {notes.data.text}
        </Text>
        {notes.data.updatedAt ? (
          <Text size="xs" c="dimmed">
            Last updated {formatZonedDate(notes.data.updatedAt, timeZone, 'medium')} at {zonedHhmm(notes.data.updatedAt, timeZone)}
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}
