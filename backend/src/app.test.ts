import { Validator } from '@seriousme/openapi-schema-validator';
import type { Router } from 'express';
import express from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { pino } from 'pino';
import { createApp } from './app.js';
import { createTestDatabase } from './db/test-database.js';
import { errorMiddleware } from './lib/error-middleware.js';
import { endpoint, mountEndpoint } from './lib/http.js';
import { toOpenApiPath } from './lib/openapi.js';
import { createTestApp, registerUser, type TestApp } from './test-support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('error responses', () => {
  it('when the JSON is malformed, then 400 malformed_json problem+json', async () => {
    const res = await t.http().post('/api/auth/login').set('Content-Type', 'application/json').send('{"email": ');
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 400, code: 'malformed_json', title: 'Bad Request' });
  });

  it('when the body is over 1 MB, then 413 and no account is created', async () => {
    const res = await t
      .http()
      .post('/api/auth/register')
      .send({ name: 'Big', email: 'big@example.test', password: 'x'.repeat(1_100_000) });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('payload_too_large');
    const login = await t.http().post('/api/auth/login').send({ email: 'big@example.test', password: 'whatever' });
    expect(login.status).toBe(401);
  });

  it('when an /api route does not exist, then 404 JSON, not the SPA', async () => {
    const res = await t.http().get('/api/does-not-exist?x=1');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'not_found', detail: 'No route for GET /api/does-not-exist' });
  });

  it('when something unexpected fails, then 500 with a generic message; the detail goes only to the log', async () => {
    const broken = await createTestApp({}, await createTestDatabase());
    const account = await registerUser(broken);
    await broken.database.close();
    const res = await broken.http().get('/api/users/me').set('Authorization', `Bearer ${account.accessToken}`);
    expect(res.status).toBe(500);
    expect(res.body).toEqual({
      type: expect.any(String),
      title: 'Internal Server Error',
      status: 500,
      detail: 'Something went wrong on our side. Please try again.',
      code: 'internal_error',
    });
    expect(JSON.stringify(res.body)).not.toMatch(/select|users|at .*\.ts|closed/i);
    expect(broken.logs.join('')).toMatch(/unhandled error/);
    const ready = await broken.http().get('/api/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.code).toBe('not_ready');
  });
});

describe('requireRole', () => {
  function appWith(access: 'public' | 'user' | readonly ('student' | 'mentor' | 'admin')[]) {
    const app = express();
    const router = express.Router();
    router.use((req, _res, next) => {
      const role = req.headers['x-role'];
      if (role === 'student' || role === 'admin' || role === 'mentor') req.auth = { userId: 'u1', role };
      next();
    });
    mountEndpoint(router, endpoint({ method: 'get', path: '/guarded', summary: 's', tag: 't', access, responses: {}, handler: async ({ res }) => void res.json({ ok: true }) }));
    app.use(router);
    app.use(errorMiddleware);
    return app;
  }

  it('when the role is not allowed, then 403; when allowed, then 200; when anonymous, then 401', async () => {
    const app = appWith(['admin'] as const);
    expect((await request(app).get('/guarded').set('x-role', 'student')).status).toBe(403);
    expect((await request(app).get('/guarded').set('x-role', 'admin')).status).toBe(200);
    expect((await request(app).get('/guarded')).status).toBe(401);
  });

  it('when the validator rejects a query, then 422 names the field', async () => {
    const app = express();
    mountEndpoint(
      app as unknown as Router,
      endpoint({ method: 'get', path: '/q', summary: 's', tag: 't', access: 'public', query: z.object({ page: z.coerce.number().int().min(1) }), responses: {}, handler: async ({ res, query }) => void res.json(query) }),
    );
    app.use(errorMiddleware);
    const res = await request(app).get('/q?page=zero');
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'page' })]);
    expect((await request(app).get('/q?page=2')).body).toEqual({ page: 2 });
  });
});

