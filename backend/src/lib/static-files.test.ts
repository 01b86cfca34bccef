import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test-support/test-app.js';

/**
 * The built web app as the server sends it: a real app on a port with a STATIC_DIR laid out as `vite build` and
 * compress-dist leave it, asked with raw HTTP requests so the bytes and headers are what a browser gets.
 */

const script = `console.log(${JSON.stringify('Mentor Connect '.repeat(200))});`;
const shell = `<!doctype html><html><head><title>Mentor Connect</title></head><body><div id="root">${'<p>loading</p>'.repeat(100)}</div></body></html>`;
const icon = '<svg xmlns="http://www.w3.org/2000/svg"/>';

let t: TestApp;

beforeAll(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'mc-static-'));
  mkdirSync(path.join(dir, 'assets'));
  for (const [name, content] of [
    ['index.html', shell],
    ['assets/index-3f9a1c.js', script],
  ] as const) {
    writeFileSync(path.join(dir, name), content);
    writeFileSync(path.join(dir, `${name}.br`), brotliCompressSync(content));
    writeFileSync(path.join(dir, `${name}.gz`), gzipSync(content));
  }
  writeFileSync(path.join(dir, 'favicon.svg'), icon);
  t = await createTestApp({ STATIC_DIR: dir });
}, 60_000);
afterAll(async () => {
  await t?.close();
});

function get(url: string, acceptEncoding?: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${t.origin}${url}`, { headers: acceptEncoding === undefined ? {} : { 'Accept-Encoding': acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the web app’s files', () => {
  it('when a browser accepts brotli, then a hashed asset comes as its brotli copy, with its own type, cached for a year', async () => {
    const res = await get('/assets/index-3f9a1c.js', 'gzip, deflate, br');
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/^text\/javascript|^application\/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers.vary).toMatch(/Accept-Encoding/);
    expect(brotliDecompressSync(res.body).toString()).toBe(script);
    expect(res.body.length).toBeLessThan(script.length / 4);
  });

  it('when a browser accepts only gzip, or nothing, then it gets the gzip copy, or the file itself', async () => {
    const gzipped = await get('/assets/index-3f9a1c.js', 'gzip');
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzipped.body).toString()).toBe(script);
    const plain = await get('/assets/index-3f9a1c.js', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(script);
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const unsaid = await get('/assets/index-3f9a1c.js');
    expect(unsaid.headers['content-encoding']).toBeUndefined();
    expect(unsaid.body.toString()).toBe(script);
  });

  it('when a page of the app is opened, then the shell comes compressed and is asked for again on every visit; a file without copies is sent as it is', async () => {
    for (const url of ['/', '/dashboard', '/mentors/asha-rao', '/index.html']) {
      const res = await get(url, 'br');
      expect(res.status, url).toBe(200);
      expect(res.headers['content-type'], url).toMatch(/^text\/html/);
      expect(res.headers['content-encoding'], url).toBe('br');
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(brotliDecompressSync(res.body).toString(), url).toBe(shell);
    }
    const favicon = await get('/favicon.svg', 'br, gzip');
    expect(favicon.headers['content-encoding']).toBeUndefined();
    expect(favicon.headers['cache-control']).toBe('public, max-age=3600');
    expect(favicon.body.toString()).toBe(icon);
  });

  it('when the API or a path outside the directory is asked for, then no file answers it', async () => {
    const api = await get('/api/no-such-thing', 'br');
    expect(api.status).toBe(404);
    expect(api.headers['content-type']).toMatch(/problem\+json/);
    const outside = await get('/assets/../../../../etc/passwd', 'identity');
    expect(outside.body.toString()).not.toContain('root:');
    const compressedCopy = await get('/assets/index-3f9a1c.js.br', 'identity');
    expect(compressedCopy.headers['content-type']).toMatch(/^text\/html/);
  });
});
