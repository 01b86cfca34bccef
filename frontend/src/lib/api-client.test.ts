// @vitest-environment node
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError, createApiClient, type SessionEvent } from './api-client';

// A real HTTP server standing in for the backend, so the client is exercised over real fetch and
// real headers. Each test installs its own handler and reads what the server saw.

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void | Promise<void>;

interface SeenRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  body: string;
}

let server: Server;
let baseUrl: string;
let handler: Handler;
let seen: SeenRequest[];

beforeEach(async () => {
  seen = [];
  handler = (_req, res) => sendJson(res, 404, { code: 'not_found' });
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', path: req.url ?? '', authorization: req.headers.authorization, body });
      void handler(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const type = status >= 400 ? 'application/problem+json' : 'application/json';
  res.writeHead(status, { 'Content-Type': type, ...headers });
  res.end(JSON.stringify(body));
}

const problem = (status: number, code: string, extra: Record<string, unknown> = {}) => ({
  type: `https://mentor-connect.dev/problems/${code}`,
  title: 'Problem',
  status,
  detail: `detail of ${code}`,
  code,
  ...extra,
});

const sessionBody = (accessToken: string) => ({
  user: { id: 'u1', name: 'Asha', email: 'asha@example.com', role: 'student' },
  accessToken,
});

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const hits = (path: string) => seen.filter((request) => request.path === path);

/** The backend's rule: /api/things answers only to the bearer of `validToken`. */
function protectedThings(validToken: string, refresh: () => Promise<[number, unknown]> | [number, unknown]): Handler {
  return async (req, res) => {
    if (req.url === '/api/auth/refresh') {
      const [status, body] = await refresh();
      return sendJson(res, status, body);
    }
    if (req.url?.startsWith('/api/things')) {
      if (req.headers.authorization === `Bearer ${validToken}`) return sendJson(res, 200, { things: [req.url] });
      return sendJson(res, 401, problem(401, 'unauthenticated'));
    }
    sendJson(res, 404, problem(404, 'not_found'));
  };
}

function clientWithStaleSession() {
  const client = createApiClient({ baseUrl });
  client.setAccessToken('stale');
  const events: SessionEvent[] = [];
  client.onSessionEvent((event) => events.push(event));
  return { client, events };
}

describe('api client', () => {
  it('when a call is answered 401, then it refreshes once and retries the call with the new token', async () => {
    handler = protectedThings('fresh', () => [200, sessionBody('fresh')]);
    const { client, events } = clientWithStaleSession();

    const result = await client.get('/api/things');

    expect(result).toEqual({ things: ['/api/things'] });
    expect(hits('/api/auth/refresh')).toHaveLength(1);
    expect(hits('/api/things').map((request) => request.authorization)).toEqual(['Bearer stale', 'Bearer fresh']);
    expect(client.getAccessToken()).toBe('fresh');
    expect(events).toEqual([{ type: 'refreshed', session: sessionBody('fresh') }]);
  });

  it('when several calls are answered 401 at once, then a single refresh serves all of them', async () => {
    handler = protectedThings('fresh', async () => {
      await delay(50); // keep the refresh in flight while the other 401s arrive
      return [200, sessionBody('fresh')];
    });
    const { client } = clientWithStaleSession();

    const results = await Promise.all([client.get('/api/things/1'), client.get('/api/things/2'), client.get('/api/things/3')]);

    expect(results).toEqual([
      { things: ['/api/things/1'] },
      { things: ['/api/things/2'] },
      { things: ['/api/things/3'] },
    ]);
    expect(hits('/api/auth/refresh')).toHaveLength(1);
    expect(seen.filter((r) => r.path.startsWith('/api/things') && r.authorization === 'Bearer fresh')).toHaveLength(3);
  });

  it('when a 401 arrives after another call already refreshed, then it retries with that token without refreshing again', async () => {
    let releaseSlowCall: () => void = () => undefined;
    const slowCallReleased = new Promise<void>((resolve) => (releaseSlowCall = resolve));
    const things = protectedThings('fresh', () => [200, sessionBody('fresh')]);
    handler = async (req, res, body) => {
      if (req.url === '/api/things/slow' && req.headers.authorization === 'Bearer stale') {
        await slowCallReleased;
        return sendJson(res, 401, problem(401, 'unauthenticated'));
      }
      return things(req, res, body);
    };
    const { client } = clientWithStaleSession();

    const slow = client.get('/api/things/slow');
    await client.get('/api/things/fast'); // 401 → refresh → token is now "fresh"
    releaseSlowCall();

    await expect(slow).resolves.toEqual({ things: ['/api/things/slow'] });
    expect(hits('/api/auth/refresh')).toHaveLength(1);
  });

  it('when the retried call is refused again, then it gives up after that one retry', async () => {
    handler = protectedThings('a-token-nobody-has', () => [200, sessionBody('fresh')]);
    const { client } = clientWithStaleSession();

    const error = await client.get('/api/things').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(401);
    expect(hits('/api/things')).toHaveLength(2);
    expect(hits('/api/auth/refresh')).toHaveLength(1);
  });

  it('when the refresh is refused, then the session is cleared, "expired" is announced once and the call fails with 401', async () => {
    handler = protectedThings('fresh', async () => {
      await delay(50);
      return [401, problem(401, 'unauthenticated')];
    });
    const { client, events } = clientWithStaleSession();

    const errors = await Promise.all([
      client.get('/api/things/1').catch((e: unknown) => e),
      client.get('/api/things/2').catch((e: unknown) => e),
    ]);

    for (const error of errors) {
      expect(error).toBeInstanceOf(ApiError);
      expect(error).toMatchObject({ status: 401, code: 'unauthenticated' });
    }
    expect(client.getAccessToken()).toBeNull();
    expect(events).toEqual([{ type: 'expired' }]);
    expect(hits('/api/auth/refresh')).toHaveLength(1);
    expect(seen.filter((r) => r.path.startsWith('/api/things'))).toHaveLength(2); // no retry without a token
  });

  it('when the refresh fails for another reason (server down), then the session is kept and the error surfaces', async () => {
    handler = protectedThings('fresh', () => [503, problem(503, 'unavailable')]);
    const { client, events } = clientWithStaleSession();

    await expect(client.get('/api/things')).rejects.toMatchObject({ status: 503, code: 'unavailable' });
    expect(client.getAccessToken()).toBe('stale');
    expect(events).toEqual([]);
  });

  it('when an /api/auth/* call is answered 401, then no refresh is attempted', async () => {
    handler = (req, res) => sendJson(res, 401, problem(401, 'invalid_credentials'));
    const client = createApiClient({ baseUrl });

    await expect(client.post('/api/auth/login', { email: 'a@b.co', password: 'x' })).rejects.toMatchObject({
      status: 401,
      code: 'invalid_credentials',
    });
    expect(hits('/api/auth/refresh')).toHaveLength(0);
  });

  it('when there is no refresh cookie on start, then refreshSession resolves null without announcing anything', async () => {
    handler = protectedThings('fresh', () => [401, problem(401, 'unauthenticated')]);
    const client = createApiClient({ baseUrl });
    const events: SessionEvent[] = [];
    client.onSessionEvent((event) => events.push(event));

    await expect(client.refreshSession()).resolves.toBeNull();
    expect(events).toEqual([]);
  });

  it('when the server answers problem+json, then the ApiError carries all of it, Retry-After included', async () => {
    handler = (_req, res) =>
      sendJson(
        res,
        429,
        problem(429, 'too_many_attempts', {
          title: 'Too Many Requests',
          errors: [{ path: 'email', message: 'slow down' }, { path: ['address', 0, 'city'], message: 'nested' }],
        }),
        { 'Retry-After': '120' },
      );
    const client = createApiClient({ baseUrl });

    const error = await client.post('/api/auth/login', {}).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 429,
      code: 'too_many_attempts',
      title: 'Too Many Requests',
      detail: 'detail of too_many_attempts',
      type: 'https://mentor-connect.dev/problems/too_many_attempts',
      retryAfterSeconds: 120,
      errors: [
        { path: 'email', message: 'slow down' },
        { path: 'address.0.city', message: 'nested' },
      ],
    });
  });

  it('when a problem carries members of its own, then the ApiError keeps them as extensions and nothing standard among them', async () => {
    handler = (_req, res) =>
      sendJson(res, 409, { ...problem(409, 'meeting_not_open'), opensAt: '2026-12-04T12:50:00.000Z', closesAt: '2026-12-04T14:15:00.000Z' });
    const client = createApiClient({ baseUrl });

    const error = await client.get('/api/bookings/b-1/meeting').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('meeting_not_open');
    expect((error as ApiError).extensions).toEqual({ opensAt: '2026-12-04T12:50:00.000Z', closesAt: '2026-12-04T14:15:00.000Z' });
  });

  it('when the body is not problem+json, then the ApiError still has the status and a fallback code', async () => {
    handler = (_req, res) => {
      res.writeHead(502, { 'Content-Type': 'text/html' });
      res.end('<h1>Bad gateway</h1>');
    };
    const client = createApiClient({ baseUrl });

    await expect(client.get('/api/things')).rejects.toMatchObject({ status: 502, code: 'unknown_error' });
  });

  it('when the server cannot be reached, then the call fails with a network_error ApiError', async () => {
    const client = createApiClient({ baseUrl: 'http://127.0.0.1:1' });

    await expect(client.get('/api/things')).rejects.toMatchObject({ status: 0, code: 'network_error' });
  });

  it('sends JSON with the bearer token, asks for cookies, and returns the parsed body (undefined for 204)', async () => {
    const calls: { url: string; init: RequestInit | undefined }[] = [];
    const recordingFetch: typeof fetch = async (input, init) => {
      calls.push({ url: String(input), init });
      return new Response(null, { status: 204 });
    };
    const client = createApiClient({ baseUrl: 'https://api.example.test', fetch: recordingFetch });
    client.setAccessToken('t0ken');

    const result = await client.patch('/api/users/me', { name: 'Asha' });

    expect(result).toBeUndefined();
    const [call] = calls;
    expect(call?.url).toBe('https://api.example.test/api/users/me');
    expect(call?.init?.method).toBe('PATCH');
    expect(call?.init?.credentials).toBe('include');
    expect(call?.init?.body).toBe('{"name":"Asha"}');
    const headers = new Headers(call?.init?.headers);
    expect(headers.get('Authorization')).toBe('Bearer t0ken');
    expect(headers.get('Content-Type')).toBe('application/json');
  });

  it('when the body is FormData, then it goes out as multipart with its boundary, not as JSON', async () => {
    let contentType: string | undefined;
    handler = (req, res, body) => {
      contentType = req.headers['content-type'];
      sendJson(res, 200, { received: body });
    };
    const client = createApiClient({ baseUrl });
    client.setAccessToken('t0ken');
    const form = new FormData();
    form.append('avatar', new Blob(['fake image bytes'], { type: 'image/png' }), 'me.png');

    const result = (await client.put('/api/mentors/me/avatar', form)) as { received: string };

    expect(contentType).toMatch(/^multipart\/form-data; boundary=/);
    expect(result.received).toContain('name="avatar"; filename="me.png"');
    expect(result.received).toContain('fake image bytes');
    expect(hits('/api/mentors/me/avatar')[0]?.authorization).toBe('Bearer t0ken');
  });
  it('when a file is fetched with getBlob, then it carries the bearer token, survives a token refresh and comes back as a Blob', async () => {
    handler = (req, res) => {
      if (req.url === '/api/auth/refresh') return sendJson(res, 200, sessionBody('fresh'));
      if (req.headers.authorization !== 'Bearer fresh') return sendJson(res, 401, problem(401, 'unauthenticated'));
      res.writeHead(200, { 'Content-Type': 'text/calendar; charset=utf-8' });
      res.end('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n');
    };
    const { client } = clientWithStaleSession();

    const file = await client.getBlob('/api/bookings/b1/calendar.ics');

    expect(file).toBeInstanceOf(Blob);
    expect(file.type).toMatch(/^text\/calendar/);
    expect(await file.text()).toBe('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n');
    expect(hits('/api/bookings/b1/calendar.ics').map((request) => request.authorization)).toEqual(['Bearer stale', 'Bearer fresh']);
  });

  it('when getBlob is refused, then it fails with the server’s problem like any other call', async () => {
    handler = (_req, res) => sendJson(res, 404, problem(404, 'booking_not_found'));
    const client = createApiClient({ baseUrl });

    await expect(client.getBlob('/api/bookings/nope/calendar.ics')).rejects.toMatchObject({ status: 404, code: 'booking_not_found' });
  });
});
