import { Stack, Textarea, TextInput } from '@mantine/core';
import { useFormContext, useWatch } from 'react-hook-form';
import { MENTOR_RULES } from '../../rules';
import type { MentorFormValues } from '../../utils/mentor-form';

const counter = (value: string | undefined, max: number) => `${(value ?? '').trim().length}/${max}`;

export function AboutFields() {
  const {
    register,
    control,
    formState: { errors },
  } = useFormContext<MentorFormValues>();
  // useWatch, not watch: only these fields re-render on a keystroke, not the whole form.
  const [headline, bio] = useWatch({ control, name: ['headline', 'bio'] });

  return (
    <Stack gap="md">
      <TextInput
        label="Headline"
        description={`What you do and what you help with, in one line · ${counter(headline, MENTOR_RULES.headlineMaxLength)}`}
        placeholder="Staff Engineer at Google · system design and interview coaching"
        withAsterisk
        error={errors.headline?.message}
        {...register('headline')}
      />
      <Textarea
        label="Bio"
        description={`Your story, and how a session with you goes (at least ${MENTOR_RULES.bioMinLength} characters) · ${counter(bio, MENTOR_RULES.bioMaxLength)}`}
        autosize
        minRows={5}
        maxRows={14}
        withAsterisk
        error={errors.bio?.message}
        {...register('bio')}
      />
      <TextInput
        label="LinkedIn profile"
        description="Optional; helps us vet your experience"
        placeholder="https://www.linkedin.com/in/your-name"
        type="url"
        inputMode="url"
        autoComplete="url"
        error={errors.linkedinUrl?.message}
        {...register('linkedinUrl')}
      />
    </Stack>
  );
}
