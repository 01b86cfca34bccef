import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const backendDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsx = path.resolve(backendDir, '../node_modules/.bin/tsx');

interface Running {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

function startServer(env: Record<string, string>): Running {
  let output = '';
  const child = spawn(tsx, ['src/server.ts'], {
    cwd: backendDir,
    env: { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'info', NODE_ENV: 'production', JWT_SECRET, PAYOUT_DETAILS_KEY, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitForHealth(port: number, running: Running): Promise<void> {
  // Bounded only for a failure (a server that never comes up), however loaded the machine is.
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (running.child.exitCode !== null) throw new Error(`server exited early:\n${running.output()}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`server did not become healthy:\n${running.output()}`);
}

// Production refuses a missing or made-up secret; both starts of one test share this one.
const JWT_SECRET = randomBytes(48).toString('base64url');
const PAYOUT_DETAILS_KEY = `k1:${randomBytes(32).toString('base64')}`;

const freePort = () => 20_000 + Math.floor(Math.random() * 20_000);

describe('server process', () => {
  it('when a setting is wrong, then start-up stops with a message naming the variable', async () => {
    const running = startServer({ PORT: 'not-a-port', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'mc-srv-')) });
    expect(await running.exited).toBe(1);
    expect(running.output()).toMatch(/Invalid configuration:\n\s+PORT:/);
  }, 60_000);

  it('when SIGTERM arrives mid-request, then the request still completes, the process exits 0, and a restart re-seeds nothing', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'mc-srv-'));
    const port = freePort();
    const first = startServer({ PORT: String(port), DATA_DIR: dataDir });
    await waitForHealth(port, first);
    expect(first.output()).toContain('admin@example.com');
    expect(first.output()).toMatch(/seeded demo data/);

    // Send the headers and half the body, then signal: the server must wait for the rest and answer.
    const body = JSON.stringify({ email: 'student@example.com', password: 'Password123!' });
    const socket = connect(port, '127.0.0.1');
    let response = '';
    socket.on('data', (chunk) => (response += chunk.toString()));
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write(`POST /api/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n`);
    socket.write(body.slice(0, 10));
    await new Promise((resolve) => setTimeout(resolve, 300));
    first.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 500));
    // No new connections are accepted while draining.
    await expect(fetch(`http://127.0.0.1:${port}/api/health`)).rejects.toThrow();
    socket.write(body.slice(10));
    await new Promise<void>((resolve) => socket.once('close', () => resolve()));
    expect(response).toMatch(/^HTTP\/1\.1 200/);
    expect(response).toContain('"email":"student@example.com"');
    expect(await first.exited).toBe(0);
    expect(first.output()).toMatch(/"msg":"stopped"/);

    const second = startServer({ PORT: String(port), DATA_DIR: dataDir });
    await waitForHealth(port, second);
    expect(second.output()).not.toMatch(/seeded demo data/);
    const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(login.status).toBe(200);
    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);
    // Two starts with demo seeding and two graceful stops: about 40 s on a quiet machine; the limit only catches a hang.
  }, 360_000);
});
