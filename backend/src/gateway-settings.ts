import { createHmac } from 'node:crypto';
import type { Config } from './config.js';
import type { BookingPolicy } from './modules/bookings/bookings.policy.js';
import type { RazorpaySettings } from './modules/payments/razorpay.provider.js';
import type { RazorpayXSettings } from './modules/payments/razorpayx.provider.js';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Deterministic per installation: every instance sharing JWT_SECRET derives the same sandbox keys. */
function derived(secret: string, purpose: string, length: number): string {
  const bytes = createHmac('sha256', secret).update(`sandbox:${purpose}`).digest();
  let out = '';
  for (let i = 0; i < length; i++) out += BASE62[bytes[i % bytes.length]! % 62];
  return out;
}

export const usesRealRazorpay = (config: Config) => Boolean(config.RAZORPAY_KEY_ID && config.RAZORPAY_KEY_SECRET);

/**
 * The sandbox runs unless real keys are configured or it is switched off; in production only in a declared demo
 * (DEMO_MODE=true), because anyone who sees a checkout can "pay" through it. Refused (404) otherwise.
 */
export function sandboxEnabled(config: Config): boolean {
  if (usesRealRazorpay(config)) return false;
  if (config.NODE_ENV === 'production') return config.DEMO_MODE && config.SANDBOX_ENABLED !== false;
  return config.SANDBOX_ENABLED ?? true;
}

const localOrigin = (config: Config) => `http://127.0.0.1:${config.PORT}`;

export function sandboxCredentials(config: Config) {
  return {
    keyId: `rzp_test_${derived(config.JWT_SECRET, 'key-id', 14)}`,
    keySecret: derived(config.JWT_SECRET, 'key-secret', 24),
    webhookSecret: derived(config.JWT_SECRET, 'webhook-secret', 24),
  };
}

/** Real Razorpay when both keys are set; otherwise the built-in sandbox served by this same process. */
export function gatewaySettings(config: Config): RazorpaySettings {
  if (usesRealRazorpay(config)) {
    return {
      provider: 'razorpay',
      keyId: config.RAZORPAY_KEY_ID!,
      keySecret: config.RAZORPAY_KEY_SECRET!,
      webhookSecret: config.RAZORPAY_WEBHOOK_SECRET ?? '',
      baseUrl: config.RAZORPAY_API_BASE_URL ?? 'https://api.razorpay.com',
      timeoutMs: config.GATEWAY_TIMEOUT_MS,
    };
  }
  return { provider: 'sandbox', ...sandboxCredentials(config), baseUrl: config.RAZORPAY_API_BASE_URL ?? `${localOrigin(config)}/sandbox/razorpay`, timeoutMs: config.GATEWAY_TIMEOUT_MS };
}

/** The RazorpayX account number the sandbox pays out from (RazorpayX's test accounts look like this). */
export const SANDBOX_PAYOUT_ACCOUNT_NUMBER = '2323230072509481';

export function sandboxSettings(config: Config) {
  return {
    ...sandboxCredentials(config),
    webhookUrl: config.SANDBOX_WEBHOOK_URL ?? `${localOrigin(config)}/api/payments/webhook`,
    chaos: config.SANDBOX_CHAOS,
    refundDelayMs: config.SANDBOX_REFUND_DELAY_SECONDS * 1000,
    payoutWebhookUrl: config.SANDBOX_PAYOUT_WEBHOOK_URL ?? `${localOrigin(config)}/api/payouts/webhook`,
    payoutDelayMs: config.SANDBOX_PAYOUT_DELAY_MS,
    accountNumber: SANDBOX_PAYOUT_ACCOUNT_NUMBER,
    faultRate: config.SANDBOX_FAULT_RATE,
    latencyMs: config.SANDBOX_LATENCY_MS,
  };
}

/**
 * What the RazorpayX adapter needs: real keys, the payout webhook secret and our RazorpayX account with real
 * Razorpay; otherwise the built-in sandbox (its keys, its webhook secret, its fixed account number).
 */
export function payoutSettings(config: Config): RazorpayXSettings {
  const gateway = gatewaySettings(config);
  const real = usesRealRazorpay(config);
  return {
    keyId: gateway.keyId,
    keySecret: gateway.keySecret,
    webhookSecret: real ? (config.RAZORPAY_PAYOUT_WEBHOOK_SECRET ?? '') : gateway.webhookSecret,
    baseUrl: gateway.baseUrl,
    accountNumber: real ? (config.RAZORPAYX_ACCOUNT_NUMBER ?? null) : SANDBOX_PAYOUT_ACCOUNT_NUMBER,
    timeoutMs: config.GATEWAY_TIMEOUT_MS,
  };
}

export function bookingPolicy(config: Config): BookingPolicy {
  return {
    holdMinutes: config.BOOKING_HOLD_MINUTES,
    commissionBps: config.PLATFORM_COMMISSION_BPS,
    gatewayFeeBps: config.GATEWAY_FEE_BPS,
    gstOnFeeBps: config.GST_ON_GATEWAY_FEE_BPS,
    fullRefundHours: config.CANCEL_FULL_REFUND_HOURS,
    halfRefundHours: config.CANCEL_HALF_REFUND_HOURS,
    rescheduleMinNoticeHours: config.RESCHEDULE_MIN_NOTICE_HOURS,
    reconcileAfterMinutes: config.RECONCILE_AFTER_MINUTES,
    joinOpensMinutesBefore: config.JOIN_OPENS_MINUTES_BEFORE,
    joinGraceMinutes: config.JOIN_GRACE_MINUTES,
    noShowBelowPercent: config.NO_SHOW_BELOW_PERCENT,
    releaseAfterHours: config.RELEASE_AFTER_HOURS,
  };
}
