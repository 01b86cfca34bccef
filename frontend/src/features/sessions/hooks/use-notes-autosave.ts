import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { useSaveNotes } from '../api/save-notes';
import type { SessionNotes } from '../types';

/** Saved this long after the last keystroke (and at once when the field loses focus). */
export const AUTOSAVE_DELAY_MS = 1_000;

export type AutosaveState =
  | { status: 'idle' }
  | { status: 'saving' }
  | { status: 'saved'; at: string | null }
  | { status: 'error'; message: string };

type Timer = ReturnType<typeof setTimeout>;

function cancel(timer: RefObject<Timer | null>) {
  if (timer.current !== null) clearTimeout(timer.current);
  timer.current = null;
}

/**
 * The mentor's notes as they type them, saved by PUT a second after typing stops, on blur, and on leaving
 * the page. One save at a time: text typed during a save goes in the next one, so the server always ends
 * with the latest text and never an older one arriving last.
 */
export function useNotesAutosave(bookingId: string, initial: SessionNotes) {
  const { mutateAsync } = useSaveNotes();
  const [text, setText] = useState(initial.text);
  const [state, setState] = useState<AutosaveState>(initial.updatedAt ? { status: 'saved', at: initial.updatedAt } : { status: 'idle' });
  const latest = useRef(initial.text);
  const stored = useRef(initial.text);
  const saving = useRef(false);
  const timer = useRef<Timer | null>(null);

  const flush = useCallback(async () => {
    cancel(timer);
    // The save under way picks up newer text when it's done.
    if (saving.current) return;
    saving.current = true;
    try {
      let savedAt: string | null | undefined;
      // Stop when the mentor is typing again: their pause will schedule the next save.
      while (latest.current !== stored.current && timer.current === null) {
        const sending = latest.current;
        setState({ status: 'saving' });
        const notes = await mutateAsync({ id: bookingId, text: sending });
        stored.current = sending;
        savedAt = notes.updatedAt;
      }
      if (savedAt !== undefined) setState({ status: 'saved', at: savedAt });
    } catch (error) {
      setState({ status: 'error', message: error instanceof Error ? error.message : 'Please try again.' });
    } finally {
      saving.current = false;
    }
  }, [bookingId, mutateAsync]);

  const change = useCallback(
    (value: string) => {
      latest.current = value;
      setText(value);
      cancel(timer);
      timer.current = setTimeout(() => void flush(), AUTOSAVE_DELAY_MS);
    },
    [flush],
  );

  // Leaving the page within a second of the last keystroke still saves it.
  useEffect(
    () => () => {
      cancel(timer);
      if (!saving.current && latest.current !== stored.current) void mutateAsync({ id: bookingId, text: latest.current }).catch(() => undefined);
    },
    [bookingId, mutateAsync],
  );

  return { text, state, change, flush };
}
