import { vi } from 'vitest';

/** One request the fake backend saw. */
export interface SeenRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  /** As sent: the bearer token, Idempotency-Key and the like. */
  headers: Headers;
}

export interface Reply {
  status: number;
  /** Sent as JSON (problem+json for 4xx/5xx) unless `text` is given. */
  body?: unknown;
  /** A body sent as it is, e.g. a calendar file; set its Content-Type in `headers`. */
  text?: string;
  headers?: Record<string, string>;
}

type Handler = (request: SeenRequest, params: Record<string, string>) => Reply | Promise<Reply>;

/** A route: "METHOD /path/:param". */
export type Routes = Record<string, Handler>;

export function problem(status: number, code: string, detail: string, errors?: { path: string; message: string }[]) {
  return {
    type: `https://mentor-connect.dev/problems/${code}`,
    title: 'Problem',
    status,
    detail,
    code,
    ...(errors ? { errors } : {}),
  };
}

export const json = (body: unknown, status = 200): Reply => ({ status, body });

function match(pattern: string, method: string, path: string): Record<string, string> | null {
  const [patternMethod, patternPath = ''] = pattern.split(' ');
  if (patternMethod !== method) return null;
  const want = patternPath.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (const [index, part] of want.entries()) {
    const actual = got[index] ?? '';
    if (part.startsWith(':')) params[part.slice(1)] = decodeURIComponent(actual);
    else if (part !== actual) return null;
  }
  return params;
}

/** GET /api/meta's answer: the sandbox checkout (as in development and the tests' fakes), not a demo. */
export const testMeta = (overrides: Partial<{ paymentsSandbox: boolean; demoMode: boolean }> = {}) => ({ paymentsSandbox: true, demoMode: false, ...overrides });

/** What every deployment answers whatever the test is about; a test's own `routes` replace these. */
const defaultRoutes: Routes = {
  'GET /api/meta': () => json(testMeta()),
};

/**
 * Installs a fetch that answers like the backend's contract, from `routes` ("GET /api/mentors/:slug"
 * → handler) on top of the defaults (GET /api/meta). Unknown routes answer 404 problem+json. Returns
 * every request it saw, in order, so a test can assert what the page sent. (The API client is ours and
 * runs for real on top of it.) Uploads sent with XMLHttpRequest (for their progress) reach the same routes: see
 * FakeXMLHttpRequest.
 */
export function installFakeBackend(testRoutes: Routes) {
  const routes: Routes = { ...defaultRoutes, ...testRoutes };
  const requests: SeenRequest[] = [];
  async function answer(input: string, method: string, rawBody: unknown, headers: Headers): Promise<Response> {
    const url = new URL(input, 'http://app.test');
    const body = typeof rawBody === 'string' ? (JSON.parse(rawBody) as unknown) : rawBody;
    const request: SeenRequest = { method, path: url.pathname, query: url.searchParams, body, headers };
    requests.push(request);
    let reply: Reply = { status: 404, body: problem(404, 'not_found', `No fake route for ${method} ${url.pathname}`) };
    for (const [pattern, handler] of Object.entries(routes)) {
      const params = match(pattern, method, url.pathname);
      if (params) {
        reply = await handler(request, params);
        break;
      }
    }
    const payload = reply.text ?? (reply.body === undefined ? null : JSON.stringify(reply.body));
    return new Response(payload, {
      status: reply.status,
      headers: { 'Content-Type': reply.status >= 400 ? 'application/problem+json' : 'application/json', ...reply.headers },
    });
  }
  vi.stubGlobal('fetch', (async (input, init) => answer(String(input), init?.method ?? 'GET', init?.body, new Headers(init?.headers))) satisfies typeof fetch);
  vi.stubGlobal('XMLHttpRequest', fakeXMLHttpRequest(answer));
  return {
    requests,
    /** The requests to `METHOD /path`, e.g. "PUT /api/mentors/applications/me/draft". */
    sent: (route: string) => requests.filter((request) => `${request.method} ${request.path}` === route),
  };
}

type Answer = (input: string, method: string, body: unknown, headers: Headers) => Promise<Response>;

/** How many bytes a request body carries, as the browser would count them for upload progress (near enough). */
function sizeOf(body: unknown): number {
  if (typeof body === 'string') return body.length;
  if (body instanceof FormData) return [...body.values()].reduce((sum, value) => sum + (typeof value === 'string' ? value.length : value.size), 0);
  return 0;
}

/**
 * The XMLHttpRequest the API client uploads with, answered by the fake routes. As the browser does, it reports the
 * body going out: half of it as soon as it is sent, all of it when the route answers (a route that waits on the test
 * holds the upload at half, for a test to see its progress), then `load`. A route that throws is a network error.
 */
function fakeXMLHttpRequest(answer: Answer) {
  return class FakeXMLHttpRequest {
    status = 0;
    statusText = '';
    responseText = '';
    withCredentials = false;
    readonly upload: { onprogress: ((event: ProgressEvent) => void) | null } = { onprogress: null };
    onload: (() => void) | null = null;
    onerror: (() => void) | null = null;
    onabort: (() => void) | null = null;
    private method = 'GET';
    private url = '';
    private readonly headers = new Headers();
    private responseHeaders = new Headers();
    private settled = false;

    open(method: string, url: string) {
      this.method = method;
      this.url = url;
    }

    setRequestHeader(name: string, value: string) {
      this.headers.set(name, value);
    }

    getAllResponseHeaders() {
      return [...this.responseHeaders.entries()].map(([name, value]) => `${name}: ${value}`).join('\r\n');
    }

    abort() {
      if (this.settled) return;
      this.settled = true;
      this.onabort?.();
    }

    send(body: unknown) {
      const total = Math.max(1, sizeOf(body));
      const progress = (loaded: number) => this.upload.onprogress?.(new ProgressEvent('progress', { lengthComputable: true, loaded, total }));
      queueMicrotask(() => {
        if (this.settled) return;
        progress(Math.floor(total / 2));
        answer(this.url, this.method, body, this.headers).then(
          async (response) => {
            const text = await response.text();
            if (this.settled) return;
            this.settled = true;
            progress(total);
            this.status = response.status;
            this.statusText = response.statusText;
            this.responseText = text;
            this.responseHeaders = response.headers;
            this.onload?.();
          },
          () => {
            if (this.settled) return;
            this.settled = true;
            this.onerror?.();
          },
        );
      });
    }
  };
}

export const testUser = (overrides: Partial<Record<string, unknown>> = {}) => ({
  id: '5b0f7a3e-8d5f-4a8e-9d55-0b1c7b7e2a10',
  name: 'Zoya Khan',
  email: 'zoya@example.com',
  role: 'student',
  timeZone: 'Asia/Kolkata',
  language: 'en',
  avatarUrl: null,
  createdAt: '2025-01-01T00:00:00.000Z',
  ...overrides,
});

/** Routes answering the session restore on app start: signed in as `user`, or anonymous. */
export function sessionRoutes(user: ReturnType<typeof testUser> | null): Routes {
  return {
    'POST /api/auth/refresh': () =>
      user ? json({ user, accessToken: 'token' }) : { status: 401, body: problem(401, 'unauthenticated', 'No session') },
    'GET /api/notifications': () => json({ items: [], page: 1, limit: 1, total: 0, unreadCount: 0 }),
    // The header's Messages count (students and mentors).
    'GET /api/conversations': () => json({ items: [], unread: 0 }),
  };
}
