import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { FormAlert } from '@/components/form-alert';
import { applyServerErrors } from '@/lib/form-errors';
import { zoneLabel } from '@/lib/time-zone-clock';
import { useSaveMyAvailability } from '../api/save-my-availability';
import type { Availability } from '../types';
import { withFormPaths } from '../utils/server-paths';
import {
  availabilityFormSchema,
  formFieldPaths,
  formValuesFrom,
  toSaveRequest,
  WEEK_ORDER,
  type AvailabilityFormValues,
} from '../utils/weekly-form';
import { SettingsFields } from './settings-fields';
import { WeeklyDayRow } from './weekly-day-row';
import classes from './weekly-hours.module.css';

interface AvailabilityFormProps {
  availability: Availability;
}

/** Weekly hours and scheduling settings, saved together with one PUT. */
export function AvailabilityForm({ availability }: AvailabilityFormProps) {
  const save = useSaveMyAvailability();
  const [formError, setFormError] = useState<string | null>(null);
  const {
    control,
    handleSubmit,
    reset,
    setError,
    setValue,
    getValues,
    clearErrors,
    formState: { isSubmitting, isDirty },
  } = useForm<AvailabilityFormValues>({
    resolver: zodResolver(availabilityFormSchema),
    defaultValues: formValuesFrom(availability),
  });
  const timeZone = useWatch({ control, name: 'timeZone' });

  function copyDay(from: number, targets: number[]) {
    const ranges = getValues(`days.${from}.ranges`);
    for (const target of targets) {
      clearErrors(`days.${target}`);
      setValue(
        `days.${target}.ranges`,
        ranges.map((range) => ({ ...range })),
        { shouldDirty: true },
      );
    }
  }

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const { input, formPathOf } = toSaveRequest(values);
    try {
      const saved = await save.mutateAsync(input);
      reset(formValuesFrom(saved));
      notifications.show({ color: 'teal', title: 'Availability saved', message: 'Students now see your new hours.' });
    } catch (error) {
      setFormError(
        applyServerErrors(withFormPaths(error, formPathOf), setError, {
          fields: formFieldPaths(values),
        }),
      );
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Weekly hours and settings">
      <Stack gap="lg">
        <FormAlert title="Couldn't save your availability" message={formError} />
        <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="weekly-hours-title">
          <Stack gap="xs">
            <div>
              <Title order={2} size="h4" id="weekly-hours-title">
                Weekly hours
              </Title>
              <Text size="sm" c="dimmed">
                When students can book you each week, in {zoneLabel(timeZone || availability.settings.timeZone)} time.
              </Text>
            </div>
            <ul className={classes.list} aria-label="Days of the week">
              {WEEK_ORDER.map((weekday) => (
                <WeeklyDayRow
                  key={weekday}
                  control={control}
                  weekday={weekday}
                  onCopy={copyDay}
                  onEdited={(day) => clearErrors(`days.${day}`)}
                />
              ))}
            </ul>
          </Stack>
        </Card>
        <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="booking-settings-title">
          <Stack gap="md">
            <div>
              <Title order={2} size="h4" id="booking-settings-title">
                Booking settings
              </Title>
              <Text size="sm" c="dimmed">
                How students can book the hours above.
              </Text>
            </div>
            <SettingsFields control={control} savedTimeZone={availability.settings.timeZone} />
          </Stack>
        </Card>
        <Group justify="flex-end" gap="sm">
          {isDirty ? (
            <Text size="sm" c="dimmed">
              You have unsaved changes
            </Text>
          ) : null}
          <Button type="submit" loading={isSubmitting} disabled={!isDirty}>
            Save availability
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
