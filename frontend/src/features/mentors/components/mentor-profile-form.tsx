import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Group, Paper, Stack, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMemo, useState, type ReactNode } from 'react';
import { FormProvider, useForm } from 'react-hook-form';
import { FormAlert } from '@/components/form-alert';
import { applyServerErrors } from '@/lib/form-errors';
import { useMentorFacets } from '../api/get-mentor-facets';
import { useUpdateMyMentorProfile } from '../api/update-my-mentor-profile';
import type { MentorProfile } from '../types';
import {
  mentorFormSchema,
  mentorFormValues,
  pickMentorInput,
  serverErrorFields,
  withListErrorsOnTheList,
  type MentorField,
  type MentorFormValues,
} from '../utils/mentor-form';
import { AboutFields } from './fields/about-fields';
import { ExperienceFields } from './fields/experience-fields';
import { ExpertiseFields } from './fields/expertise-fields';
import { LanguagesFields } from './fields/languages-fields';
import { PriceFields } from './fields/price-fields';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'xl' }} component="fieldset" style={{ margin: 0, minWidth: 0 }}>
      <Title order={2} size="h4" mb="md" component="legend" style={{ float: 'left', width: '100%', padding: 0 }}>
        {title}
      </Title>
      <div style={{ clear: 'both' }}>{children}</div>
    </Paper>
  );
}

/** The mentor's public profile, with the application's fields; only what changed is sent. */
export function MentorProfileForm({ profile }: { profile: MentorProfile }) {
  const facets = useMentorFacets();
  const update = useUpdateMyMentorProfile();
  const [formError, setFormError] = useState<string | null>(null);
  const methods = useForm<MentorFormValues>({
    resolver: zodResolver(mentorFormSchema),
    defaultValues: mentorFormValues(profile, profile.timeZone),
    mode: 'onTouched',
  });
  const {
    handleSubmit,
    reset,
    setError,
    getValues,
    formState: { isDirty, isSubmitting, dirtyFields },
  } = methods;
  const suggestions = useMemo(() => facets.data?.expertise.map((facet) => facet.value) ?? [], [facets.data]);

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const changed = (Object.keys(dirtyFields) as MentorField[]).filter((field) => dirtyFields[field] !== undefined);
    try {
      const saved = await update.mutateAsync(pickMentorInput(values, changed));
      reset(mentorFormValues(saved, saved.timeZone));
      notifications.show({ color: 'teal', title: 'Profile saved', message: 'Your public profile shows the changes now.' });
    } catch (error) {
      setFormError(
        applyServerErrors(withListErrorsOnTheList(error), setError, { fields: serverErrorFields(getValues()) as MentorField[] }),
      );
    }
  });

  return (
    <FormProvider {...methods}>
      <form onSubmit={onSubmit} noValidate aria-label="Mentor profile">
        <Stack gap="lg">
          <FormAlert title="Couldn't save your profile" message={formError} />
          <Section title="About you">
            <AboutFields />
          </Section>
          <Section title="Experience">
            <ExperienceFields />
          </Section>
          <Section title="Expertise and topics">
            <ExpertiseFields suggestions={suggestions} />
          </Section>
          <Section title="Languages and time zone">
            <LanguagesFields />
          </Section>
          <Section title="Prices">
            <PriceFields />
          </Section>
          {/* With unsaved changes the buttons stay in view at the bottom of the screen. */}
          <Group justify="flex-end" gap="sm" pos={isDirty ? 'sticky' : 'static'} bottom={0} py="sm" style={{ background: 'var(--mantine-color-body)', zIndex: 1 }}>
            <Button variant="default" onClick={() => reset()} disabled={!isDirty || isSubmitting}>
              Discard changes
            </Button>
            <Button type="submit" loading={isSubmitting} disabled={!isDirty}>
              Save profile
            </Button>
          </Group>
        </Stack>
      </form>
    </FormProvider>
  );
}
