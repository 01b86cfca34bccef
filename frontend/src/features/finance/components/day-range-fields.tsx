import { TextInput } from '@mantine/core';

interface DayRangeFieldsProps {
  /** `YYYY-MM-DD` as typed (empty when not given). */
  value: { from: string; to: string };
  onChange: (next: { from: string; to: string }) => void;
  errors: { from?: string | undefined; to?: string | undefined };
}

/** The "From" and "To" days in India of a period, both included; the one picker cannot pass the other. */
export function DayRangeFields({ value, onChange, errors }: DayRangeFieldsProps) {
  return (
    <>
      <TextInput
        type="date"
        label="From"
        description="Days in India"
        value={value.from}
        max={value.to || undefined}
        onChange={(event) => onChange({ ...value, from: event.currentTarget.value })}
        error={errors.from}
      />
      <TextInput
        type="date"
        label="To"
        description="Included"
        value={value.to}
        min={value.from || undefined}
        onChange={(event) => onChange({ ...value, to: event.currentTarget.value })}
        error={errors.to}
      />
    </>
  );
}
