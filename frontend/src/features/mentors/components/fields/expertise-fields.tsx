import { MultiSelect, Stack, TagsInput } from '@mantine/core';
import { Controller, useFormContext } from 'react-hook-form';
import { MENTOR_RULES, SESSION_TOPICS } from '../../rules';
import type { MentorFormValues } from '../../utils/mentor-form';

const sameTag = (value: string, current: string[]) => current.some((tag) => tag.toLowerCase() === value.trim().toLowerCase());

/** `suggestions`: tags other mentors use (from the discovery facets), so the same skill gets the same name. */
export function ExpertiseFields({ suggestions }: { suggestions: string[] }) {
  const {
    control,
    formState: { errors },
  } = useFormContext<MentorFormValues>();

  return (
    <Stack gap="md">
      <Controller
        control={control}
        name="expertise"
        render={({ field }) => (
          <TagsInput
            label="Expertise"
            description={`Skills students can find you by; press Enter after each (up to ${MENTOR_RULES.maxExpertise}, ${MENTOR_RULES.expertiseTagMaxLength} characters each)`}
            placeholder={field.value.length ? '' : 'System Design, React, Negotiation…'}
            data={suggestions}
            maxTags={MENTOR_RULES.maxExpertise}
            isDuplicate={sameTag}
            splitChars={[',']}
            acceptValueOnBlur
            clearable
            withAsterisk
            error={errors.expertise?.message}
            name={field.name}
            ref={field.ref}
            value={field.value}
            onChange={(tags) => field.onChange(tags.map((tag) => tag.trim()).filter(Boolean))}
            onBlur={field.onBlur}
          />
        )}
      />
      <Controller
        control={control}
        name="sessionTopics"
        render={({ field }) => (
          <MultiSelect
            label="Session topics"
            description="What students can book you for"
            placeholder={field.value.length ? '' : 'Pick topics'}
            data={SESSION_TOPICS}
            maxValues={MENTOR_RULES.maxTopics}
            searchable
            clearable
            withAsterisk
            error={errors.sessionTopics?.message}
            name={field.name}
            ref={field.ref}
            value={field.value}
            onChange={field.onChange}
            onBlur={field.onBlur}
          />
        )}
      />
    </Stack>
  );
}
