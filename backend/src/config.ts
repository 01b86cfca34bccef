import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { parseKeyRing } from './lib/secret-box.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');

/**
 * Every setting of the process, parsed once from the environment. A wrong value stops start-up with
 * a message naming the variable, because a server that starts half-configured fails later and worse.
 * Business rules that an admin may tune later (limits, windows) live here too, so each number has one home.
 */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default(path.join(repoRoot, 'data')),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  PUBLIC_URL: z.url().default('http://localhost:3000'),
  CORS_ORIGIN: z.string().min(1).default('http://localhost:5173'),
  TRUST_PROXY: z.string().min(1).default('loopback'),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(3600).default(900),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
  LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).default(30),
  LOGIN_THROTTLE_WINDOW_SECONDS: z.coerce.number().int().min(1).default(900),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  STATIC_DIR: z.string().min(1).default(path.join(repoRoot, 'frontend', 'dist')),
  SEED_DEMO_DATA: booleanFromEnv.default(true),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  MAIL_FROM: z.string().min(3).default('Mentor Connect <no-reply@mentor-connect.local>'),
  JOBS_ENABLED: booleanFromEnv.default(true),
  // Socket.IO across instances (Redis Streams adapter); without it, one instance's sockets only.
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  // Prefixes the adapter's stream and session keys, so deployments sharing one Redis never hear each other.
  REDIS_KEY_PREFIX: z.string().regex(/^[A-Za-z0-9:_-]{1,50}$/).default('mentor-connect'),
  CHAT_MESSAGES_PER_10S: z.coerce.number().int().min(1).max(1000).default(20),
  AVAILABILITY_CACHE_SECONDS: z.coerce.number().min(0).max(60).default(2),
  DISCOVERY_CACHE_SECONDS: z.coerce.number().min(0).max(300).default(5),
  AVATAR_MAX_BYTES: z.coerce.number().int().min(1024).default(2 * 1024 * 1024),
  // Payment gateway: real Razorpay when both keys are set, otherwise the built-in sandbox.
  RAZORPAY_KEY_ID: z.string().regex(/^rzp_(test|live)_\w+$/, 'must look like rzp_test_… or rzp_live_…').optional(),
  RAZORPAY_KEY_SECRET: z.string().min(8).optional(),
  RAZORPAY_WEBHOOK_SECRET: z.string().min(8).optional(),
  RAZORPAY_API_BASE_URL: z.url().optional(),
  SANDBOX_ENABLED: booleanFromEnv.optional(),
  // A production deployment for demonstrations: the payment sandbox may run (no money moves), and the app says so.
  DEMO_MODE: booleanFromEnv.default(false),
  // The process clock starts at this instant and runs on (tests and demos); unset, it is the real time.
  CLOCK_START: z.iso.datetime({ offset: true }).optional(),
  SANDBOX_CHAOS: booleanFromEnv.default(false),
  SANDBOX_WEBHOOK_URL: z.url().optional(),
  SANDBOX_REFUND_DELAY_SECONDS: z.coerce.number().min(0).max(3600).default(3),
  // RazorpayX in the sandbox: a payout is processed (with a UTR) this long after it is created, unless forced.
  SANDBOX_PAYOUT_DELAY_MS: z.coerce.number().int().min(0).max(86_400_000).default(3000),
  SANDBOX_PAYOUT_WEBHOOK_URL: z.url().optional(),
  // Fault injection for every gateway API call (payments, refunds, payouts): this share of requests is answered
  // with a 5xx or not at all (half each), and every answer waits this long.
  SANDBOX_FAULT_RATE: z.coerce.number().min(0).max(1).default(0),
  SANDBOX_LATENCY_MS: z.coerce.number().int().min(0).max(60_000).default(0),
  // RazorpayX: the account payouts are made from (required with real Razorpay keys for payouts to run).
  RAZORPAYX_ACCOUNT_NUMBER: z.string().regex(/^\d{6,20}$/, 'must be the RazorpayX account number (digits)').optional(),
  RAZORPAY_PAYOUT_WEBHOOK_SECRET: z.string().min(8).optional(),
  // Gateway calls without an answer after this long count as "outcome unknown" (retried with the same key).
  GATEWAY_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
  // Payout details are sealed with AES-256-GCM under these keys: `id:base64key[,id:base64key…]`, the first current.
  PAYOUT_DETAILS_KEY: z.string().min(1).optional(),
  // Withdrawals (PRODUCT.md §8): the smallest amount a mentor may withdraw, in paise.
  MIN_WITHDRAWAL_PAISE: z.coerce.number().int().min(100).default(50_000),
  // Booking and money rules (PRODUCT.md §4–5). Rates are basis points: 2000 = 20%.
  BOOKING_HOLD_MINUTES: z.coerce.number().int().min(1).max(120).default(15),
  PLATFORM_COMMISSION_BPS: z.coerce.number().int().min(0).max(5000).default(2000),
  GATEWAY_FEE_BPS: z.coerce.number().int().min(0).max(1000).default(200),
  GST_ON_GATEWAY_FEE_BPS: z.coerce.number().int().min(0).max(5000).default(1800),
  CANCEL_FULL_REFUND_HOURS: z.coerce.number().min(0).default(24),
  CANCEL_HALF_REFUND_HOURS: z.coerce.number().min(0).default(4),
  RESCHEDULE_MIN_NOTICE_HOURS: z.coerce.number().min(0).default(4),
  RECONCILE_AFTER_MINUTES: z.coerce.number().int().min(1).max(1440).default(5),
  // The video call opens this many minutes before a session and closes this many after its end (PRODUCT.md §6).
  JOIN_OPENS_MINUTES_BEFORE: z.coerce.number().int().min(0).max(120).default(10),
  JOIN_GRACE_MINUTES: z.coerce.number().int().min(0).max(120).default(15),
  // Settlement (PRODUCT.md §6): a student present for less than this share of the session is a no-show; a completed
  // session's money is released this many hours after it settles, unless the student disputes.
  NO_SHOW_BELOW_PERCENT: z.coerce.number().int().min(0).max(100).default(20),
  RELEASE_AFTER_HOURS: z.coerce.number().min(0).max(24 * 14).default(24),
  // A browser's presence in a call lapses when its heartbeats (every 30 s) stop for longer than this.
  HEARTBEAT_TIMEOUT_SECONDS: z.coerce.number().int().min(30).max(600).default(90),
  // Video: the public or self-hosted Jitsi domain; JaaS (8x8) when its app id, key id and private key are set; a
  // self-hosted Jitsi with token auth when JITSI_APP_ID and JITSI_APP_SECRET are set.
  JITSI_DOMAIN: z.string().regex(/^[a-z0-9.-]+(:\d+)?$/i, 'must be a host name, e.g. meet.jit.si').default('meet.jit.si'),
  JAAS_APP_ID: z.string().min(3).optional(),
  JAAS_KEY_ID: z.string().min(3).optional(),
  JAAS_PRIVATE_KEY: z.string().min(40).optional(),
  JITSI_APP_ID: z.string().min(1).optional(),
  JITSI_APP_SECRET: z.string().min(16).optional(),
  // Signs the video server's attendance webhooks (JaaS format); without it the webhook endpoint accepts nothing.
  JITSI_WEBHOOK_SECRET: z.string().min(16).optional(),
});

