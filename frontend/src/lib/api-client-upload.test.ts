// @vitest-environment jsdom
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, createApiClient } from './api-client';

// Uploads go over the browser's XMLHttpRequest (for its progress): here jsdom's, against a real HTTP server on another
// origin, as the app's API may be (so it answers CORS, credentials included).

type Handler = (req: IncomingMessage, res: ServerResponse, body: Buffer) => void;

let server: Server;
let baseUrl: string;
let handler: Handler;
let seen: Array<{ method: string; path: string; authorization: string | undefined; contentType: string | undefined; body: string }>;

beforeEach(async () => {
  seen = [];
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      res.setHeader('Access-Control-Allow-Origin', req.headers.origin ?? '*');
      res.setHeader('Access-Control-Allow-Credentials', 'true');
      if (req.method === 'OPTIONS') {
        res.writeHead(204, { 'Access-Control-Allow-Headers': 'Authorization, Accept, Content-Type', 'Access-Control-Allow-Methods': 'GET, POST' });
        res.end();
        return;
      }
      const body = Buffer.concat(chunks);
      seen.push({ method: req.method ?? '', path: req.url ?? '', authorization: req.headers.authorization, contentType: req.headers['content-type'], body: body.toString('latin1') });
      handler(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' });
  res.end(JSON.stringify(body));
}

/** The app's fetch is the test's: the refresh goes to the same server with Node's fetch. */
const aClient = () => createApiClient({ baseUrl, fetch: (input, init) => globalThis.fetch(input, init) });

const formWith = (content: string, name: string, type: string) => {
  const form = new FormData();
  form.append('file', new File([content], name, { type }), name);
  return form;
};

describe('api client uploads', () => {
  it('when a file is uploaded, then it goes as multipart with the bearer token, its progress is told, and the answer is read as JSON', async () => {
    handler = (_req, res) => sendJson(res, 201, { id: 'f-1', name: 'board.png' });
    const client = aClient();
    client.setAccessToken('token');
    const progress = vi.fn();

    const answer = await client.upload('/api/conversations/c-1/attachments', formWith('PNG bytes', 'board.png', 'image/png'), { onProgress: progress });

    expect(answer).toEqual({ id: 'f-1', name: 'board.png' });
    const [upload] = seen;
    expect(upload).toMatchObject({ method: 'POST', path: '/api/conversations/c-1/attachments', authorization: 'Bearer token' });
    expect(upload!.contentType).toMatch(/^multipart\/form-data; boundary=/);
    expect(upload!.body).toContain('filename="board.png"');
    expect(upload!.body).toContain('PNG bytes');
    expect(progress).toHaveBeenCalled();
    expect(progress.mock.calls.at(-1)![0]).toBe(1);
  });

  it('when an upload is answered 401, then the session is refreshed once and the upload is sent again with the new token', async () => {
    handler = (req, res) => {
      if (req.url === '/api/auth/refresh') return sendJson(res, 200, { user: { id: 'u1' }, accessToken: 'fresh' });
      if (req.headers.authorization === 'Bearer fresh') return sendJson(res, 201, { id: 'f-2' });
      sendJson(res, 401, { code: 'unauthenticated', title: 'Problem', status: 401 });
    };
    const client = aClient();
    client.setAccessToken('stale');

    const answer = await client.upload('/api/conversations/c-1/attachments', formWith('%PDF-1.7', 'cv.pdf', 'application/pdf'));

    expect(answer).toEqual({ id: 'f-2' });
    expect(seen.map((r) => `${r.path} ${r.authorization ?? '-'}`)).toEqual([
      '/api/conversations/c-1/attachments Bearer stale',
      '/api/auth/refresh -',
      '/api/conversations/c-1/attachments Bearer fresh',
    ]);
    expect(seen[2]!.body).toContain('%PDF-1.7');
  });

  it('when the server refuses the file, then the upload rejects with its problem, the field named', async () => {
    handler = (_req, res) =>
      sendJson(res, 422, { code: 'validation_failed', title: 'Problem', status: 422, detail: 'The request is invalid', errors: [{ path: 'file', message: 'Send an image (PNG, JPEG, GIF, WebP) or a PDF' }] });
    const client = aClient();
    client.setAccessToken('token');

    const refused = await client.upload('/api/conversations/c-1/attachments', formWith('text', 'fake.png', 'image/png')).catch((error: unknown) => error);

    expect(refused).toBeInstanceOf(ApiError);
    expect(refused).toMatchObject({ status: 422, code: 'validation_failed', errors: [{ path: 'file', message: 'Send an image (PNG, JPEG, GIF, WebP) or a PDF' }] });
  });

  it('when the upload is cancelled, then it rejects as an abort, not as a network error', async () => {
    handler = () => undefined; // never answers
    const client = aClient();
    const controller = new AbortController();

    const pending = client.upload('/api/conversations/c-1/attachments', formWith('x', 'a.png', 'image/png'), { signal: controller.signal }).catch((error: unknown) => error);
    controller.abort();

    expect(await pending).toMatchObject({ name: 'AbortError' });
  });
});
