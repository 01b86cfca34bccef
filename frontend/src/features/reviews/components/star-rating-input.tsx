import { Group, Input, Rating, Text } from '@mantine/core';
import { useId, useImperativeHandle, useRef, type ChangeEvent, type Ref } from 'react';
import { REVIEW_RULES } from '../rules';
import { ratingWords, starsText } from '../utils/labels';

export interface StarRatingInputProps {
  label: string;
  /** 0 while no star is chosen. */
  value: number;
  onChange: (stars: number) => void;
  error?: string | undefined;
  required?: boolean;
  /** For react-hook-form: focusing the field focuses the chosen star, or the first. */
  inputRef?: Ref<{ focus: () => void }>;
}

/**
 * 1 to 5 stars, picked with the mouse, a tap, or the keyboard: the stars are a labelled group of radio buttons,
 * so Tab reaches it, the arrow keys choose, and a screen reader says "4 stars, selected". The choice is said in
 * words too ("4 stars · Very good").
 */
export function StarRatingInput({ label, value, onChange, error, required = false, inputRef }: StarRatingInputProps) {
  const id = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const labelId = `${id}-label`;
  const stateId = `${id}-state`;
  const errorId = `${id}-error`;

  useImperativeHandle(inputRef, () => ({
    focus: () => {
      const radios = [...(rootRef.current?.querySelectorAll<HTMLInputElement>('input[type="radio"]') ?? [])];
      (radios.find((radio) => radio.checked && radio.value !== '0') ?? radios.find((radio) => radio.value === '1'))?.focus();
    },
  }));

  // The arrow keys check the next radio without a click on its star: take that as the choice, as a radio group does.
  const chooseFromRadio = (event: ChangeEvent<HTMLDivElement>) => {
    const target = event.target as unknown as HTMLInputElement;
    if (target.type !== 'radio') return;
    const stars = Number(target.value);
    if (Number.isInteger(stars) && stars >= 0 && stars <= REVIEW_RULES.ratingMax && stars !== value) onChange(stars);
  };

  return (
    <Input.Wrapper label={label} labelElement="div" labelProps={{ id: labelId }} withAsterisk={required} error={error} errorProps={{ id: errorId }}>
      <Group gap="sm" mt={4} wrap="wrap">
        <Rating
          ref={rootRef}
          value={value}
          onChange={onChange}
          onChangeCapture={chooseFromRadio}
          // Enter picks the focused star (Mantine's handler) rather than sending the whole form half filled in.
          onKeyDown={(event) => {
            if (event.key === 'Enter') event.preventDefault();
          }}
          count={REVIEW_RULES.ratingMax}
          size="xl"
          role="radiogroup"
          aria-labelledby={labelId}
          aria-describedby={error ? `${stateId} ${errorId}` : stateId}
          aria-invalid={error ? true : undefined}
          aria-required={required || undefined}
          getSymbolLabel={(stars) => (stars === 0 ? 'No stars' : starsText(stars))}
        />
        <Text size="sm" c={value ? undefined : 'dimmed'} id={stateId} data-testid="rating-words">
          {value ? `${starsText(value)} · ${ratingWords[value] ?? ''}` : 'Choose 1 to 5 stars'}
        </Text>
      </Group>
    </Input.Wrapper>
  );
}
