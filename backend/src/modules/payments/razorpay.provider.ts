import Razorpay from 'razorpay';
import { hmacMatches } from '../../lib/signatures.js';
import {
  ProviderError,
  type PaymentProvider,
  type ProviderName,
  type ProviderOrder,
  type ProviderPayment,
  type ProviderPaymentStatus,
  type ProviderRefund,
  type ProviderRefundStatus,
  type ProviderWebhook,
} from './payment-provider.js';

/**
 * Razorpay's REST API through the official SDK. In development and tests the SDK is pointed at the built-in
 * sandbox (`/sandbox/razorpay`), so the code path is the production one; only the base URL and keys differ.
 */
export interface RazorpaySettings {
  provider: ProviderName;
  keyId: string;
  keySecret: string;
  webhookSecret: string;
  /** Origin plus path prefix, without `/v1`; e.g. `http://127.0.0.1:3000/sandbox/razorpay`. */
  baseUrl: string;
  /** How long a call waits for its answer before its outcome is unknown (`GATEWAY_TIMEOUT_MS`); 15 s if not given. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 15_000;

type Entity = Record<string, unknown>;

const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const num = (value: unknown): number => (typeof value === 'number' ? value : Number(value ?? 0));

/**
 * Razorpay's statuses onto ours, one table each. A status this adapter does not know is an error to look at,
 * not something to guess about: the call fails (and its caller retries or reconciles later).
 */
const ORDER_STATUSES: Record<string, ProviderOrder['status']> = { created: 'created', attempted: 'attempted', paid: 'paid' };
const PAYMENT_STATUSES: Record<string, ProviderPaymentStatus> = { created: 'created', authorized: 'authorized', captured: 'captured', refunded: 'refunded', failed: 'failed' };
const REFUND_STATUSES: Record<string, ProviderRefundStatus> = { pending: 'pending', processed: 'processed', failed: 'failed' };

function mapStatus<T>(table: Record<string, T>, value: unknown, what: string): T {
  const mapped = typeof value === 'string' ? table[value] : undefined;
  if (mapped === undefined) throw new ProviderError(`Razorpay sent an unknown ${what} status "${String(value)}"`, null, 'unknown_status', false);
  return mapped;
}

export function toOrder(e: Entity): ProviderOrder {
  return { id: String(e.id), status: mapStatus(ORDER_STATUSES, e.status, 'order'), amountPaise: num(e.amount), amountPaidPaise: num(e.amount_paid), receipt: str(e.receipt) };
}

export function toPayment(e: Entity): ProviderPayment {
  return {
    id: String(e.id),
    orderId: String(e.order_id),
    status: mapStatus(PAYMENT_STATUSES, e.status, 'payment'),
    amountPaise: num(e.amount),
    amountRefundedPaise: num(e.amount_refunded),
    method: str(e.method),
    errorDescription: str(e.error_description),
    createdAt: num(e.created_at),
  };
}

export function toRefund(e: Entity): ProviderRefund {
  return {
    id: String(e.id),
    paymentId: String(e.payment_id),
    amountPaise: num(e.amount),
    status: mapStatus(REFUND_STATUSES, e.status, 'refund'),
    receipt: str(e.receipt),
    createdAt: num(e.created_at),
  };
}

const entityOf = (payload: Entity, name: string): Entity | undefined => ((payload.payload as Entity | undefined)?.[name] as { entity?: Entity } | undefined)?.entity;

const PAYMENT_EVENTS: Record<string, Extract<ProviderWebhook, { kind: 'payment' }>['event']> = {
  'payment.authorized': 'authorized',
  'payment.captured': 'captured',
  'payment.failed': 'failed',
  'order.paid': 'order_paid',
};
const REFUND_EVENTS: Record<string, Extract<ProviderWebhook, { kind: 'refund' }>['event']> = {
  'refund.created': 'created',
  'refund.processed': 'processed',
  'refund.failed': 'failed',
};

/** A verified Razorpay webhook body (`{event, payload: {payment: {entity}, refund?: {entity}}}`) in our terms. */
export function parseRazorpayWebhook(body: Entity): ProviderWebhook {
  const event = String(body.event ?? 'unknown');
  const refund = entityOf(body, 'refund');
  if (REFUND_EVENTS[event] && refund) return { kind: 'refund', event: REFUND_EVENTS[event], refund: toRefund(refund) };
  const payment = entityOf(body, 'payment');
  if (PAYMENT_EVENTS[event] && payment) return { kind: 'payment', event: PAYMENT_EVENTS[event], payment: toPayment(payment) };
  return { kind: 'other', event };
}

/** Razorpay's SDK rejects with `{statusCode, error: {code, description}}`; anything else means no answer. */
function asProviderError(error: unknown): ProviderError {
  if (error instanceof ProviderError) return error;
  if (error && typeof error === 'object' && 'statusCode' in error && typeof (error as { statusCode: unknown }).statusCode === 'number') {
    const { statusCode, error: body } = error as { statusCode: number; error?: { code?: string; description?: string } };
    return new ProviderError(body?.description ?? `gateway answered ${statusCode}`, statusCode, body?.code ?? null, statusCode >= 500);
  }
  return new ProviderError(error instanceof Error ? error.message : 'gateway unreachable', null, null, true);
}

/**
 * One SDK call, its answer mapped, waiting at most `timeoutMs`: a call still unanswered then has an unknown outcome
 * (its caller retries with the same idempotency key or asks the gateway later). The SDK's own axios timeout, a
 * little longer, frees the socket.
 */
async function callWithin<T>(timeoutMs: number, work: () => Promise<unknown>, map: (e: Entity) => T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ProviderError(`no answer within ${timeoutMs} ms`, null, null, true)), timeoutMs);
  });
  try {
    return map((await Promise.race([work(), late])) as Entity);
  } catch (error) {
    throw asProviderError(error);
  } finally {
    clearTimeout(timer);
  }
}

