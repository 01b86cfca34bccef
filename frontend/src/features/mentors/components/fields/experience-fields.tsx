import { Button, CloseButton, Group, NumberInput, Paper, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { Controller, useFieldArray, useFormContext } from 'react-hook-form';
import { MENTOR_RULES } from '../../rules';
import { emptyExperienceRow, type MentorFormValues } from '../../utils/mentor-form';

export function ExperienceFields() {
  const {
    control,
    register,
    getValues,
    setValue,
    setFocus,
    clearErrors,
    formState: { errors },
  } = useFormContext<MentorFormValues>();
  const { fields } = useFieldArray({ control, name: 'experience' });
  const [focusRow, setFocusRow] = useState<number | null>(null);

  // Rows change through setValue rather than the field array's append/remove: those validate the
  // whole list straight away, which greets a new, empty row with three "required" errors.
  function addRow() {
    const rows = getValues('experience');
    setValue('experience', [...rows, emptyExperienceRow()], { shouldDirty: true });
    setFocusRow(rows.length);
  }

  function removeRow(index: number) {
    // The remaining rows move up, so errors would point at the wrong ones: they come back on the next check.
    clearErrors('experience');
    setValue(
      'experience',
      getValues('experience').filter((_row, i) => i !== index),
      { shouldDirty: true },
    );
  }

  useEffect(() => {
    if (focusRow === null) return;
    setFocus(`experience.${focusRow}.company`);
    setFocusRow(null);
  }, [focusRow, fields, setFocus]);

  // A rule about the list as a whole ("add at least one role") sits on the array, or on its root.
  const listError = errors.experience?.root?.message ?? errors.experience?.message;

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        The roles that make you a good mentor, most recent first. Students see the companies on your profile.
      </Text>
      {fields.map((field, index) => {
        const rowErrors = errors.experience?.[index];
        return (
          <Paper key={field.id} withBorder p="sm" radius="md" component="fieldset" style={{ margin: 0, minWidth: 0 }}>
            <Group justify="space-between" mb="xs" wrap="nowrap">
              <Text component="legend" fw={600} size="sm" p={0}>
                Role {index + 1}
              </Text>
              {fields.length > 1 ? (
                <CloseButton aria-label={`Remove role ${index + 1}`} onClick={() => removeRow(index)} size="sm" />
              ) : null}
            </Group>
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
              <TextInput
                label="Company"
                placeholder="Google"
                withAsterisk
                error={rowErrors?.company?.message}
                {...register(`experience.${index}.company`)}
              />
              <TextInput
                label="Role"
                placeholder="Senior Engineer"
                withAsterisk
                error={rowErrors?.role?.message}
                {...register(`experience.${index}.role`)}
              />
              <Controller
                control={control}
                name={`experience.${index}.years`}
                render={({ field: years }) => (
                  <NumberInput
                    label="Years"
                    min={0}
                    max={MENTOR_RULES.maxYears}
                    step={1}
                    decimalScale={1}
                    allowNegative={false}
                    withAsterisk
                    error={rowErrors?.years?.message}
                    name={years.name}
                    ref={years.ref}
                    value={years.value}
                    onChange={(value) => years.onChange(typeof value === 'number' ? value : value === '' ? '' : Number(value))}
                    onBlur={years.onBlur}
                  />
                )}
              />
            </SimpleGrid>
          </Paper>
        );
      })}
      {listError ? (
        <Text c="red" size="sm" role="alert">
          {listError}
        </Text>
      ) : null}
      <Group>
        <Button
          variant="light"
          onClick={addRow}
          disabled={fields.length >= MENTOR_RULES.maxExperience}
        >
          Add a role
        </Button>
        {fields.length >= MENTOR_RULES.maxExperience ? (
          <Text size="sm" c="dimmed">
            At most {MENTOR_RULES.maxExperience} roles.
          </Text>
        ) : null}
      </Group>
    </Stack>
  );
}
