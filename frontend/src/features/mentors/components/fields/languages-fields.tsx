import { MultiSelect, Select, Stack } from '@mantine/core';
import { useMemo } from 'react';
import { Controller, useFormContext } from 'react-hook-form';
import { timeZoneOptions } from '@/lib/time-zone-options';
import { MENTOR_LANGUAGES, MENTOR_RULES } from '../../rules';
import type { MentorFormValues } from '../../utils/mentor-form';

export function LanguagesFields() {
  const {
    control,
    getValues,
    formState: { errors },
  } = useFormContext<MentorFormValues>();
  const initialZone = getValues('timeZone');
  const zones = useMemo(() => timeZoneOptions(initialZone), [initialZone]);

  return (
    <Stack gap="md">
      <Controller
        control={control}
        name="languages"
        render={({ field }) => (
          <MultiSelect
            label="Languages you mentor in"
            placeholder={field.value.length ? '' : 'Pick languages'}
            data={MENTOR_LANGUAGES}
            maxValues={MENTOR_RULES.maxLanguages}
            searchable
            clearable
            withAsterisk
            error={errors.languages?.message}
            name={field.name}
            ref={field.ref}
            value={field.value}
            onChange={field.onChange}
            onBlur={field.onBlur}
          />
        )}
      />
      <Controller
        control={control}
        name="timeZone"
        render={({ field }) => (
          <Select
            label="Your time zone"
            description="Your availability will be set in this zone; students see times in theirs"
            data={zones}
            searchable
            allowDeselect={false}
            nothingFoundMessage="No matching time zone"
            maxDropdownHeight={280}
            withAsterisk
            error={errors.timeZone?.message}
            name={field.name}
            ref={field.ref}
            value={field.value}
            onChange={(value) => field.onChange(value ?? '')}
            onBlur={field.onBlur}
          />
        )}
      />
    </Stack>
  );
}
