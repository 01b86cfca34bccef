import { ApiError } from '@/lib/api-client';

/**
 * The same failure with each field problem's path translated from the request body's shape to the
 * form's (e.g. `weekly.3.startMinute` → `days.1.ranges.0.start`). Paths the form has no field for
 * stay as they are, so `applyServerErrors` shows them in the form's alert.
 */
export function withFormPaths(error: unknown, formPathOf: (serverPath: string) => string | null): unknown {
  if (!(error instanceof ApiError) || error.errors.length === 0) return error;
  return new ApiError({
    status: error.status,
    code: error.code,
    title: error.title,
    detail: error.detail,
    type: error.type,
    retryAfterSeconds: error.retryAfterSeconds,
    errors: error.errors.map((problem) => ({ ...problem, path: formPathOf(problem.path) ?? problem.path })),
  });
}
