import type { Db } from '../../db/client.js';
import { hmacHex } from '../../lib/signatures.js';
import type { Logger } from '../../lib/logger.js';
import {
  claimDueWebhooks,
  markWebhookDelivered,
  markWebhookFailed,
  nextDueAt,
  processDueRefunds,
  type SandboxSettings,
  type WebhookRow,
} from './sandbox.service.js';
import { clock } from '../../lib/clock.js';
import { processDuePayouts } from './sandbox.payouts.js';

/** Razorpay expects an answer within 5 s; a slower receiver counts as a failed attempt. */
const DELIVERY_TIMEOUT_MS = 5_000;
const WEBHOOK_BATCH = 10;
/** A claimed batch must be delivered before its lease ends, or another instance would deliver it again. */
const LEASE_MS = WEBHOOK_BATCH * DELIVERY_TIMEOUT_MS + 10_000;

export interface SandboxPassResult {
  refundsProcessed: number;
  payoutsProcessed: number;
  webhooksDelivered: number;
  webhooksFailed: number;
  /** When the next refund, payout or webhook falls due, if any is waiting. */
  nextDueAt: Date | null;
}

/** POSTs one webhook to its endpoint (payments or payouts); returns null on a 2xx answer, else why it failed. */
async function postWebhook(settings: SandboxSettings, row: WebhookRow): Promise<string | null> {
  try {
    const response = await fetch(row.target === 'payouts' ? settings.payoutWebhookUrl : settings.webhookUrl, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Razorpay-Signature': hmacHex(settings.webhookSecret, row.body),
        'x-razorpay-event-id': row.eventId,
      },
      body: row.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    });
    // Read the answer to the end so the connection can be reused; its content does not matter.
    await response.arrayBuffer().catch(() => undefined);
    return response.ok ? null : `HTTP ${response.status}`;
  } catch (error) {
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
}

/**
 * Delivers every webhook due at `now`, one after another in due order (so without chaos, the events of one
 * change arrive in the order they happened). Failures are retried later with back-off; after the last attempt
 * the webhook is given up and logged, as Razorpay disables a webhook that keeps failing.
 */
async function deliverDueWebhooks(db: Db, settings: SandboxSettings, now: Date, logger?: Logger) {
  let delivered = 0;
  let failed = 0;
  for (;;) {
    const batch = await claimDueWebhooks(db, now, WEBHOOK_BATCH, LEASE_MS);
    for (const row of batch) {
      const error = await postWebhook(settings, row);
      if (error === null) {
        await markWebhookDelivered(db, row.id, now);
        delivered++;
        continue;
      }
      failed++;
      const willRetry = await markWebhookFailed(db, row, error, now);
      const details = { eventId: row.eventId, event: row.event, attempts: row.attempts, error };
      if (willRetry) logger?.debug(details, 'sandbox webhook delivery failed, will retry');
      else logger?.error(details, 'sandbox webhook given up after the last attempt');
    }
    if (batch.length < WEBHOOK_BATCH) return { delivered, failed };
  }
}

/**
 * One pass of the sandbox's background work at time `now`: refunds and payouts whose delay has passed are
 * processed, then due webhooks are delivered. Safe to run on several instances at once. Tests call it with a
 * chosen `now`.
 */
export async function runSandboxPass(db: Db, settings: SandboxSettings, now = clock.now(), logger?: Logger): Promise<SandboxPassResult> {
  const refundsProcessed = await processDueRefunds(db, settings, now);
  const payoutsProcessed = await processDuePayouts(db, settings, now);
  const webhooks = await deliverDueWebhooks(db, settings, now, logger);
  return { refundsProcessed, payoutsProcessed, webhooksDelivered: webhooks.delivered, webhooksFailed: webhooks.failed, nextDueAt: await nextDueAt(db) };
}

export interface SandboxWorker {
  /** Run a pass soon (state changed); kicks close together share one pass. */
  kick(): void;
  /** Resolves once no pass is running or about to run because of a kick. */
  idle(): Promise<void>;
  /** Cancels the timers; a pass already running finishes. */
  stop(): void;
}

/** Kicks within this window share one pass. */
const KICK_DELAY_MS = 5;
/**
 * Even with nothing due, look again this often: another instance may have recorded work and kicked only itself.
 */
const MAX_SLEEP_MS = 15_000;
const AFTER_ERROR_MS = 5_000;
/**
 * Work that is due but was skipped (locked by another instance's claim) shows as due at once; this gap keeps
 * the worker from spinning while that instance finishes.
 */
const MIN_GAP_MS = 50;

/**
 * Runs `runSandboxPass` whenever something is due: after each pass it sleeps (on an unref'd timer, so it never
 * keeps the process alive) until the earliest next due time, or until kicked. The first pass runs right after
 * creation, so refunds, payouts and webhooks left waiting by a previous run (a restart, a crash) are picked up.
 */
export function createSandboxWorker({ db, settings, logger }: { db: Db; settings: SandboxSettings; logger: Logger }): SandboxWorker {
  let timer: NodeJS.Timeout | null = null;
  let timerAt = Number.POSITIVE_INFINITY;
  let running: Promise<void> | null = null;
  let kicked = false;
  let rerun = false;
  let stopped = false;

  const schedule = (delayMs: number) => {
    if (stopped) return;
    // Real time, not the process clock: the timer is a real one, and a test may move the process clock by hours.
    const at = performance.now() + delayMs;
    if (timer && timerAt <= at) return; // an earlier pass is already planned
    if (timer) clearTimeout(timer);
    timerAt = at;
    timer = setTimeout(() => {
      timer = null;
      timerAt = Number.POSITIVE_INFINITY;
      start();
    }, delayMs);
    timer.unref();
  };

  const onePass = async (): Promise<number> => {
    try {
      const result = await runSandboxPass(db, settings, clock.now(), logger);
      const untilDue = result.nextDueAt ? result.nextDueAt.getTime() - clock.now().getTime() : MAX_SLEEP_MS;
      return Math.min(MAX_SLEEP_MS, Math.max(MIN_GAP_MS, untilDue));
    } catch (err) {
      logger.error({ err }, 'sandbox pass failed');
      return AFTER_ERROR_MS;
    }
  };

  const start = () => {
    if (stopped) return;
    // A kick during a pass may have come after that pass looked for work: run once more right after it.
    if (running) {
      rerun = true;
      return;
    }
    kicked = false;
    running = onePass().then((nextDelayMs) => {
      running = null;
      if (rerun) {
        rerun = false;
        schedule(0);
      } else {
        schedule(nextDelayMs);
      }
    });
  };

  schedule(KICK_DELAY_MS);

  return {
    kick() {
      if (stopped) return;
      kicked = true;
      schedule(KICK_DELAY_MS);
    },
    async idle() {
      while (running || (kicked && !stopped)) {
        await (running ?? new Promise((resolve) => setTimeout(resolve, KICK_DELAY_MS)));
      }
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      timerAt = Number.POSITIVE_INFINITY;
    },
  };
}
