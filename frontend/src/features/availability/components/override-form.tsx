import { zodResolver } from '@hookform/resolvers/zod';
import { Box, Button, Flex, Indicator, Input, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { DatePicker } from '@mantine/dates';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Controller, useFieldArray, useForm, useWatch } from 'react-hook-form';
import { FormAlert } from '@/components/form-alert';
import { applyServerErrors } from '@/lib/form-errors';
import { formatCalendarDate } from '@/lib/time-zone-clock';
import { useAddOverride } from '../api/add-override';
import type { DateOverride } from '../types';
import { nextRange } from '../utils/ranges';
import {
  emptyOverrideForm,
  overrideFormPathOf,
  overrideFormSchema,
  toOverrideInput,
  type OverrideFormValues,
  type OverrideKind,
} from '../utils/override-form';
import { withFormPaths } from '../utils/server-paths';
import { describeDates, overrideKindLabel } from './override-list';
import { TimeRangeFields } from './time-range-fields';

const kindOptions: { value: OverrideKind; label: string }[] = [
  { value: 'hours', label: 'Other hours' },
  { value: 'block', label: 'Block a date' },
  { value: 'vacation', label: 'Vacation' },
];

const submitLabels: Record<OverrideKind, string> = {
  hours: 'Add these hours',
  block: 'Block this date',
  vacation: 'Add vacation',
};

const kindHelp: Record<OverrideKind, string> = {
  hours: 'Pick a date and the hours you are available that day; they replace your weekly hours on it.',
  block: 'Pick a date to take off: nobody can book you on it.',
  vacation: 'Pick the first and the last day: nobody can book you in between.',
};

interface OverrideFormProps {
  overrides: DateOverride[];
  /** Today on the mentor's calendar: earlier dates can't be picked. */
  today: string;
}

