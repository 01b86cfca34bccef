import { zodResolver } from '@hookform/resolvers/zod';
import { Anchor, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link } from 'react-router-dom';
import { FormAlert } from '@/components/form-alert';
import { paths } from '@/config/paths';
import { applyServerErrors } from '@/lib/form-errors';
import type { User } from '@/types/api';
import { registerInputSchema, useRegister, type RegisterInput } from '../api/register';

interface RegisterFormProps {
  next: string | null;
  onRegistered?: (user: User) => void;
}

export function RegisterForm({ next, onRegistered }: RegisterFormProps) {
  const registerAccount = useRegister();
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<RegisterInput>({
    resolver: zodResolver(registerInputSchema),
    defaultValues: { name: '', email: '', password: '' },
  });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      const session = await registerAccount.mutateAsync(values);
      onRegistered?.(session.user);
    } catch (error) {
      setFormError(
        applyServerErrors(error, setError, {
          fields: ['name', 'email', 'password'],
          codeFields: { email_taken: 'email' },
          messages: { email_taken: 'An account with this email already exists. Try logging in.' },
        }),
      );
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Create account">
      <Stack gap="md">
        <FormAlert title="Couldn't create your account" message={formError} />
        <TextInput
          label="Name"
          autoComplete="name"
          placeholder="Your full name"
          withAsterisk
          error={errors.name?.message}
          {...register('name')}
        />
        <TextInput
          label="Email"
          type="email"
          autoComplete="email"
          placeholder="you@example.com"
          withAsterisk
          error={errors.email?.message}
          {...register('email')}
        />
        <PasswordInput
          label="Password"
          description="At least 8 characters"
          autoComplete="new-password"
          withAsterisk
          error={errors.password?.message}
          // Mantine marks TextInput invalid for assistive tech but not PasswordInput's inner input.
          aria-invalid={errors.password ? true : undefined}
          {...register('password')}
        />
        <Button type="submit" fullWidth loading={isSubmitting}>
          Create account
        </Button>
        <Text size="sm" ta="center" c="dimmed">
          Already have an account?{' '}
          <Anchor component={Link} to={paths.auth.login.getHref(next)}>
            Log in
          </Anchor>
        </Text>
      </Stack>
    </form>
  );
}
