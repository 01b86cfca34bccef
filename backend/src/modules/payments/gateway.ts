import { timingSafeEqual } from 'node:crypto';
import { hmacHex } from '../../lib/signatures.js';
import Razorpay from 'razorpay';

/**
 * The payment gateway as the rest of the product sees it: Razorpay's REST API through the official SDK. In
 * development and tests the SDK is pointed at the built-in sandbox (`/sandbox/razorpay`), so the code path is
 * the production one; only the base URL and keys differ.
 */
export interface GatewaySettings {
  provider: 'razorpay' | 'sandbox';
  keyId: string;
  keySecret: string;
  webhookSecret: string;
  /** Origin plus path prefix, without `/v1`; e.g. `http://127.0.0.1:3000/sandbox/razorpay`. */
  baseUrl: string;
}

export interface GatewayOrder {
  id: string;
  status: 'created' | 'attempted' | 'paid';
  amount: number;
  amountPaid: number;
  receipt: string | null;
}

export type GatewayPaymentStatus = 'created' | 'authorized' | 'captured' | 'refunded' | 'failed';

export interface GatewayPayment {
  id: string;
  orderId: string;
  status: GatewayPaymentStatus;
  amount: number;
  amountRefunded: number;
  method: string | null;
  errorDescription: string | null;
  createdAt: number;
}

export interface GatewayRefund {
  id: string;
  paymentId: string;
  amount: number;
  status: 'pending' | 'processed' | 'failed';
  receipt: string | null;
  createdAt: number;
}

/**
 * A gateway call that failed. `outcomeUnknown` means no answer came back (timeout, refused connection): the
 * call may or may not have taken effect, so it must be retried idempotently and then reconciled.
 */
export class GatewayError extends Error {
  constructor(
    message: string,
    readonly statusCode: number | null,
    readonly code: string | null,
    readonly outcomeUnknown: boolean,
  ) {
    super(message);
  }
}

type Entity = Record<string, unknown>;

const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const num = (value: unknown): number => (typeof value === 'number' ? value : Number(value ?? 0));

export function toOrder(e: Entity): GatewayOrder {
  return { id: String(e.id), status: e.status as GatewayOrder['status'], amount: num(e.amount), amountPaid: num(e.amount_paid), receipt: str(e.receipt) };
}

export function toPayment(e: Entity): GatewayPayment {
  return {
    id: String(e.id),
    orderId: String(e.order_id),
    status: e.status as GatewayPaymentStatus,
    amount: num(e.amount),
    amountRefunded: num(e.amount_refunded),
    method: str(e.method),
    errorDescription: str(e.error_description),
    createdAt: num(e.created_at),
  };
}

export function toRefund(e: Entity): GatewayRefund {
  return {
    id: String(e.id),
    paymentId: String(e.payment_id),
    amount: num(e.amount),
    status: e.status as GatewayRefund['status'],
    receipt: str(e.receipt),
    createdAt: num(e.created_at),
  };
}

/** Razorpay's SDK rejects with `{statusCode, error: {code, description}}`; anything else means no answer. */
function asGatewayError(error: unknown): GatewayError {
  if (error && typeof error === 'object' && 'statusCode' in error && typeof (error as { statusCode: unknown }).statusCode === 'number') {
    const { statusCode, error: body } = error as { statusCode: number; error?: { code?: string; description?: string } };
    return new GatewayError(body?.description ?? `gateway answered ${statusCode}`, statusCode, body?.code ?? null, statusCode >= 500);
  }
  return new GatewayError(error instanceof Error ? error.message : 'gateway unreachable', null, null, true);
}

async function call<T>(work: () => Promise<unknown>, map: (e: Entity) => T): Promise<T> {
  let result: unknown;
  try {
    result = await work();
  } catch (error) {
    throw asGatewayError(error);
  }
  return map(result as Entity);
}

/**
 * Points an SDK instance at another base URL. This reaches into the SDK (`api.rq` is its axios instance,
 * which prefixes `/v1/...` itself), so it lives in one place and `gateway.test.ts` fails if an SDK upgrade
 * moves it.
 */
