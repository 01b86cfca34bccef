import { eq, sql } from 'drizzle-orm';
import { claimDue, release, retryLater } from '../../db/claim.js';
import type { Db } from '../../db/client.js';
import { nextAttemptAt } from '../../lib/backoff.js';
import { clock } from '../../lib/clock.js';
import { publish } from '../../lib/events.js';
import type { PaymentsContext } from './payments.context.js';
import { applyGatewayRefund } from './payments.refunds.js';
import { confirmPayment, markFailed } from './payments.service.js';
import { payments, webhookEvents } from './payments.tables.js';

/**
 * Gateway webhooks (DESIGN.md §4.3): the route verifies the signature on the raw bytes and stores the event once
 * by its id, answers 200, and this worker applies it afterwards. Events come in any order and more than once:
 * each is applied as a transition that can't go backwards.
 */

/** Retries of an event that failed to apply: 30 s, 1 min, 2 min, … at most hourly; given up after 12. */
const WEBHOOK_RETRY = { baseMs: 30_000, maxMs: 3_600_000 };
const MAX_ATTEMPTS = 12;
const WEBHOOK_LEASE_MS = 60_000;

/** Stores a verified webhook once (by its event id); the work is done after the response, by the worker. */
export async function recordWebhookEvent(db: Db, eventId: string, payload: { event?: unknown } & Record<string, unknown>, now = clock.now()): Promise<boolean> {
  const rows = await db
    .insert(webhookEvents)
    .values({ eventId, event: String(payload.event ?? 'unknown'), payload, receivedAt: now, nextAttemptAt: now })
    .onConflictDoNothing()
    .returning({ eventId: webhookEvents.eventId });
  if (rows.length === 1) publish(db, { type: 'webhook.received', eventId });
  return rows.length === 1;
}

/** Applies one webhook, in our terms (the provider maps its own). */
async function applyWebhook(ctx: PaymentsContext, payload: Record<string, unknown>, now: Date): Promise<'processed' | 'ignored'> {
  const webhook = ctx.provider.parseWebhook(payload);
  if (webhook.kind === 'refund') return (await applyGatewayRefund(ctx, webhook.refund, now)) ? 'processed' : 'ignored';
  if (webhook.kind !== 'payment') return 'ignored';
  if (webhook.event === 'failed') {
    const [row] = await ctx.db.select({ id: payments.id, bookingId: payments.bookingId }).from(payments).where(eq(payments.gatewayOrderId, webhook.payment.orderId));
    if (!row) return 'ignored';
    await markFailed(ctx.db, row, webhook.payment.errorDescription ?? 'Payment failed', now);
    return 'processed';
  }
  return (await confirmPayment(ctx, webhook.payment.orderId, { kind: 'webhook', payment: webhook.payment }, now)) ? 'processed' : 'ignored';
}

export async function runProcessWebhooks(ctx: PaymentsContext, now = clock.now(), batchSize = 20): Promise<number> {
  const claimed = await claimDue(ctx.db, webhookEvents, {
    key: 'eventId',
    due: 'nextAttemptAt',
    waiting: eq(webhookEvents.status, 'received'),
    orderBy: ['receivedAt'],
    now,
    leaseMs: WEBHOOK_LEASE_MS,
    batchSize,
    set: { attempts: sql`${webhookEvents.attempts} + 1` },
  });
  for (const row of claimed) {
    try {
      const outcome = await applyWebhook(ctx, row.payload, now);
      await release(ctx.db, webhookEvents, { key: 'eventId', id: row.eventId, set: { status: outcome, processedAt: now, lastError: null } });
    } catch (error) {
      ctx.logger.warn({ err: error, eventId: row.eventId }, 'webhook processing failed; will retry');
      await retryLater(ctx.db, webhookEvents, {
        key: 'eventId',
        id: row.eventId,
        due: 'nextAttemptAt',
        next: nextAttemptAt(now, row.attempts, WEBHOOK_RETRY),
        set: { status: row.attempts >= MAX_ATTEMPTS ? 'failed' : 'received', lastError: String(error instanceof Error ? error.message : error).slice(0, 500) },
      });
    }
  }
  return claimed.length;
}