/** Razorpay's largest page (`count`). */
export const LIST_PAGE_SIZE = 100;

/**
 * A period [from, to) as Razorpay's `from`/`to`: unix seconds, both inclusive, on `created_at` (whole seconds): the
 * seconds the period touches, exactly [from, to) when its ends are whole seconds. Null when the period is empty.
 */
export function periodInSeconds(period: { from: Date; to: Date }): { from: number; to: number } | null {
  if (period.to.getTime() <= period.from.getTime()) return null;
  const from = Math.floor(period.from.getTime() / 1000);
  const to = Math.ceil(period.to.getTime() / 1000) - 1;
  return to >= from ? { from, to } : null;
}

/**
 * Every item of a newest-first collection, page by page until a short page. An item seen twice (the collection
 * grew while it was read, shifting the pages) is kept once.
 */
export async function allPages<T extends { id: string }>(fetchPage: (skip: number) => Promise<T[]>): Promise<T[]> {
  const seen = new Map<string, T>();
  for (let skip = 0; ; skip += LIST_PAGE_SIZE) {
    const page = await fetchPage(skip);
    for (const item of page) if (!seen.has(item.id)) seen.set(item.id, item);
    if (page.length < LIST_PAGE_SIZE) return [...seen.values()];
  }
}

/**
 * Points an SDK instance at another base URL. This reaches into the SDK (`api.rq` is its axios instance,
 * which prefixes `/v1/...` itself), so it lives in one place and `razorpay.provider.test.ts` fails if an SDK
 * upgrade moves it.
 */
export function pointSdkAt(sdk: Razorpay, baseUrl: string, socketTimeoutMs?: number): void {
  const api = (sdk as unknown as { api?: { rq?: { defaults?: { baseURL?: string; timeout?: number } } } }).api;
  if (!api?.rq?.defaults) throw new Error('The razorpay SDK no longer exposes api.rq; update pointSdkAt for this SDK version');
  api.rq.defaults.baseURL = baseUrl.replace(/\/$/, '');
  if (socketTimeoutMs !== undefined) api.rq.defaults.timeout = socketTimeoutMs;
}

type AxiosLike = { interceptors?: { request?: { use: (f: (config: { url?: string; method?: string; data?: unknown; headers?: Record<string, unknown> }) => unknown) => void } } };

/**
 * The SDK's `payments.refund` cannot send headers, so Razorpay's `X-Refund-Idempotency` is added here from the
 * refund's receipt (our own refund id): two concurrent attempts of one refund then create it once.
 */