export function pointSdkAt(sdk: Razorpay, baseUrl: string): void {
  const api = (sdk as unknown as { api?: { rq?: { defaults?: { baseURL?: string } } } }).api;
  if (!api?.rq?.defaults) throw new Error('The razorpay SDK no longer exposes api.rq; update pointSdkAt for this SDK version');
  api.rq.defaults.baseURL = baseUrl.replace(/\/$/, '');
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

/**
 * Constant-time comparison of two hex signatures; a malformed one is simply unequal. The string lengths are
 * compared first because `Buffer.from(hex, 'hex')` silently drops a trailing odd digit: without that check a
 * valid signature with one extra hex digit appended would match.
 */
export function signaturesMatch(expectedHex: string, givenHex: string): boolean {
  if (givenHex.length !== expectedHex.length || !/^[0-9a-f]+$/i.test(givenHex)) return false;
  const expected = Buffer.from(expectedHex, 'hex');
  const given = Buffer.from(givenHex, 'hex');
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export type Gateway = ReturnType<typeof createGateway>;

export function createGateway(settings: GatewaySettings) {
  const sdk = new Razorpay({ key_id: settings.keyId, key_secret: settings.keySecret });
  pointSdkAt(sdk, settings.baseUrl);
  sendRefundIdempotencyKeys(sdk);
  const list = (e: Entity) => ((e.items as Entity[] | undefined) ?? []);

  return {
    provider: settings.provider,
    keyId: settings.keyId,
    sdk,

    /**
     * `capture: 'automatic'` (Razorpay's `payment_capture: true`) has the gateway capture a payment as soon as it
     * is authorized, so a verified checkout signature means the money is captured; `'manual'` leaves it authorized
     * until `capture` is called.
     */
    createOrder: (input: { amountPaise: number; receipt: string; notes: Record<string, string>; capture: 'automatic' | 'manual' }) =>
      call(
        () => sdk.orders.create({ amount: input.amountPaise, currency: 'INR', receipt: input.receipt, notes: input.notes, payment_capture: input.capture === 'automatic' }),
        toOrder,
      ),

    fetchOrder: (orderId: string) => call(() => sdk.orders.fetch(orderId), toOrder),

    fetchOrderPayments: (orderId: string) => call(() => sdk.orders.fetchPayments(orderId), (e) => list(e).map(toPayment)),

    fetchPayment: (paymentId: string) => call(() => sdk.payments.fetch(paymentId), toPayment),

    capture: (paymentId: string, amountPaise: number) => call(() => sdk.payments.capture(paymentId, amountPaise, 'INR'), toPayment),

    /**
     * Refunds are made idempotent by our own refund id in `receipt`: a refund with that receipt already on the
     * payment (a retry after an unknown outcome) is returned instead of creating a second one.
     */
    async refund(paymentId: string, input: { amountPaise: number; refundId: string; notes?: Record<string, string> }): Promise<GatewayRefund> {
      const existing = await call(() => sdk.payments.fetchMultipleRefund(paymentId, { count: 100 }), (e) => list(e).map(toRefund));
      const same = existing.find((r) => r.receipt === input.refundId);
      if (same) return same;
      return call(
        () => sdk.payments.refund(paymentId, { amount: input.amountPaise, speed: 'normal', receipt: input.refundId, notes: { refund_id: input.refundId, ...input.notes } }),
        toRefund,
      );
    },

    fetchRefunds: (paymentId: string) => call(() => sdk.payments.fetchMultipleRefund(paymentId, { count: 100 }), (e) => list(e).map(toRefund)),

    /** Checkout's signature: HMAC-SHA256(`<order id we stored>|<payment id>`, key secret). */
    verifyCheckoutSignature(storedOrderId: string, paymentId: string, signature: string): boolean {
      return signaturesMatch(hmacHex(settings.keySecret, `${storedOrderId}|${paymentId}`), signature);
    },

    /** Webhook signature over the raw bytes received, with the webhook secret (not the key secret). */
    verifyWebhookSignature(rawBody: Buffer, signature: string): boolean {
      return signaturesMatch(hmacHex(settings.webhookSecret, rawBody), signature);
    },
  };
}
