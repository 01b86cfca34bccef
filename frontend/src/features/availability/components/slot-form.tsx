import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Group, Input, NativeSelect, NumberInput, SegmentedControl, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useMemo, useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { FormAlert } from '@/components/form-alert';
import { applyServerErrors } from '@/lib/form-errors';
import { addDays, formatCalendarDate, todayIn, zoneLabel } from '@/lib/time-zone-clock';
import type { SlotInput } from '../api/create-slot';
import { SCHEDULING_LIMITS } from '../rules';
import { withFormPaths } from '../utils/server-paths';
import { durationValues, slotFormPathOf, slotFormSchema, toSlotInput, type SlotFormValues } from '../utils/slot-form';
import { startTimeOptions, withValue } from '../utils/time-options';

interface SlotFormProps {
  defaultValues: SlotFormValues;
  /** The mentor's zone: the date and time are on its clocks. */
  timeZone: string;
  horizonDays: number;
  submitLabel: string;
  onSubmit: (input: SlotInput) => Promise<unknown>;
  onCancel: () => void;
}

const durationOptions = durationValues.map((value) => ({ value, label: `${value} minutes` }));

export function SlotForm({ defaultValues, timeZone, horizonDays, submitLabel, onSubmit, onCancel }: SlotFormProps) {
  const schema = useMemo(() => slotFormSchema(timeZone), [timeZone]);
  const [formError, setFormError] = useState<string | null>(null);
  const {
    control,
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<SlotFormValues>({ resolver: zodResolver(schema), defaultValues });
  const kind = useWatch({ control, name: 'kind' });
  const today = todayIn(timeZone);

  const submit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      await onSubmit(toSlotInput(values, timeZone));
    } catch (error) {
      setFormError(
        applyServerErrors(withFormPaths(error, slotFormPathOf), setError, {
          fields: ['date', 'time', 'durationMinutes', 'capacity', 'title', 'priceRupees'],
          codeFields: { slot_overlap: 'time' },
          messages: {
            slot_overlap: 'This time overlaps another of your slots or bookings. Pick another time.',
            slot_has_bookings: 'Someone has booked this slot since you opened it, so it can no longer be changed.',
          },
        }),
      );
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-label={submitLabel}>
      <Stack gap="md">
        <FormAlert title="Couldn't save the slot" message={formError} />
        <Controller
          control={control}
          name="kind"
          render={({ field }) => (
            <Input.Wrapper label="Kind" id="slot-kind">
              <SegmentedControl
                mt={6}
                fullWidth
                aria-labelledby="slot-kind-label"
                data={[
                  { value: 'group', label: 'Group session' },
                  { value: 'one_to_one', label: '1-to-1' },
                ]}
                value={field.value}
                onChange={field.onChange}
              />
            </Input.Wrapper>
          )}
        />
        <TextInput
          label="Title"
          placeholder="e.g. System design AMA"
          withAsterisk
          maxLength={120}
          error={errors.title?.message}
          {...register('title')}
        />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
          <Controller
            control={control}
            name="date"
            render={({ field, fieldState }) => (
              <DatePickerInput
                label="Date"
                placeholder="Pick a date"
                withAsterisk
                minDate={today}
                maxDate={addDays(today, horizonDays)}
                valueFormat="ddd, D MMM YYYY"
                getDayAriaLabel={(date) => formatCalendarDate(date)}
                previousLabel="Previous month"
                nextLabel="Next month"
                hideOutsideDates
                weekendDays={[]}
                error={fieldState.error?.message}
                ref={field.ref}
                value={field.value || null}
                onChange={(value) => field.onChange(value ?? '')}
                onBlur={field.onBlur}
              />
            )}
          />
          <Controller
            control={control}
            name="time"
            render={({ field, fieldState }) => (
              <NativeSelect
                label="Start time"
                description={`Your time (${zoneLabel(timeZone)})`}
                withAsterisk
                data={withValue(startTimeOptions, field.value)}
                error={fieldState.error?.message}
                name={field.name}
                ref={field.ref}
                value={field.value}
                onChange={(event) => field.onChange(event.currentTarget.value)}
                onBlur={field.onBlur}
              />
            )}
          />
          <Controller
            control={control}
            name="durationMinutes"
            render={({ field, fieldState }) => (
              <Select
                label="Duration"
                withAsterisk
                data={durationOptions}
                allowDeselect={false}
                error={fieldState.error?.message}
                name={field.name}
                ref={field.ref}
                value={field.value}
                onChange={(value) => field.onChange(value ?? '60')}
                onBlur={field.onBlur}
              />
            )}
          />
          {kind === 'group' ? (
            <Controller
              control={control}
              name="capacity"
              render={({ field, fieldState }) => (
                <NumberInput
                  label="Seats"
                  description={`${SCHEDULING_LIMITS.groupCapacity.min} to ${SCHEDULING_LIMITS.groupCapacity.max} people`}
                  withAsterisk
                  min={SCHEDULING_LIMITS.groupCapacity.min}
                  max={SCHEDULING_LIMITS.groupCapacity.max}
                  allowNegative={false}
                  allowDecimal={false}
                  clampBehavior="none"
                  error={fieldState.error?.message}
                  name={field.name}
                  ref={field.ref}
                  value={field.value ?? ''}
                  onChange={(value) => field.onChange(value === '' ? null : Number(value))}
                  onBlur={field.onBlur}
                />
              )}
            />
          ) : null}
          <Controller
            control={control}
            name="priceRupees"
            render={({ field, fieldState }) => (
              <NumberInput
                label={kind === 'group' ? 'Price per person' : 'Price'}
                description="In rupees, ₹100 to ₹1,00,000"
                withAsterisk
                prefix="₹"
                thousandSeparator=","
                thousandsGroupStyle="lakh"
                decimalScale={2}
                allowNegative={false}
                clampBehavior="none"
                error={fieldState.error?.message}
                name={field.name}
                ref={field.ref}
                value={field.value ?? ''}
                onChange={(value) => field.onChange(value === '' ? null : Number(value))}
                onBlur={field.onBlur}
              />
            )}
          />
        </SimpleGrid>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={isSubmitting}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
