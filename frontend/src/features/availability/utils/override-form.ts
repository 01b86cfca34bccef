import { z } from 'zod';
import type { AddOverrideInput } from '../api/add-override';
import { rangesSchema, toMinuteRange, type RangeValue } from './ranges';

export const overrideKinds = ['hours', 'block', 'vacation'] as const;
export type OverrideKind = (typeof overrideKinds)[number];

export const overrideFormSchema = z
  .object({
    kind: z.enum(overrideKinds),
    startDate: z.string().nullable(),
    endDate: z.string().nullable(),
    ranges: rangesSchema,
    note: z.string().trim().max(200, 'At most 200 characters'),
  })
  .superRefine((values, ctx) => {
    if (!values.startDate) {
      ctx.addIssue({ code: 'custom', path: ['startDate'], message: values.kind === 'vacation' ? 'Pick the first day of your vacation' : 'Pick a date' });
    } else if (values.kind === 'vacation' && !values.endDate) {
      ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'Pick the last day of your vacation' });
    }
    if (values.kind === 'hours' && values.ranges.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['startDate'], message: 'Add the hours you will be available that day, or block the date instead' });
    }
  });

export type OverrideFormValues = z.infer<typeof overrideFormSchema>;

export const emptyOverrideForm = (kind: OverrideKind = 'hours'): OverrideFormValues => ({
  kind,
  startDate: null,
  endDate: null,
  ranges: [{ start: '09:00', end: '12:00' }] satisfies RangeValue[],
  note: '',
});

/** The POST body for what the form holds; the kind decides which fields go. */
export function toOverrideInput(values: OverrideFormValues): AddOverrideInput {
  const note = values.note.trim();
  return {
    startDate: values.startDate ?? '',
    ...(values.kind === 'vacation' && values.endDate ? { endDate: values.endDate } : {}),
    ...(values.kind === 'hours' ? { ranges: values.ranges.map(toMinuteRange) } : {}),
    ...(note ? { note } : {}),
  };
}

/** `ranges.2.endMinute` → `ranges.2.end`; the other fields share their names with the body. */
export function overrideFormPathOf(serverPath: string): string | null {
  const range = /^ranges\.(\d+)(?:\.(\w+))?/.exec(serverPath);
  if (range) return `ranges.${range[1]}.${range[2] === 'endMinute' ? 'end' : 'start'}`;
  return ['startDate', 'endDate', 'note'].includes(serverPath) ? serverPath : null;
}