/** Adds other hours on a date, a blocked date, or a vacation, picked on an inline calendar. */
export function OverrideForm({ overrides, today }: OverrideFormProps) {
  const add = useAddOverride();
  // Three labels don't fit a phone's width at the normal size.
  const phone = useMediaQuery('(max-width: 36em)');
  const [formError, setFormError] = useState<string | null>(null);
  const {
    control,
    handleSubmit,
    reset,
    setError,
    setValue,
    clearErrors,
    formState: { errors, isSubmitting },
  } = useForm<OverrideFormValues>({ resolver: zodResolver(overrideFormSchema), defaultValues: emptyOverrideForm() });
  const { fields, append, remove } = useFieldArray({ control, name: 'ranges' });
  const [kind, startDate, endDate, ranges] = useWatch({ control, name: ['kind', 'startDate', 'endDate', 'ranges'] });

  const coveringOverride = (date: string) => overrides.find((override) => override.startDate <= date && date <= override.endDate);

  const renderDay = (date: string) => {
    const covering = coveringOverride(date);
    return (
      <Indicator size={6} color={covering?.blocked ? 'red' : 'blue'} offset={-4} disabled={!covering} position="bottom-center">
        <div>{Number(date.slice(8))}</div>
      </Indicator>
    );
  };
  const dayLabel = (date: string) => {
    const covering = coveringOverride(date);
    return covering ? `${formatCalendarDate(date)}, ${overrideKindLabel(covering).toLowerCase()}` : formatCalendarDate(date);
  };

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      const created = await add.mutateAsync(toOverrideInput(values));
      reset(emptyOverrideForm(values.kind));
      notifications.show({
        color: 'teal',
        title: `${overrideKindLabel(created)} added`,
        message: describeDates(created),
      });
    } catch (error) {
      setFormError(
        applyServerErrors(withFormPaths(error, overrideFormPathOf), setError, {
          fields: ['startDate', 'endDate', 'note', ...fields.flatMap((_, index) => [`ranges.${index}.start` as const, `ranges.${index}.end` as const])],
          codeFields: { override_overlap: 'startDate' },
          messages: {
            override_overlap: 'Another entry already covers one of these dates. Delete it first, then add this one.',
          },
        }),
      );
    }
  });

  const pickedText =
    kind === 'vacation'
      ? startDate && endDate
        ? describeDates({ startDate, endDate })
        : startDate
          ? `From ${formatCalendarDate(startDate, 'medium')}: now pick the last day`
          : 'No dates picked yet'
      : startDate
        ? formatCalendarDate(startDate)
        : 'No date picked yet';
  const dateError = errors.startDate?.message ?? errors.endDate?.message;

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Add a date override">
      <Stack gap="md">
        <FormAlert title="Couldn't add it" message={formError} />
        <Controller
          control={control}
          name="kind"
          render={({ field }) => (
            <Input.Wrapper label="What to add" id="override-kind">
              <SegmentedControl
                mt={6}
                fullWidth
                size={phone ? 'xs' : 'sm'}
                aria-labelledby="override-kind-label"
                data={kindOptions}
                value={field.value}
                onChange={(value) => {
                  field.onChange(value);
                  setValue('startDate', null);
                  setValue('endDate', null);
                  clearErrors();
                  setFormError(null);
                }}
              />
            </Input.Wrapper>
          )}
        />
        <Text size="sm" c="dimmed">
          {kindHelp[kind]}
        </Text>
        <Flex gap="lg" direction={{ base: 'column', sm: 'row' }} align={{ base: 'center', sm: 'flex-start' }}>
          <Stack gap={6} align="center">
            {kind === 'vacation' ? (
              <DatePicker
                type="range"
                aria-label="Vacation dates"
                value={[startDate, endDate]}
                onChange={([first, last]) => {
                  setValue('startDate', first);
                  setValue('endDate', last);
                  clearErrors(['startDate', 'endDate']);
                }}
                minDate={today}
                hideOutsideDates
                weekendDays={[]}
                renderDay={renderDay}
                getDayAriaLabel={dayLabel}
                previousLabel="Previous month"
                nextLabel="Next month"
              />
            ) : (
              <DatePicker
                aria-label={kind === 'hours' ? 'Date with other hours' : 'Date to block'}
                value={startDate}
                onChange={(date) => {
                  setValue('startDate', date);
                  clearErrors('startDate');
                }}
                minDate={today}
                hideOutsideDates
                weekendDays={[]}
                renderDay={renderDay}
                getDayAriaLabel={dayLabel}
                previousLabel="Previous month"
                nextLabel="Next month"
              />
            )}
            <Text size="sm" fw={500} aria-live="polite" data-testid="picked-dates">
              {pickedText}
            </Text>
            {dateError ? (
              <Text size="sm" c="red.5" role="alert" maw={280} ta="center">
                {dateError}
              </Text>
            ) : null}
          </Stack>
          <Stack gap="sm" style={{ flex: 1, minWidth: 0 }} w="100%">
            {kind === 'hours' ? (
              <Stack gap="xs">
                <Text size="sm" fw={500}>
                  Hours that day
                </Text>
                {fields.map((field, index) => (
                  <TimeRangeFields
                    key={field.id}
                    control={control}
                    startName={`ranges.${index}.start`}
                    endName={`ranges.${index}.end`}
                    label={`Other hours ${index + 1}`}
                    onRemove={fields.length > 1 ? () => remove(index) : undefined}
                  />
                ))}
                <Box>
                  <Button variant="subtle" size="compact-sm" onClick={() => append(nextRange(ranges))}>
                    + Add hours
                  </Button>
                </Box>
              </Stack>
            ) : null}
            <Controller
              control={control}
              name="note"
              render={({ field, fieldState }) => (
                <TextInput
                  label="Note"
                  description="Only you see it"
                  placeholder={kind === 'hours' ? 'e.g. Conference in the morning' : 'e.g. Diwali'}
                  maxLength={200}
                  error={fieldState.error?.message}
                  {...field}
                />
              )}
            />
            <Box>
              <Button type="submit" loading={isSubmitting}>
                {submitLabels[kind]}
              </Button>
            </Box>
          </Stack>
        </Flex>
      </Stack>
    </form>
  );
}
