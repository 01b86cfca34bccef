import { z } from 'zod';
import { hhmmToMinutes, minutesToHhmm } from '@/lib/time-zone-clock';
import type { MinuteRange } from '../types';

/** A range of hours as an editor holds it: "HH:mm" in the mentor's zone, end exclusive ("24:00" = midnight). */
export interface RangeValue {
  start: string;
  end: string;
}

export const toRangeValue = ({ startMinute, endMinute }: MinuteRange): RangeValue => ({
  start: minutesToHhmm(startMinute),
  end: minutesToHhmm(endMinute),
});

export const toMinuteRange = ({ start, end }: RangeValue): MinuteRange => ({
  startMinute: hhmmToMinutes(start) ?? 0,
  endMinute: hhmmToMinutes(end) ?? 0,
});

export interface RangeProblem {
  index: number;
  field: keyof RangeValue;
  message: string;
}

/**
 * What's wrong with one day's ranges, by the server's rules: each ends after it starts, and none
 * overlaps another (the later-starting one is named, as the server does).
 */
export function rangeProblems(ranges: RangeValue[]): RangeProblem[] {
  const problems: RangeProblem[] = [];
  const valid: (MinuteRange & { index: number })[] = [];
  ranges.forEach((range, index) => {
    const startMinute = hhmmToMinutes(range.start);
    const endMinute = hhmmToMinutes(range.end);
    if (startMinute === null) problems.push({ index, field: 'start', message: 'Choose a start time' });
    else if (endMinute === null) problems.push({ index, field: 'end', message: 'Choose an end time' });
    else if (endMinute <= startMinute) problems.push({ index, field: 'end', message: 'The end must be after the start' });
    else valid.push({ startMinute, endMinute, index });
  });
  valid.sort((a, b) => a.startMinute - b.startMinute);
  for (let k = 1; k < valid.length; k++) {
    const range = valid[k]!;
    if (range.startMinute < valid[k - 1]!.endMinute) {
      problems.push({ index: range.index, field: 'start', message: 'This range overlaps another one on the same day' });
    }
  }
  return problems;
}

/** Ranges of one day, validated as the server would, with each problem on its row's field. */
export const rangesSchema = z.array(z.object({ start: z.string(), end: z.string() })).superRefine((ranges, ctx) => {
  for (const problem of rangeProblems(ranges)) {
    ctx.addIssue({ code: 'custom', path: [problem.index, problem.field], message: problem.message });
  }
});

/** "09:00–11:00, 14:00–15:30". */
export function describeRanges(ranges: MinuteRange[]): string {
  return ranges.map((range) => `${minutesToHhmm(range.startMinute)}–${minutesToHhmm(range.endMinute)}`).join(', ');
}

/** A sensible next range for a day: an hour after its last one, or 09:00–17:00 on an empty day. */
export function nextRange(ranges: RangeValue[]): RangeValue {
  const lastEnd = Math.max(-1, ...ranges.map((range) => hhmmToMinutes(range.end) ?? 0));
  if (lastEnd < 0) return { start: '09:00', end: '17:00' };
  const start = Math.min(lastEnd, 1440 - 60);
  return { start: minutesToHhmm(start), end: minutesToHhmm(Math.min(start + 60, 1440)) };
}
