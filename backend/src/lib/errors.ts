/**
 * The one error type our code throws on purpose. `code` is a stable snake_case string that the UI and
 * tests key on; `message` is safe to show to the user; `status` is the HTTP status it maps to.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly extra: { errors?: FieldError[]; headers?: Record<string, string>; facts?: Record<string, string | number | boolean | null> } = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export interface FieldError {
  path: string;
  message: string;
}

export const notFound = (what = 'Resource') => new AppError('not_found', `${what} not found`, 404);
export const unauthenticated = (message = 'Authentication required') =>
  new AppError('unauthenticated', message, 401);
export const forbidden = (message = 'You are not allowed to do this') => new AppError('forbidden', message, 403);
export const conflict = (code: string, message: string, facts?: Record<string, string | number | boolean | null>) => new AppError(code, message, 409, facts ? { facts } : {});
export const invalidField = (path: string, message: string) =>
  new AppError('validation_failed', 'The request is invalid', 422, { errors: [{ path, message }] });
