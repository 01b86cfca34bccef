// Shared pieces of the HTTP benchmarks: a fresh database on the server PostgreSQL, the built server in its own
// process (so the load generator never shares its event loop), and autocannon runs summarised the same way.
import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export async function freshDatabase(name) {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function startServer(databaseUrl, extraEnv = {}) {
  const port = 21_000 + Math.floor(Math.random() * 20_000);
  // BENCH_NODE_ARGS passes flags to the measured server only, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, 'backend/dist/server.js'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      DATABASE_POOL_SIZE: '20',
      DATA_DIR: mkdtempSync(path.join(tmpdir(), 'mc-bench-')),
      LOG_LEVEL: 'warn',
      JOBS_ENABLED: 'false',
      // Production refuses a missing or made-up secret; each run generates its own.
      JWT_SECRET: randomBytes(48).toString('base64url'),
      // And a key to seal payout details with.
      PAYOUT_DETAILS_KEY: `bench:${randomBytes(32).toString('base64')}`,
      ...extraEnv,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${base}/api/ready`)).ok) return { base, pid: child.pid, stop: () => stopChild(child) };
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill('SIGKILL');
  throw new Error('server did not start');
}

/**
 * Stops a measured server and waits for it to be gone: a graceful stop first (it may still be working through
 * background work the run queued, such as emails), then a hard one, so no server outlives its run and loads the next.
 */
function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const hard = setTimeout(() => child.kill('SIGKILL'), Number(process.env.BENCH_STOP_TIMEOUT_MS ?? 5_000));
  return exited.finally(() => clearTimeout(hard));
}

export function load(options) {
  return new Promise((resolve, reject) => {
    autocannon({ connections: 50, duration: 20, ...options }, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

export function summarise(label, result) {
  const row = {
    label,
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
  console.log(`${label.padEnd(22)} ${String(row.requestsPerSecond).padStart(7)} req/s   p50 ${row.p50Ms} ms   p99 ${row.p99Ms} ms   non-2xx ${row.non2xx}   errors ${row.errors}`);
  return row;
}