export function sendRefundIdempotencyKeys(sdk: Razorpay): void {
  const rq = (sdk as unknown as { api?: { rq?: AxiosLike } }).api?.rq;
  if (!rq?.interceptors?.request) throw new Error('The razorpay SDK no longer exposes api.rq interceptors; update sendRefundIdempotencyKeys');
  rq.interceptors.request.use((config) => {
    const receipt = (config.data as { receipt?: unknown } | undefined)?.receipt;
    if (config.method === 'post' && /\/payments\/[^/]+\/refund$/.test(config.url ?? '') && typeof receipt === 'string' && config.headers) {
      config.headers['X-Refund-Idempotency'] = receipt;
    }
    return config;
  });
}

/** An official SDK instance aimed at `settings.baseUrl`, sending refund idempotency keys. Tests use it raw. */
export function createRazorpaySdk(settings: Pick<RazorpaySettings, 'keyId' | 'keySecret' | 'baseUrl' | 'timeoutMs'>): Razorpay {
  const sdk = new Razorpay({ key_id: settings.keyId, key_secret: settings.keySecret });
  pointSdkAt(sdk, settings.baseUrl, (settings.timeoutMs ?? DEFAULT_TIMEOUT_MS) + 1_000);
  sendRefundIdempotencyKeys(sdk);
  return sdk;
}

export function createRazorpayProvider(settings: RazorpaySettings): PaymentProvider {
  const sdk = createRazorpaySdk(settings);
  const timeoutMs = settings.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const call = <T>(work: () => Promise<unknown>, map: (e: Entity) => T) => callWithin(timeoutMs, work, map);
  const list = (e: Entity) => (e.items as Entity[] | undefined) ?? [];
  const fetchRefunds = (paymentId: string) => call(() => sdk.payments.fetchMultipleRefund(paymentId, { count: 100 }), (e) => list(e).map(toRefund));

  return {
    name: settings.provider,
    keyId: settings.keyId,

    createOrder: (input) =>
      call(
        () => sdk.orders.create({ amount: input.amountPaise, currency: 'INR', receipt: input.receipt, notes: input.notes, payment_capture: input.capture === 'automatic' }),
        toOrder,
      ),

    fetchOrder: (orderId) => call(() => sdk.orders.fetch(orderId), toOrder),

    fetchOrderPayments: (orderId) => call(() => sdk.orders.fetchPayments(orderId), (e) => list(e).map(toPayment)),

    fetchPayment: (paymentId) => call(() => sdk.payments.fetch(paymentId), toPayment),

    capture: (paymentId, amountPaise) => call(() => sdk.payments.capture(paymentId, amountPaise, 'INR'), toPayment),

    // Idempotent by our own refund id in `receipt`: a refund with that receipt already on the payment (a retry
    // after an unknown outcome) is returned instead of creating a second one.
    async refund(paymentId, input) {
      const same = (await fetchRefunds(paymentId)).find((r) => r.receipt === input.refundId);
      if (same) return same;
      return call(
        () => sdk.payments.refund(paymentId, { amount: input.amountPaise, speed: 'normal', receipt: input.refundId, notes: { refund_id: input.refundId, ...input.notes } }),
        toRefund,
      );
    },

    fetchRefunds,

    async listPayments(period) {
      const range = periodInSeconds(period);
      if (!range) return [];
      return allPages((skip) => call(() => sdk.payments.all({ ...range, count: LIST_PAGE_SIZE, skip }), (e) => list(e).map(toPayment)));
    },

    async listRefunds(period) {
      const range = periodInSeconds(period);
      if (!range) return [];
      return allPages((skip) => call(() => sdk.refunds.all({ ...range, count: LIST_PAGE_SIZE, skip }), (e) => list(e).map(toRefund)));
    },

    // Checkout's signature: HMAC-SHA256(`<order id we stored>|<payment id>`, key secret).
    verifyCheckoutSignature: (storedOrderId, paymentId, signature) => hmacMatches(settings.keySecret, `${storedOrderId}|${paymentId}`, signature),

    // Webhook signature over the raw bytes received, with the webhook secret (not the key secret).
    verifyWebhookSignature: (rawBody, signature) => hmacMatches(settings.webhookSecret, rawBody, signature),

    parseWebhook: parseRazorpayWebhook,
  };
}