export type Config = z.infer<typeof envSchema> & { JWT_SECRET: string; PAYOUT_DETAILS_KEY: string };

export class ConfigError extends Error {}

export function parseConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings (a blank line in .env) mean "use the default", not "set to nothing".
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const parsed = result.data;
  if (Boolean(parsed.RAZORPAY_KEY_ID) !== Boolean(parsed.RAZORPAY_KEY_SECRET)) {
    throw new ConfigError('Invalid configuration:\n  RAZORPAY_KEY_SECRET: set both RAZORPAY_KEY_ID and RAZORPAY_KEY_SECRET, or neither (the built-in sandbox)');
  }
  if (parsed.RAZORPAY_KEY_ID && !parsed.RAZORPAY_WEBHOOK_SECRET) {
    throw new ConfigError('Invalid configuration:\n  RAZORPAY_WEBHOOK_SECRET: required with real Razorpay keys, to verify webhooks');
  }
  if (parsed.RAZORPAY_KEY_ID && !parsed.RAZORPAYX_ACCOUNT_NUMBER) {
    throw new ConfigError('Invalid configuration:\n  RAZORPAYX_ACCOUNT_NUMBER: required with real Razorpay keys: mentors are paid from this RazorpayX account');
  }
  if (parsed.RAZORPAY_KEY_ID && !parsed.RAZORPAY_PAYOUT_WEBHOOK_SECRET) {
    throw new ConfigError('Invalid configuration:\n  RAZORPAY_PAYOUT_WEBHOOK_SECRET: required with real Razorpay keys, to verify payout webhooks');
  }
  if (parsed.PAYOUT_DETAILS_KEY) {
    try {
      parseKeyRing(parsed.PAYOUT_DETAILS_KEY);
    } catch (error) {
      throw new ConfigError(`Invalid configuration:\n  PAYOUT_DETAILS_KEY: ${(error as Error).message}`);
    }
  }
  if (parsed.NODE_ENV === 'production') refuseWeakProductionSettings(parsed);
  const jaas = [parsed.JAAS_APP_ID, parsed.JAAS_KEY_ID, parsed.JAAS_PRIVATE_KEY].filter(Boolean).length;
  if (jaas !== 0 && jaas !== 3) throw new ConfigError('Invalid configuration:\n  JAAS_PRIVATE_KEY: set JAAS_APP_ID, JAAS_KEY_ID and JAAS_PRIVATE_KEY together, or none of them');
  if (Boolean(parsed.JITSI_APP_ID) !== Boolean(parsed.JITSI_APP_SECRET)) {
    throw new ConfigError('Invalid configuration:\n  JITSI_APP_SECRET: set both JITSI_APP_ID and JITSI_APP_SECRET, or neither');
  }
  if (parsed.CANCEL_HALF_REFUND_HOURS > parsed.CANCEL_FULL_REFUND_HOURS) {
    throw new ConfigError('Invalid configuration:\n  CANCEL_HALF_REFUND_HOURS: must not be more than CANCEL_FULL_REFUND_HOURS');
  }
  const jwtSecret = parsed.JWT_SECRET ?? localSecret(parsed.DATA_DIR);
  return { ...parsed, JWT_SECRET: jwtSecret, PAYOUT_DETAILS_KEY: parsed.PAYOUT_DETAILS_KEY ?? localPayoutKey(jwtSecret) };
}

