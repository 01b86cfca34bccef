import { Checkbox, Group, Input, NumberInput, SegmentedControl, Select, SimpleGrid, Stack } from '@mantine/core';
import { useMemo } from 'react';
import { Controller, type Control } from 'react-hook-form';
import { timeZoneOptions } from '@/lib/time-zone-options';
import { SCHEDULING_LIMITS } from '../rules';
import type { AvailabilityFormValues } from '../utils/weekly-form';

type NumberField = 'bufferBeforeMinutes' | 'bufferAfterMinutes' | 'minNoticeHours' | 'horizonDays' | 'dailyLimit' | 'weeklyLimit';

interface NumberFieldSpec {
  name: NumberField;
  label: string;
  description: string;
  suffix: string;
  min: number;
  max: number;
  step?: number;
  decimalScale?: number;
  /** Empty means "no limit" (null); otherwise an empty input is an error. */
  optional?: boolean;
}

const numberFields: NumberFieldSpec[] = [
  { name: 'bufferBeforeMinutes', label: 'Buffer before', description: 'Free time kept before each session', suffix: ' min', min: 0, max: SCHEDULING_LIMITS.maxBufferMinutes, step: 5 },
  { name: 'bufferAfterMinutes', label: 'Buffer after', description: 'Free time kept after each session', suffix: ' min', min: 0, max: SCHEDULING_LIMITS.maxBufferMinutes, step: 5 },
  { name: 'minNoticeHours', label: 'Minimum notice', description: 'How soon before a session it can be booked', suffix: ' h', min: 0, max: SCHEDULING_LIMITS.maxNoticeHours, decimalScale: 2 },
  { name: 'horizonDays', label: 'Booking horizon', description: 'How far ahead students can book', suffix: ' days', min: 1, max: SCHEDULING_LIMITS.maxHorizonDays },
  { name: 'dailyLimit', label: 'Daily limit', description: 'Most bookings in one day', suffix: '', min: 1, max: SCHEDULING_LIMITS.maxDailyLimit, optional: true },
  { name: 'weeklyLimit', label: 'Weekly limit', description: 'Most bookings in one week', suffix: '', min: 1, max: SCHEDULING_LIMITS.maxWeeklyLimit, optional: true },
];

/** Scheduling settings: zone, lengths, buffers, notice, horizon, interval and limits. */
export function SettingsFields({ control, savedTimeZone }: { control: Control<AvailabilityFormValues>; savedTimeZone: string }) {
  const zones = useMemo(() => timeZoneOptions(savedTimeZone), [savedTimeZone]);
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <Controller
          control={control}
          name="timeZone"
          render={({ field, fieldState }) => (
            <Select
              label="Time zone"
              description="Your weekly hours and dates are in this zone"
              data={zones}
              searchable
              allowDeselect={false}
              nothingFoundMessage="No matching time zone"
              maxDropdownHeight={280}
              error={fieldState.error?.message}
              name={field.name}
              ref={field.ref}
              value={field.value}
              onChange={(value) => field.onChange(value ?? '')}
              onBlur={field.onBlur}
            />
          )}
        />
        <Controller
          control={control}
          name="sessionLengths"
          render={({ field, fieldState }) => (
            <Checkbox.Group
              label="Session lengths"
              description="What students can book at your prices"
              value={field.value}
              onChange={(value) => field.onChange(value)}
              error={fieldState.error?.message}
            >
              <Group gap="lg" mt={8}>
                <Checkbox value="30" label="30 minutes" ref={field.ref} />
                <Checkbox value="60" label="60 minutes" />
              </Group>
            </Checkbox.Group>
          )}
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="md">
        {numberFields.map((spec) => (
          <Controller
            key={spec.name}
            control={control}
            name={spec.name}
            render={({ field, fieldState }) => (
              <NumberInput
                label={spec.label}
                description={spec.description}
                suffix={spec.suffix}
                min={spec.min}
                max={spec.max}
                step={spec.step ?? 1}
                decimalScale={spec.decimalScale ?? 0}
                allowNegative={false}
                clampBehavior="none"
                placeholder={spec.optional ? 'No limit' : undefined}
                error={fieldState.error?.message}
                name={field.name}
                ref={field.ref}
                value={field.value ?? ''}
                onChange={(value) => field.onChange(value === '' ? null : Number(value))}
                onBlur={field.onBlur}
              />
            )}
          />
        ))}
        <Controller
          control={control}
          name="slotIntervalMinutes"
          render={({ field }) => (
            <Input.Wrapper label="Start times every" description="Steps between the times students see" id="slot-interval">
              <SegmentedControl
                mt={6}
                fullWidth
                aria-labelledby="slot-interval-label"
                data={[
                  { value: '15', label: '15 min' },
                  { value: '30', label: '30 min' },
                  { value: '60', label: '60 min' },
                ]}
                value={field.value}
                onChange={(value) => field.onChange(value)}
              />
            </Input.Wrapper>
          )}
        />
      </SimpleGrid>
    </Stack>
  );
}
