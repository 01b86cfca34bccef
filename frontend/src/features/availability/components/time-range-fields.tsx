import { CloseButton, Group, NativeSelect, Stack, Text } from '@mantine/core';
import type { CSSProperties } from 'react';
import { get, useController, useFormState, type Control, type FieldError, type FieldValues, type Path } from 'react-hook-form';
import { endTimeOptions, startTimeOptions, withValue, type TimeOption } from '../utils/time-options';

interface TimeRangeFieldsProps<T extends FieldValues> {
  control: Control<T>;
  /** Form paths of the "HH:mm" start and end. */
  startName: Path<T>;
  endName: Path<T>;
  /** Names the row for screen readers, e.g. "Monday, hours 1"; the selects read "… from" and "… to". */
  label: string;
  onRemove?: (() => void) | undefined;
}

const visuallyHidden: CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  margin: -1,
  padding: 0,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
  border: 0,
};

function TimeSelect<T extends FieldValues>({
  control,
  name,
  label,
  options,
}: {
  control: Control<T>;
  name: Path<T>;
  label: string;
  options: TimeOption[];
}) {
  const { field, fieldState } = useController({ control, name });
  const value = (field.value as string | undefined) ?? null;
  return (
    // A native select: light enough for dozens on one page, and a phone shows its own picker.
    <NativeSelect
      aria-label={label}
      data={withValue(options, value)}
      w={{ base: 108, xs: 124 }}
      // A select is too narrow for the message: it shows under the whole row, and this hidden copy
      // is what Mantine links to the input for screen readers.
      error={fieldState.error?.message}
      errorProps={{ style: visuallyHidden }}
      name={field.name}
      ref={field.ref}
      value={value ?? ''}
      onChange={(event) => field.onChange(event.currentTarget.value)}
      onBlur={field.onBlur}
    />
  );
}


/** One range of hours: two 15-minute-step time selects and a remove button, on one line even at 360 px. */
export function TimeRangeFields<T extends FieldValues>({ control, startName, endName, label, onRemove }: TimeRangeFieldsProps<T>) {
  const { errors } = useFormState({ control, name: [startName, endName] });
  const startError = (get(errors, startName) as FieldError | undefined)?.message;
  const endError = (get(errors, endName) as FieldError | undefined)?.message;
  return (
    <Stack gap={4} role="group" aria-label={label}>
      <Group gap={6} wrap="nowrap" align="center">
        <TimeSelect control={control} name={startName} label={`${label} from`} options={startTimeOptions} />
        <Text c="dimmed" aria-hidden>
          –
        </Text>
        <TimeSelect control={control} name={endName} label={`${label} to`} options={endTimeOptions} />
        {onRemove ? <CloseButton aria-label={`Remove ${label}`} onClick={onRemove} /> : null}
      </Group>
      {startError ? (
        <Text size="xs" c="red.5" aria-hidden>
          {startError}
        </Text>
      ) : null}
      {endError ? (
        <Text size="xs" c="red.5" aria-hidden>
          {endError}
        </Text>
      ) : null}
    </Stack>
  );
}
