import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { ApiError } from '@/lib/api-client';

type Message = string | ((error: ApiError) => string);

export interface ServerErrorOptions<T extends FieldValues> {
  /** Server paths that have an input on this form. Errors on any other path go to the form alert. */
  fields: readonly Path<T>[];
  /** Error codes that are about one field rather than the whole form, e.g. `{ email_taken: 'email' }`. */
  codeFields?: Partial<Record<string, Path<T>>>;
  /** Wording by error code, when the server's `detail` isn't what this form should say. */
  messages?: Partial<Record<string, Message>>;
}

export const GENERIC_ERROR_MESSAGE = 'Something went wrong. Please try again.';

export function retryAfterText(seconds: number | null): string {
  if (seconds === null) return 'a few minutes';
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

const defaultMessages: Partial<Record<string, Message>> = {
  too_many_attempts: (error) => `Too many attempts, try again in ${retryAfterText(error.retryAfterSeconds)}.`,
};

function messageFor(error: ApiError, messages: Partial<Record<string, Message>> | undefined): string {
  const message = messages?.[error.code] ?? defaultMessages[error.code];
  if (typeof message === 'function') return message(error);
  return message ?? error.detail ?? error.title;
}

/**
 * Puts a failed submission's problem+json onto a react-hook-form form: each `errors[]` entry whose
 * path is one of `fields` goes next to that field (the first one is focused), and whatever is left
 * (unknown paths, or an error about the whole form) comes back as the text for an Alert at the top.
 * Returns null when everything found a field.
 */
export function applyServerErrors<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  options: ServerErrorOptions<T>,
): string | null {
  if (!(error instanceof ApiError)) return GENERIC_ERROR_MESSAGE;

  const codeField = options.codeFields?.[error.code];
  if (codeField !== undefined) {
    setError(codeField, { type: error.code, message: messageFor(error, options.messages) }, { shouldFocus: true });
    return null;
  }

  const fields = new Set<string>(options.fields);
  const leftOver: string[] = [];
  let focused = false;
  for (const { path, message } of error.errors) {
    if (fields.has(path)) {
      setError(path as Path<T>, { type: 'server', message }, { shouldFocus: !focused });
      focused = true;
    } else {
      leftOver.push(message);
    }
  }

  if (leftOver.length > 0) return leftOver.join(' ');
  if (focused) return null;
  return messageFor(error, options.messages);
}
