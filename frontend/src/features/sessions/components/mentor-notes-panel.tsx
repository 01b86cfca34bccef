import { Button, Group, Paper, Skeleton, Stack, Text, Textarea, Title } from '@mantine/core';
import { zonedHhmm } from '@/lib/time-zone-clock';
import { useNotes } from '../api/get-notes';
import { NOTES_MAX } from '../api/save-notes';
import { useNotesAutosave, type AutosaveState } from '../hooks/use-notes-autosave';
import type { SessionNotes } from '../types';

interface MentorNotesPanelProps {
  bookingId: string;
  timeZone: string;
}

/** The mentor's private notes beside the call (under it on a phone), saved as they type; the student reads them after the session. */
export function MentorNotesPanel({ bookingId, timeZone }: MentorNotesPanelProps) {
  const notes = useNotes(bookingId);
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="notes-title" h="100%">
      <Stack gap="xs">
        <Title order={2} size="h4" id="notes-title">
          Your notes
        </Title>
        <Text size="sm" c="dimmed">
          Private during the session; the student can read them once it has ended.
        </Text>
        {notes.isPending ? (
          <Skeleton height={180} radius="sm" role="status" aria-label="Loading your notes" />
        ) : notes.isError ? (
          <Stack gap="xs" role="alert">
            <Text size="sm" c="red.4">
              Couldn’t load your notes: {notes.error.message}
            </Text>
            <Button variant="light" size="compact-sm" onClick={() => void notes.refetch()} style={{ alignSelf: 'flex-start' }}>
              Try again
            </Button>
          </Stack>
        ) : (
          <NotesEditor bookingId={bookingId} initial={notes.data} timeZone={timeZone} />
        )}
      </Stack>
    </Paper>
  );
}

function NotesEditor({ bookingId, initial, timeZone }: { bookingId: string; initial: SessionNotes; timeZone: string }) {
  const { text, state, change, flush } = useNotesAutosave(bookingId, initial);
  return (
    <Stack gap={6}>
      <Textarea
        label="Notes"
        value={text}
        onChange={(event) => change(event.currentTarget.value)}
        onBlur={() => void flush()}
        maxLength={NOTES_MAX}
        autosize
        minRows={8}
        maxRows={20}
        placeholder="What you covered, what to practise next, links…"
      />
      <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
        <SaveStatus state={state} timeZone={timeZone} onRetry={() => void flush()} />
        <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
          {text.length} / {NOTES_MAX}
        </Text>
      </Group>
    </Stack>
  );
}

function SaveStatus({ state, timeZone, onRetry }: { state: AutosaveState; timeZone: string; onRetry: () => void }) {
  return (
    <div aria-live="polite" data-testid="notes-status">
      {state.status === 'saving' ? (
        <Text size="xs" c="dimmed">
          Saving…
        </Text>
      ) : state.status === 'saved' ? (
        <Text size="xs" c="dimmed">
          {state.at ? `Saved ${zonedHhmm(state.at, timeZone)}` : 'Saved'}
        </Text>
      ) : state.status === 'error' ? (
        <Group gap="xs" wrap="wrap">
          <Text size="xs" c="red.4">
            Couldn’t save: {state.message}
          </Text>
          <Button variant="subtle" size="compact-xs" onClick={onRetry}>
            Retry
          </Button>
        </Group>
      ) : (
        <Text size="xs" c="dimmed">
          Saved automatically as you type
        </Text>
      )}
    </div>
  );
}
