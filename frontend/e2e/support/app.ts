import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { e2eNow } from './clock';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const screenshotsDir = fileURLToPath(new URL('../screenshots/', import.meta.url));

const serverEntry = path.join(repoRoot, 'backend', 'dist', 'server.js');
const spaIndex = path.join(repoRoot, 'frontend', 'dist', 'index.html');
const HEALTH_TIMEOUT_MS = 60_000;

export const desktopViewport = { width: 1280, height: 800 };
export const phoneViewport = { width: 360, height: 740 };

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** One email the app wrote as an .eml file under DATA_DIR/mail (no SMTP_URL is set). */
export interface SentMail {
  file: string;
  /** The message's exact bytes as text: headers, then the MIME parts. */
  raw: string;
}

export interface RunningApp {
  baseUrl: string;
  dataDir: string;
  /** Where the app writes its emails: DATA_DIR/mail. */
  mailDir: string;
  /** Every email written so far, oldest first. */
  mail: () => Promise<SentMail[]>;
  /** What the server printed so far; handy in assertion messages. */
  output: () => string;
  /** Stops the server; its DATA_DIR goes too unless `keepData` (to run a job on it, or start it again). */
  stop: (options?: { keepData?: boolean }) => Promise<void>;
}

export interface StartAppOptions {
  /** More environment for the backend. */
  env?: Record<string, string>;
  /** The DATA_DIR of an earlier run (stopped with `keepData`), to start the app again on its data. */
  dataDir?: string;
}

/**
 * Starts the built backend (which also serves the built SPA) on a free port with a fresh, empty
 * DATA_DIR, and resolves once GET /api/health answers 200. It runs in production mode as a declared demo
 * (DEMO_MODE: the payment sandbox is on and the app shows its banner), on the journeys' clock (CLOCK_START).
 */
export async function startApp({ env = {}, dataDir: existingDataDir }: StartAppOptions = {}): Promise<RunningApp> {
  if (!existsSync(serverEntry)) {
    throw new Error(`${serverEntry} is missing: build the backend first (npm run build -w backend).`);
  }
  if (!existsSync(spaIndex)) {
    throw new Error(`${spaIndex} is missing: build the frontend first (npm run build -w frontend).`);
  }

  const port = await freePort();
  const dataDir = existingDataDir ?? (await mkdtemp(path.join(tmpdir(), 'mentor-connect-e2e-data-')));
  const baseUrl = `http://localhost:${port}`;
  let output = '';

  const child = spawn(process.execPath, [serverEntry], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      JWT_SECRET: randomBytes(48).toString('base64url'),
      DEMO_MODE: 'true',
      CLOCK_START: e2eNow().toISOString(),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const stop = async ({ keepData = false }: { keepData?: boolean } = {}) => {
    await stopProcess(child);
    if (!keepData) await rm(dataDir, { recursive: true, force: true });
  };

  try {
    // Ready, not merely alive: a demo start books its sessions and wallet through its own API before it is ready.
    await waitForHealth(`http://127.0.0.1:${port}/api/ready`, child, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  const mailDir = path.join(dataDir, 'mail');
  return { baseUrl, dataDir, mailDir, mail: () => readMail(mailDir), output: () => output, stop };
}

async function readMail(mailDir: string): Promise<SentMail[]> {
  if (!existsSync(mailDir)) return [];
  // File names start with the time they were written, so sorting them sorts the emails.
  const files = (await readdir(mailDir)).filter((name) => name.endsWith('.eml')).sort();
  return Promise.all(files.map(async (name) => ({ file: path.join(mailDir, name), raw: await readFile(path.join(mailDir, name), 'utf8') })));
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`The backend exited (${child.exitCode ?? child.signalCode}) before it was healthy:\n${output()}`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The backend was not healthy at ${url} within ${HEALTH_TIMEOUT_MS / 1000} s:\n${output()}`);
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timedOut = await Promise.race([
    exited.then(() => false),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 10_000)),
  ]);
  if (timedOut) {
    child.kill('SIGKILL');
    await exited;
  }
}

export interface RunningBrowser {
  browser: Browser;
  /** A page in a new context: no cookies or storage from earlier tests; its clock starts at `at` (default: now). */
  newPage: (options?: { at?: Date }) => Promise<Page>;
  close: () => Promise<void>;
}

/**
 * Debian's chromium, headless. A plain launch runs on a throwaway profile that playwright creates and
 * deletes, and every context starts without cookies or storage: nothing leaks between runs or tests.
 */
export async function launchBrowser(): Promise<RunningBrowser> {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  const contexts: BrowserContext[] = [];
  return {
    browser,
    newPage: async ({ at }: { at?: Date } = {}) => {
      // A zone other than the backend's default for new accounts (Asia/Kolkata), so the journey can
      // see the app align a new account's time zone with the browser's.
      const context = await browser.newContext({ viewport: desktopViewport, locale: 'en-GB', timezoneId: 'Europe/London' });
      // The page's clock runs with the server's: both start at the journeys' now.
      await context.clock.install({ time: at ?? e2eNow() });
      contexts.push(context);
      const page = await context.newPage();
      // Each test has 60 s in all; a step that can't happen should fail fast and name itself.
      page.setDefaultTimeout(10_000);
      return page;
    },
    close: async () => {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close().catch(() => undefined);
    },
  };
}
/**
 * Full-page screenshot to frontend/e2e/screenshots/<step>.png; `fullPage: false` captures just the
 * screen, for an overlay fixed to it (a drawer, the phone menu) that a full-page capture would cut off.
 */
export async function screenshot(page: Page, step: string, { fullPage = true }: { fullPage?: boolean } = {}): Promise<void> {
  await mkdir(screenshotsDir, { recursive: true });
  // Let toasts and route transitions settle so the picture shows the page, not a frame of an animation.
  await page.waitForTimeout(300);
  // From the top: scrolled down, a full-page capture paints the fixed header across the middle.
  if (fullPage) await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(screenshotsDir, `${step}.png`), fullPage });
}

/** The same page at phone width (360×740), then back to desktop; `fullPage: false` as for `screenshot`. */
export async function phoneScreenshot(page: Page, step: string, { fullPage = true }: { fullPage?: boolean } = {}): Promise<void> {
  await page.setViewportSize(phoneViewport);
  await screenshot(page, step, { fullPage });
  await page.setViewportSize(desktopViewport);
}

/**
 * Resolves once a demo app has its demo data in. The server answers before that: the demo's sessions and wallet are
 * seeded once it listens (the clock stands days back for a moment meanwhile), and it prints the demo's accounts when
 * they are.
 */
export async function demoSeeded(app: RunningApp, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!app.output().includes('Mentor Connect: http')) {
    if (Date.now() > deadline) throw new Error(`the demo data is not seeded yet:\n${app.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
