import { z } from 'zod';
import { env } from '@/config/env';

/** Calls under this prefix manage the session themselves, so a 401 from them never triggers a refresh. */
const AUTH_PATH_PREFIX = '/api/auth/';
export const REFRESH_PATH = '/api/auth/refresh';

export interface FieldProblem {
  path: string;
  message: string;
}

// Lenient on purpose: a proxy or a crash can answer with something that is not problem+json,
// and we still want a usable ApiError rather than a parse failure.
const problemSchema = z.looseObject({
  type: z.string().optional(),
  title: z.string().optional(),
  status: z.number().optional(),
  detail: z.string().optional(),
  code: z.string().optional(),
  errors: z
    .array(
      z.object({
        path: z.union([z.string(), z.array(z.union([z.string(), z.number()]))]),
        message: z.string(),
      }),
    )
    .optional(),
});

interface ApiErrorInit {
  status: number;
  code: string;
  title: string;
  detail?: string | undefined;
  type?: string | undefined;
  errors?: FieldProblem[];
  retryAfterSeconds?: number | null;
  extensions?: Record<string, unknown>;
}

/** The members every problem may have; anything else in the body is an extension member of that problem type. */
const standardProblemMembers = new Set(['type', 'title', 'status', 'detail', 'instance', 'code', 'errors']);

/** Every failed call rejects with this: the server's problem+json (RFC 9457), or `network_error` (status 0). */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string | undefined;
  readonly type: string | undefined;
  readonly errors: FieldProblem[];
  /** From the `Retry-After` header (429, 503), in seconds. */
  readonly retryAfterSeconds: number | null;
  /**
   * The problem's extension members (RFC 9457 §3.2): facts a code comes with, such as the `opensAt` of
   * `meeting_not_open`. Read them through a schema; the server owns their shape.
   */
  readonly extensions: Record<string, unknown>;

  constructor(init: ApiErrorInit) {
    super(init.detail ?? init.title);
    this.status = init.status;
    this.code = init.code;
    this.title = init.title;
    this.detail = init.detail;
    this.type = init.type;
    this.errors = init.errors ?? [];
    this.retryAfterSeconds = init.retryAfterSeconds ?? null;
    this.extensions = init.extensions ?? {};
  }

  static async fromResponse(response: Response): Promise<ApiError> {
    const body = await readBody(response).catch(() => undefined);
    const parsed = problemSchema.safeParse(body);
    const problem = parsed.success ? parsed.data : {};
    return new ApiError({
      status: response.status,
      code: problem.code ?? 'unknown_error',
      title: problem.title ?? (response.statusText || `Request failed with status ${response.status}`),
      detail: problem.detail,
      type: problem.type,
      errors: (problem.errors ?? []).map(({ path, message }) => ({
        path: Array.isArray(path) ? path.join('.') : path,
        message,
      })),
      retryAfterSeconds: parseRetryAfter(response.headers.get('Retry-After')),
      extensions: Object.fromEntries(Object.entries(problem).filter(([member]) => !standardProblemMembers.has(member))),
    });
  }

  static network(cause: unknown): ApiError {
    const error = new ApiError({
      status: 0,
      code: 'network_error',
      title: 'Network error',
      detail: 'Could not reach the server. Check your connection and try again.',
    });
    error.cause = cause;
    return error;
  }
}

function parseRetryAfter(header: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const text = await response.text();
  if (text === '') return undefined;
  const type = response.headers.get('Content-Type') ?? '';
  return /[/+]json\b/.test(type) ? JSON.parse(text) : text;
}

function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

const refreshedSessionSchema = z.object({ accessToken: z.string().min(1) });

/**
 * Runs one refresh at a time across all of this origin's tabs. The server rotates the refresh cookie
 * on every refresh and treats a rotated-away cookie as stolen, revoking the whole session; two tabs
 * reloading together would otherwise send the same cookie twice. Queued behind the lock, the second
 * tab's request carries the cookie the first one just received.
 */
function acrossTabs<T>(task: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  return locks ? locks.request('mentor-connect:auth-refresh', task) : task();
}

export type SessionEvent =
  /** A refresh succeeded; `session` is the raw `{user, accessToken}` body for the auth feature to parse. */
  | { type: 'refreshed'; session: unknown }
  /** We had a session and the server no longer accepts it: the app should sign the user out. */
  | { type: 'expired' };

