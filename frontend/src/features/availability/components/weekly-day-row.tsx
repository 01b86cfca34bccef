import { Box, Button, Group, Stack, Text } from '@mantine/core';
import { useFieldArray, useWatch, type Control } from 'react-hook-form';
import { nextRange } from '../utils/ranges';
import { WEEKDAY_NAMES, type AvailabilityFormValues } from '../utils/weekly-form';
import { CopyDayPopover } from './copy-day-popover';
import { TimeRangeFields } from './time-range-fields';
import classes from './weekly-hours.module.css';

interface WeeklyDayRowProps {
  control: Control<AvailabilityFormValues>;
  weekday: number;
  onCopy: (from: number, to: number[]) => void;
  /** Clears the day's old errors: after an edit they may point at rows that moved. */
  onEdited: (weekday: number) => void;
}

/** One weekday of the weekly editor: its ranges (or "Unavailable"), add, and copy to other days. */
export function WeeklyDayRow({ control, weekday, onCopy, onEdited }: WeeklyDayRowProps) {
  const { fields, append, remove } = useFieldArray({ control, name: `days.${weekday}.ranges` });
  const ranges = useWatch({ control, name: `days.${weekday}.ranges` });
  const name = WEEKDAY_NAMES[weekday];

  return (
    <Box className={classes.day} component="li" aria-label={name}>
      <Text fw={600} className={classes.dayName}>
        {name}
      </Text>
      <Stack gap="xs" className={classes.ranges}>
        {fields.length === 0 ? (
          <Text c="dimmed" size="sm" mt={{ base: 0, sm: 6 }}>
            Unavailable
          </Text>
        ) : (
          fields.map((field, index) => (
            <TimeRangeFields
              key={field.id}
              control={control}
              startName={`days.${weekday}.ranges.${index}.start`}
              endName={`days.${weekday}.ranges.${index}.end`}
              label={`${name}, hours ${index + 1}`}
              onRemove={() => {
                onEdited(weekday);
                remove(index);
              }}
            />
          ))
        )}
      </Stack>
      <Group gap={4} className={classes.actions} wrap="nowrap">
        <Button
          variant="subtle"
          size="compact-sm"
          aria-label={`Add hours on ${name}`}
          onClick={() => {
            onEdited(weekday);
            append(nextRange(ranges));
          }}
        >
          + Add
        </Button>
        <CopyDayPopover weekday={weekday} onCopy={(targets) => onCopy(weekday, targets)} />
      </Group>
    </Box>
  );
}
