import { zodResolver } from '@hookform/resolvers/zod';
import { Anchor, Button, Group, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMemo, useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import type { z } from 'zod';
import { FormAlert } from '@/components/form-alert';
import { applyServerErrors } from '@/lib/form-errors';
import { detectTimeZone, modernTimeZone } from '@/lib/time-zone';
import type { User } from '@/types/api';
import { updateMeInputSchema, useUpdateMe } from '../api/update-me';
import { languageOptionsFor } from '../languages';
import { timeZoneOptions } from '@/lib/time-zone-options';

const profileFormSchema = updateMeInputSchema.required();
type ProfileFormValues = z.infer<typeof profileFormSchema>;

const roleLabels: Record<User['role'], string> = { student: 'Student', mentor: 'Mentor', admin: 'Admin' };

function valuesFrom(user: User, detectedTimeZone: string | null): ProfileFormValues {
  return {
    name: user.name,
    // The server may store a zone by an old alias (Asia/Calcutta); the select lists current names.
    timeZone: user.timeZone ? modernTimeZone(user.timeZone) : detectedTimeZone || 'UTC',
    language: user.language || 'en',
  };
}

interface ProfileFormProps {
  user: User;
  onSaved?: ((user: User) => void) | undefined;
}

export function ProfileForm({ user, onSaved }: ProfileFormProps) {
  const detectedTimeZone = useMemo(detectTimeZone, []);
  const zones = useMemo(() => timeZoneOptions(user.timeZone, detectedTimeZone), [user.timeZone, detectedTimeZone]);
  const languages = useMemo(() => languageOptionsFor(user.language), [user.language]);
  const updateMe = useUpdateMe({ onSuccess: onSaved });
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    control,
    handleSubmit,
    reset,
    setError,
    setValue,
    watch,
    formState: { errors, isSubmitting, isDirty },
  } = useForm<ProfileFormValues>({
    resolver: zodResolver(profileFormSchema),
    defaultValues: valuesFrom(user, detectedTimeZone),
  });
  const timeZone = watch('timeZone');

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      const saved = await updateMe.mutateAsync(values);
      reset(valuesFrom(saved, detectedTimeZone));
      notifications.show({ color: 'teal', title: 'Profile saved', message: 'Your changes have been saved.' });
    } catch (error) {
      setFormError(applyServerErrors(error, setError, { fields: ['name', 'timeZone', 'language'] }));
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Profile">
      <Stack gap="md">
        <FormAlert title="Couldn't save your profile" message={formError} />
        <TextInput label="Name" autoComplete="name" withAsterisk error={errors.name?.message} {...register('name')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <TextInput label="Email" value={user.email} readOnly variant="filled" description="Your sign-in email" />
          <TextInput label="Role" value={roleLabels[user.role]} readOnly variant="filled" description="Set by Mentor Connect" />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <Controller
            control={control}
            name="timeZone"
            render={({ field }) => (
              <Select
                label="Time zone"
                description={
                  detectedTimeZone && detectedTimeZone !== timeZone ? (
                    <>
                      This device is on {detectedTimeZone}.{' '}
                      <Anchor
                        component="button"
                        type="button"
                        inherit
                        onClick={() => setValue('timeZone', detectedTimeZone, { shouldDirty: true })}
                      >
                        Use it
                      </Anchor>
                    </>
                  ) : (
                    'Session times are shown in this zone'
                  )
                }
                data={zones}
                searchable
                allowDeselect={false}
                nothingFoundMessage="No matching time zone"
                maxDropdownHeight={280}
                withAsterisk
                error={errors.timeZone?.message}
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
            name="language"
            render={({ field }) => (
              <Select
                label="Language"
                description="For emails and notifications"
                data={languages}
                allowDeselect={false}
                withAsterisk
                error={errors.language?.message}
                name={field.name}
                ref={field.ref}
                value={field.value}
                onChange={(value) => field.onChange(value ?? '')}
                onBlur={field.onBlur}
              />
            )}
          />
        </SimpleGrid>
        <Group justify="space-between" gap="sm" mt="xs">
          <Text size="xs" c="dimmed">
            Member since {new Date(user.createdAt).toLocaleDateString(undefined, { dateStyle: 'medium' })}
          </Text>
          <Button type="submit" loading={isSubmitting} disabled={!isDirty}>
            Save changes
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
