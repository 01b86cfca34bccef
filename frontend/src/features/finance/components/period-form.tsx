import { Button, Group, SimpleGrid } from '@mantine/core';
import { useState, type FormEvent, type ReactNode } from 'react';
import type { DayRange } from '../types';
import { dateIn, daysIn } from '../utils/period';
import { DayRangeFields } from './day-range-fields';

export interface PeriodPreset {
  label: string;
  range: () => DayRange;
}

interface PeriodFormProps {
  /** Names the form for assistive technology ("Period", "Period to reconcile"). */
  label: string;
  range: DayRange;
  /** Called with a checked range: real dates, in order, at most `maxDays` long. */
  onSubmit: (range: DayRange) => void;
  submitLabel: string;
  maxDays: number;
  presets?: PeriodPreset[];
  /** Messages the server gave for `from` and `to` (a 422), shown on the fields. */
  serverErrors?: { from?: string | undefined; to?: string | undefined };
  submitting?: boolean;
  /** Beside the button, e.g. what is happening while it runs. */
  children?: ReactNode;
}

/**
 * Two dates in India, both included, checked before anything is sent: a wrong field says why. Presets (when given)
 * apply at once.
 */
export function PeriodForm({ label, range, onSubmit, submitLabel, maxDays, presets = [], serverErrors = {}, submitting = false, children }: PeriodFormProps) {
  const [draft, setDraft] = useState<DayRange>(range);
  const [errors, setErrors] = useState<{ from?: string; to?: string }>({});
  // A new range from outside (a preset, the URL) replaces what is being typed.
  const [shown, setShown] = useState(range);
  if (shown.from !== range.from || shown.to !== range.to) {
    setShown(range);
    setDraft(range);
    setErrors({});
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const from = dateIn(draft.from);
    const to = dateIn(draft.to);
    const next: { from?: string; to?: string } = {};
    if (!from) next.from = 'Pick a date';
    if (!to) next.to = 'Pick a date';
    if (from && to && to < from) next.to = 'Must not be before the start';
    else if (from && to && daysIn({ from, to }) > maxDays) next.to = `At most ${maxDays} days`;
    setErrors(next);
    if (from && to && !next.from && !next.to) onSubmit({ from, to });
  }

  return (
    <form onSubmit={submit} aria-label={label} noValidate>
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm" maw={520}>
        <DayRangeFields value={draft} onChange={setDraft} errors={{ from: errors.from ?? serverErrors.from, to: errors.to ?? serverErrors.to }} />
      </SimpleGrid>
      <Group gap="xs" mt="sm" wrap="wrap">
        <Button type="submit" loading={submitting}>
          {submitLabel}
        </Button>
        {presets.map((preset) => (
          <Button key={preset.label} variant="default" onClick={() => onSubmit(preset.range())} disabled={submitting}>
            {preset.label}
          </Button>
        ))}
        {children}
      </Group>
    </form>
  );
}
