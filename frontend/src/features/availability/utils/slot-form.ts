import { z } from 'zod';
import { formatPaise, paiseToRupees, rupeesToPaise } from '@/lib/money';
import { hhmmToMinutes, minutesToHhmm, zonedParts, zonedTimeToInstant } from '@/lib/time-zone-clock';
import type { SlotInput } from '../api/create-slot';
import { SCHEDULING_LIMITS } from '../rules';
import type { Slot } from '../types';

export const durationValues = ['30', '45', '60', '90', '120'] as const;

const { groupCapacity, minPricePaise, maxPricePaise } = SCHEDULING_LIMITS;

/** The slot form; `timeZone` is the mentor's, in which the date and time are read. */
export function slotFormSchema(timeZone: string, now: () => Date = () => new Date()) {
  return z
    .object({
      date: z.string('Pick a date').min(1, 'Pick a date'),
      time: z.string().refine((value) => hhmmToMinutes(value) !== null, 'Pick a start time'),
      durationMinutes: z.enum(durationValues),
      kind: z.enum(['one_to_one', 'group']),
      capacity: z.number('How many people can join?').int('Whole people only').nullable(),
      title: z.string().trim().min(3, 'Give the session a title (at least 3 characters)').max(120, 'At most 120 characters'),
      priceRupees: z.number('Enter a price in rupees').nullable(),
    })
    .superRefine((values, ctx) => {
      if (values.kind === 'group') {
        if (values.capacity === null || values.capacity < groupCapacity.min || values.capacity > groupCapacity.max) {
          ctx.addIssue({ code: 'custom', path: ['capacity'], message: `A group holds ${groupCapacity.min} to ${groupCapacity.max} people` });
        }
      }
      const paise = rupeesToPaise(values.priceRupees);
      if (paise === null) ctx.addIssue({ code: 'custom', path: ['priceRupees'], message: 'Enter a price in rupees' });
      else if (paise < minPricePaise || paise > maxPricePaise) {
        ctx.addIssue({ code: 'custom', path: ['priceRupees'], message: `Price must be between ${formatPaise(minPricePaise)} and ${formatPaise(maxPricePaise)}` });
      }
      const minute = hhmmToMinutes(values.time);
      if (values.date && minute !== null && zonedTimeToInstant(values.date, minute, timeZone) <= now()) {
        ctx.addIssue({ code: 'custom', path: ['time'], message: 'Pick a time in the future' });
      }
    });
}

export type SlotFormValues = z.infer<ReturnType<typeof slotFormSchema>>;

export const emptySlotForm = (): SlotFormValues => ({
  date: '',
  time: '18:00',
  durationMinutes: '60',
  kind: 'group',
  capacity: 8,
  title: '',
  priceRupees: null,
});

export function slotFormValuesFrom(slot: Slot, timeZone: string): SlotFormValues {
  const { date, minuteOfDay } = zonedParts(slot.startsAt, timeZone);
  const duration = String(slot.durationMinutes);
  return {
    date,
    time: minutesToHhmm(minuteOfDay),
    durationMinutes: (durationValues as readonly string[]).includes(duration) ? (duration as SlotFormValues['durationMinutes']) : '60',
    kind: slot.capacity > 1 ? 'group' : 'one_to_one',
    capacity: slot.capacity > 1 ? slot.capacity : 8,
    title: slot.title,
    priceRupees: paiseToRupees(slot.pricePaise),
  };
}

/** The request body; the date and time are read on the mentor's clock and sent as a UTC instant. */
export function toSlotInput(values: SlotFormValues, timeZone: string): SlotInput {
  return {
    startsAt: zonedTimeToInstant(values.date, hhmmToMinutes(values.time) ?? 0, timeZone).toISOString(),
    durationMinutes: Number(values.durationMinutes),
    capacity: values.kind === 'group' ? (values.capacity ?? groupCapacity.min) : 1,
    title: values.title.trim(),
    pricePaise: rupeesToPaise(values.priceRupees) ?? 0,
  };
}

const slotPaths: Record<string, keyof SlotFormValues> = {
  startsAt: 'time',
  durationMinutes: 'durationMinutes',
  capacity: 'capacity',
  title: 'title',
  pricePaise: 'priceRupees',
};

export const slotFormPathOf = (serverPath: string): string | null => slotPaths[serverPath] ?? null;