describe('operations', () => {
  it('when /api/health and /api/ready are called, then both report ok', async () => {
    expect((await t.http().get('/api/health')).body).toEqual({ status: 'ok' });
    expect((await t.http().get('/api/ready')).body).toEqual({ status: 'ok' });
  });

  it('when the instance is still starting (a demo booking its data), then /api/ready is 503 "starting" while /api/health is up, until it is marked ready', async () => {
    const starting = createApp({ config: t.config, database: t.database, logger: pino({ level: 'silent' }), startingUp: true });
    try {
      const notYet = await request(starting.app).get('/api/ready');
      expect(notYet.status).toBe(503);
      expect(notYet.body.code).toBe('starting');
      expect((await request(starting.app).get('/api/health')).status).toBe(200);
      starting.markReady();
      expect((await request(starting.app).get('/api/ready')).body).toEqual({ status: 'ok' });
    } finally {
      starting.sandbox?.stop();
    }
  });

  it('when /metrics is scraped, then it exposes Prometheus text with the request histogram', async () => {
    await t.http().get('/api/health');
    const res = await t.http().get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/plain/);
    expect(res.text).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/api\/health",status="200"\} \d+/);
    expect(res.text).toMatch(/process_cpu_user_seconds_total/);
  });

  it('when a request id is sent, then it is echoed; otherwise one is generated', async () => {
    expect((await t.http().get('/api/health').set('X-Request-Id', 'abc-123')).headers['x-request-id']).toBe('abc-123');
    expect((await t.http().get('/api/health')).headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('when users register, log in and refresh, then no password, token or cookie reaches the log', async () => {
    const account = await registerUser(t, { password: 'very-secret-pass-42' });
    await t.http().get('/api/users/me').set('Authorization', `Bearer ${account.accessToken}`).expect(200);
    await t.http().post('/api/auth/refresh').set('Cookie', account.cookie).expect(200);
    const log = t.logs.join('\n');
    expect(log).toMatch(/"url":"\/api\/users\/me"/);
    expect(log).not.toContain('very-secret-pass-42');
    expect(log).not.toContain(account.accessToken);
    expect(log).not.toContain(account.cookie.split('=')[1]);
  });

  it('when a browser from the configured origin calls, then CORS allows it with credentials; other origins get no grant', async () => {
    const ok = await t.http().options('/api/auth/login').set('Origin', 'http://localhost:5173').set('Access-Control-Request-Method', 'POST');
    expect(ok.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    expect(ok.headers['access-control-allow-credentials']).toBe('true');
    const evil = await t.http().options('/api/auth/login').set('Origin', 'https://evil.example').set('Access-Control-Request-Method', 'POST');
    expect(evil.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('OpenAPI', () => {
  it('when the document is generated, then it is valid OpenAPI 3.1', async () => {
    const res = await t.http().get('/api/openapi.json');
    expect(res.status).toBe(200);
    const validator = new Validator();
    const result = await validator.validate(res.body);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('when routes are mounted, then every one of them is in the document', async () => {
    const doc = (await t.http().get('/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const mounted: string[] = [];
    for (const layer of t.built.apiRouter.stack) {
      const route = layer.route as { path: string; methods: Record<string, boolean> } | undefined;
      if (!route) continue;
      for (const method of Object.keys(route.methods)) mounted.push(`${method} ${toOpenApiPath(route.path)}`);
    }
    expect(mounted.length).toBeGreaterThanOrEqual(10);
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`));
    for (const route of mounted) expect(documented).toContain(route);
  });

  it('when /api/docs is opened, then it serves the docs page and its assets', async () => {
    const page = await t.http().get('/api/docs');
    expect(page.status).toBe(200);
    expect(page.text).toContain('swagger-ui-bundle.js');
    const asset = await t.http().get('/api/docs/assets/swagger-ui-bundle.js');
    expect(asset.status).toBe(200);
  });
});
