import { zodResolver } from '@hookform/resolvers/zod';
import { Anchor, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link } from 'react-router-dom';
import { FormAlert } from '@/components/form-alert';
import { paths } from '@/config/paths';
import { applyServerErrors } from '@/lib/form-errors';
import { loginInputSchema, useLogin, type LoginInput } from '../api/login';

export function LoginForm({ next }: { next: string | null }) {
  const login = useLogin();
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<LoginInput>({
    resolver: zodResolver(loginInputSchema),
    defaultValues: { email: '', password: '' },
  });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      await login.mutateAsync(values);
    } catch (error) {
      setFormError(
        applyServerErrors(error, setError, {
          fields: ['email', 'password'],
          messages: { invalid_credentials: 'Email or password is incorrect' },
        }),
      );
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Log in">
      <Stack gap="md">
        <FormAlert title="Couldn't log you in" message={formError} />
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
          autoComplete="current-password"
          withAsterisk
          error={errors.password?.message}
          // Mantine marks TextInput invalid for assistive tech but not PasswordInput's inner input.
          aria-invalid={errors.password ? true : undefined}
          {...register('password')}
        />
        <Button type="submit" fullWidth loading={isSubmitting}>
          Log in
        </Button>
        <Text size="sm" ta="center" c="dimmed">
          New to Mentor Connect?{' '}
          <Anchor component={Link} to={paths.auth.register.getHref(next)}>
            Create an account
          </Anchor>
        </Text>
      </Stack>
    </form>
  );
}