export interface RequestOptions {
  headers?: HeadersInit;
  signal?: AbortSignal;
}

export interface UploadOptions extends RequestOptions {
  /** Told how much of the body has gone out, from 0 to 1, as it goes. */
  onProgress?: (fraction: number) => void;
}

export interface ApiClientOptions {
  /** Prepended to every path; '' means same origin. */
  baseUrl: string;
  /** Defaults to the global fetch, looked up on each call. */
  fetch?: typeof fetch;
}

export type ApiClient = ReturnType<typeof createApiClient>;

export function createApiClient({ baseUrl, fetch: fetchImpl }: ApiClientOptions) {
  // The access token lives only in this closure: never in storage, so an XSS can't lift it from there,
  // and a reload gets a new one from the httpOnly refresh cookie.
  let accessToken: string | null = null;
  let refreshInFlight: Promise<unknown> | null = null;
  const listeners = new Set<(event: SessionEvent) => void>();

  function emit(event: SessionEvent) {
    for (const listener of listeners) listener(event);
  }

  async function send(
    method: string,
    path: string,
    body: unknown,
    options: RequestOptions,
    token: string | null,
  ): Promise<Response> {
    const headers = new Headers(options.headers);
    // A file download says what it accepts; everything else speaks JSON (and problem+json on failure).
    if (!headers.has('Accept')) headers.set('Accept', 'application/json, application/problem+json');
    // A FormData body (file uploads) sets its own multipart Content-Type, boundary included.
    const isForm = typeof FormData !== 'undefined' && body instanceof FormData;
    if (body !== undefined && !isForm) headers.set('Content-Type', 'application/json');
    if (token) headers.set('Authorization', `Bearer ${token}`);
    try {
      return await (fetchImpl ?? globalThis.fetch)(`${baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
        credentials: 'include',
        signal: options.signal,
      });
    } catch (error) {
      if (isAbortError(error)) throw error;
      throw ApiError.network(error);
    }
  }

  /**
   * A multipart upload over XMLHttpRequest, the one browser API that reports how much of a request body has gone
   * out (fetch does not). Answers a Response, so what follows (refresh on 401, problem+json) is the same as fetch's.
   */
  function sendWithProgress(method: string, path: string, body: FormData, options: UploadOptions, token: string | null): Promise<Response> {
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      const onAbort = () => xhr.abort();
      const done = () => options.signal?.removeEventListener('abort', onAbort);
      xhr.open(method, `${baseUrl}${path}`);
      xhr.withCredentials = true;
      const headers = new Headers(options.headers);
      if (!headers.has('Accept')) headers.set('Accept', 'application/json, application/problem+json');
      if (token) headers.set('Authorization', `Bearer ${token}`);
      headers.forEach((value, name) => xhr.setRequestHeader(name, value));
      xhr.upload.onprogress = (event) => {
        if (event.lengthComputable && event.total > 0) options.onProgress?.(event.loaded / event.total);
      };
      xhr.onload = () => {
        done();
        const responseHeaders = new Headers();
        for (const line of xhr.getAllResponseHeaders().trim().split(/[\r\n]+/)) {
          const colon = line.indexOf(':');
          if (colon > 0) responseHeaders.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
        }
        const noBody = xhr.status === 204 || xhr.status === 205 || xhr.status === 304 || xhr.responseText === '';
        resolve(new Response(noBody ? null : xhr.responseText, { status: xhr.status, statusText: xhr.statusText, headers: responseHeaders }));
      };
      xhr.onerror = () => {
        done();
        reject(ApiError.network(new TypeError('The upload failed')));
      };
      xhr.onabort = () => {
        done();
        reject(new DOMException('The upload was cancelled', 'AbortError'));
      };
      if (options.signal?.aborted) {
        reject(new DOMException('The upload was cancelled', 'AbortError'));
        return;
      }
      options.signal?.addEventListener('abort', onAbort);
      xhr.send(body);
    });
  }

  async function refreshOnce(): Promise<unknown> {
    const response = await acrossTabs(() => send('POST', REFRESH_PATH, undefined, {}, null));
    if (response.status === 401) {
      // No cookie, or it expired or was revoked. Only a session that existed can "expire":
      // on app start there was none, and the visitor is simply anonymous.
      const hadSession = accessToken !== null;
      accessToken = null;
      if (hadSession) emit({ type: 'expired' });
      return null;
    }
    if (!response.ok) throw await ApiError.fromResponse(response);
    const session = await readBody(response);
    const parsed = refreshedSessionSchema.safeParse(session);
    if (!parsed.success) {
      throw new ApiError({ status: response.status, code: 'invalid_response', title: 'Unexpected response from the server' });
    }
    accessToken = parsed.data.accessToken;
    emit({ type: 'refreshed', session });
    return session;
  }

  /**
   * Trades the refresh cookie for a new access token. Concurrent callers share one request: the
   * server rotates the cookie on every refresh, so two parallel refreshes would race each other.
   * Resolves to the `{user, accessToken}` body, or null when there is no session to restore.
   */
  function refreshSession(): Promise<unknown> {
    refreshInFlight ??= refreshOnce().finally(() => {
      refreshInFlight = null;
    });
    return refreshInFlight;
  }

  /** After a 401: the token a request was sent with is stale. Returns the token to retry with, or null. */
  async function tokenAfterUnauthorized(tokenSent: string | null): Promise<string | null> {
    // The session changed while this request was in flight: another call already refreshed (use its
    // token), or the session ended (null: don't resurrect it).
    if (accessToken !== tokenSent) return accessToken;
    const session = await refreshSession();
    return session === null ? null : accessToken;
  }

  /** Sends a call (refreshing the session once on a 401) and reads a successful answer with `read`. */
  async function call<T>(
    method: string,
    path: string,
    body: unknown,
    options: RequestOptions,
    read: (response: Response) => Promise<T>,
    transport: (method: string, path: string, body: unknown, options: RequestOptions, token: string | null) => Promise<Response> = send,
  ): Promise<T> {
    const tokenSent = accessToken;
    let response = await transport(method, path, body, options, tokenSent);
    if (response.status === 401 && !path.startsWith(AUTH_PATH_PREFIX)) {
      const token = await tokenAfterUnauthorized(tokenSent);
      if (token === null) throw await ApiError.fromResponse(response);
      // Retried once only: a second 401 with a brand-new token is a real "no", not an expired token.
      response = await transport(method, path, body, options, token);
    }
    if (!response.ok) throw await ApiError.fromResponse(response);
    return read(response);
  }

  const request = (method: string, path: string, body: unknown, options: RequestOptions = {}) =>
    call(method, path, body, options, readBody);

  return {
    get: (path: string, options?: RequestOptions) => request('GET', path, undefined, options),
    post: (path: string, body?: unknown, options?: RequestOptions) => request('POST', path, body, options),
    put: (path: string, body?: unknown, options?: RequestOptions) => request('PUT', path, body, options),
    patch: (path: string, body?: unknown, options?: RequestOptions) => request('PATCH', path, body, options),
    delete: (path: string, options?: RequestOptions) => request('DELETE', path, undefined, options),
    /**
     * A file the server serves only to the signed-in user (a calendar invite), as a Blob: it needs the
     * bearer token, so a plain link can't fetch it. Failures still come back as ApiError.
     */
    getBlob: (path: string, options: RequestOptions = {}) => {
      const headers = new Headers(options.headers);
      if (!headers.has('Accept')) headers.set('Accept', '*/*');
      return call('GET', path, undefined, { ...options, headers }, (response) => response.blob());
    },
    /** A file upload (multipart `body`) that reports its progress; answered and refused like `post`. */
    upload: (path: string, body: FormData, options: UploadOptions = {}) =>
      call('POST', path, body, options, readBody, (method, uploadPath, _body, _options, token) => sendWithProgress(method, uploadPath, body, options, token)),
    refreshSession,
    getAccessToken: () => accessToken,
    setAccessToken: (token: string | null) => {
      accessToken = token;
    },
    onSessionEvent(listener: (event: SessionEvent) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export const apiClient = createApiClient({ baseUrl: env.API_URL });

/**
 * A URL the server hands out for a file it serves (an avatar at `/uploads/...`) made usable by the
 * browser: same-origin paths get the API's origin when the API lives elsewhere; absolute URLs pass.
 */
export function assetUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  return url.startsWith('/') && !url.startsWith('//') ? `${env.API_URL}${url}` : url;
}
