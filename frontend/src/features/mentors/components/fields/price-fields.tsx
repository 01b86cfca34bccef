import { NumberInput, SimpleGrid, Stack, Text } from '@mantine/core';
import { Controller, useFormContext, useWatch, type ControllerRenderProps } from 'react-hook-form';
import { formatPaise, paiseToRupees, rupeesToPaise } from '@/lib/money';
import { MENTOR_RULES } from '../../rules';
import type { MentorFormValues } from '../../utils/mentor-form';

type PriceField = 'price30Paise' | 'price60Paise';

/** A rupee input over a paise value: people type ₹1,500, the form (and the API) hold 150000. */
function RupeeInput({
  field,
  label,
  error,
}: {
  field: ControllerRenderProps<MentorFormValues, PriceField>;
  label: string;
  error: string | undefined;
}) {
  return (
    <NumberInput
      label={label}
      prefix="₹"
      thousandSeparator=","
      thousandsGroupStyle="lakh"
      // Whole rupees: nobody prices a session at ₹1,499.50, and it keeps typing simple.
      allowDecimal={false}
      allowNegative={false}
      min={0}
      hideControls
      inputMode="numeric"
      withAsterisk
      error={error}
      name={field.name}
      ref={field.ref}
      value={field.value === null ? '' : paiseToRupees(field.value)}
      onChange={(value) => field.onChange(value === '' ? null : rupeesToPaise(value))}
      onBlur={field.onBlur}
    />
  );
}

export function PriceFields() {
  const {
    control,
    formState: { errors },
  } = useFormContext<MentorFormValues>();
  const [price30, price60] = useWatch({ control, name: ['price30Paise', 'price60Paise'] });

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        Each price is between {formatPaise(MENTOR_RULES.minPricePaise)} and {formatPaise(MENTOR_RULES.maxPricePaise)}, and the
        60-minute price can't be below the 30-minute one. Students pay this price; the platform's commission comes out of it.
      </Text>
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
        <Controller
          control={control}
          name="price30Paise"
          render={({ field }) => <RupeeInput field={field} label="30-minute session" error={errors.price30Paise?.message} />}
        />
        <Controller
          control={control}
          name="price60Paise"
          render={({ field }) => <RupeeInput field={field} label="60-minute session" error={errors.price60Paise?.message} />}
        />
      </SimpleGrid>
      {price30 !== null && price60 !== null && Number.isInteger(price30) && Number.isInteger(price60) ? (
        <Text size="sm" aria-live="polite">
          Students will see{' '}
          <Text component="span" fw={600} inherit>
            {formatPaise(price30)}
          </Text>{' '}
          for 30 minutes and{' '}
          <Text component="span" fw={600} inherit>
            {formatPaise(price60)}
          </Text>{' '}
          for 60 minutes.
        </Text>
      ) : null}
    </Stack>
  );
}