/**
 * Strings published in our own files or commonly pasted from examples. A secret that contains one of them was
 * copied, not generated, and anyone who read the file can sign tokens with it.
 */
const PLACEHOLDER_SECRETS = /change[-_ ]?me|placeholder|example|your[-_ ]?(jwt[-_ ]?)?secret|secret[-_ ]?here|not[-_ ]?secret|do[-_ ]?not[-_ ]?use|x{8,}|0123456789|abcdefgh/i;

/**
 * What a production start refuses, naming the variable: every token, and the sandbox's payment and webhook
 * secrets, are derived from JWT_SECRET, so a missing (generated per instance), short or copied one is unsafe;
 * and the payment sandbox lets anyone "pay" without money moving, so it runs only in a declared demo.
 */
function refuseWeakProductionSettings(parsed: z.infer<typeof envSchema>): void {
  const problems: string[] = [];
  const secret = parsed.JWT_SECRET;
  if (!secret) problems.push('JWT_SECRET: required in production (at least 32 random characters, the same on every instance)');
  else if (PLACEHOLDER_SECRETS.test(secret) || new Set(secret).size < 12) {
    problems.push('JWT_SECRET: looks like a placeholder or a made-up string; generate one, e.g. `openssl rand -base64 48`');
  }
  if (parsed.SANDBOX_ENABLED && !parsed.DEMO_MODE) {
    problems.push('SANDBOX_ENABLED: the payment sandbox confirms bookings without any money moving; in production it runs only with DEMO_MODE=true');
  }
  // A declared demo moves no real money: its sandbox payout details may be sealed under a key derived from JWT_SECRET.
  if (!parsed.PAYOUT_DETAILS_KEY && !parsed.DEMO_MODE) {
    problems.push('PAYOUT_DETAILS_KEY: required in production to seal payout details (`k1:<openssl rand -base64 32>`, the same on every instance)');
  }
  if (parsed.CLOCK_START && !parsed.DEMO_MODE) problems.push('CLOCK_START: a moved clock is for tests and demos; in production it needs DEMO_MODE=true');
  if (problems.length) throw new ConfigError(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
}

/**
 * Outside production, payout details are sealed under a key derived from JWT_SECRET (kept under DATA_DIR on a fresh
 * clone), so a development install needs no setup. Production sets PAYOUT_DETAILS_KEY (refused without it).
 */
function localPayoutKey(jwtSecret: string): string {
  return `local:${createHmac('sha256', jwtSecret).update('payout-details-key').digest('base64')}`;
}

/**
 * With no JWT_SECRET configured (a fresh clone), a random secret is kept under DATA_DIR so sessions survive
 * restarts. Several instances must share one JWT_SECRET, which is why production sets it explicitly.
 */
function localSecret(dataDir: string): string {
  const file = path.join(dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

export { repoRoot };
