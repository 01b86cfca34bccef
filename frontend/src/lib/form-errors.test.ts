import { act, renderHook } from '@testing-library/react';
import { useForm } from 'react-hook-form';
import { describe, expect, it } from 'vitest';
import { ApiError } from './api-client';
import { applyServerErrors, GENERIC_ERROR_MESSAGE } from './form-errors';

interface SignUpValues {
  name: string;
  email: string;
  password: string;
}

const fields = ['name', 'email', 'password'] as const;

/** A real react-hook-form form, so the test sees exactly what the inputs would show. */
function renderForm() {
  const { result } = renderHook(() =>
    useForm<SignUpValues>({ defaultValues: { name: '', email: '', password: '' } }),
  );
  const apply = (error: unknown, options: Partial<Parameters<typeof applyServerErrors<SignUpValues>>[2]> = {}) => {
    let alert: string | null = null;
    act(() => {
      alert = applyServerErrors(error, result.current.setError, { fields, ...options });
    });
    return alert;
  };
  const fieldError = (name: keyof SignUpValues) => result.current.getFieldState(name).error;
  return { apply, fieldError };
}

const validationFailed = (errors: { path: string; message: string }[]) =>
  new ApiError({ status: 422, code: 'validation_failed', title: 'Unprocessable Content', detail: 'The request is invalid', errors });

describe('applyServerErrors', () => {
  it('when every error names a field on the form, then each shows next to its field and there is no alert', () => {
    const form = renderForm();

    const alert = form.apply(
      validationFailed([
        { path: 'password', message: 'Password must be at least 8 characters' },
        { path: 'email', message: 'Enter a valid email address' },
      ]),
    );

    expect(alert).toBeNull();
    expect(form.fieldError('password')).toMatchObject({ type: 'server', message: 'Password must be at least 8 characters' });
    expect(form.fieldError('email')).toMatchObject({ type: 'server', message: 'Enter a valid email address' });
    expect(form.fieldError('name')).toBeUndefined();
  });

  it('when an error names a path the form has no input for, then it goes to the alert and the rest still reach their fields', () => {
    const form = renderForm();

    const alert = form.apply(
      validationFailed([
        { path: 'name', message: 'Name is required' },
        { path: 'role', message: 'Unrecognized key: "role"' },
      ]),
    );

    expect(alert).toBe('Unrecognized key: "role"');
    expect(form.fieldError('name')?.message).toBe('Name is required');
  });

  it('when the code belongs to a field (email_taken), then the message shows on that field', () => {
    const form = renderForm();
    const error = new ApiError({ status: 409, code: 'email_taken', title: 'Conflict', detail: 'Email already registered' });

    const alert = form.apply(error, { codeFields: { email_taken: 'email' } });

    expect(alert).toBeNull();
    expect(form.fieldError('email')).toMatchObject({ type: 'email_taken', message: 'Email already registered' });
  });

  it('when the form words a code itself (invalid_credentials), then the alert uses that wording and no field is marked', () => {
    const form = renderForm();
    const error = new ApiError({ status: 401, code: 'invalid_credentials', title: 'Unauthorized', detail: 'Invalid credentials' });

    const alert = form.apply(error, { messages: { invalid_credentials: 'Email or password is incorrect' } });

    expect(alert).toBe('Email or password is incorrect');
    expect(form.fieldError('email')).toBeUndefined();
    expect(form.fieldError('password')).toBeUndefined();
  });

  it.each([
    [125, 'Too many attempts, try again in 3 minutes.'],
    [30, 'Too many attempts, try again in 1 minute.'],
    [null, 'Too many attempts, try again in a few minutes.'],
  ])('when rate limited with Retry-After %s s, then the alert says "%s"', (retryAfterSeconds, expected) => {
    const form = renderForm();
    const error = new ApiError({ status: 429, code: 'too_many_attempts', title: 'Too Many Requests', retryAfterSeconds });

    expect(form.apply(error)).toBe(expected);
  });

  it("when the error has no field errors and no wording of ours, then the alert shows the server's detail", () => {
    const form = renderForm();
    const error = new ApiError({ status: 500, code: 'internal', title: 'Internal Server Error', detail: 'Try again later' });

    expect(form.apply(error)).toBe('Try again later');
  });

  it('when the failure is not an ApiError at all, then the alert shows a generic message', () => {
    const form = renderForm();

    expect(form.apply(new TypeError('boom'))).toBe(GENERIC_ERROR_MESSAGE);
  });
});
