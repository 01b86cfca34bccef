import { hmacMatches } from '../../lib/signatures.js';
import { ProviderError } from './payment-provider.js';
import type { FundAccountDetails, PayoutMode, PayoutProvider, ProviderPayout, ProviderPayoutStatus, ProviderPayoutWebhook } from './payout-provider.js';
import { allPages, LIST_PAGE_SIZE, periodInSeconds } from './razorpay.provider.js';

/**
 * RazorpayX's payout API (`../shared/RAZORPAY.md`) through a small HTTP client on `fetch`: the razorpay SDK has no
 * contacts, fund accounts or payouts. In development and tests it reaches the built-in sandbox, whose payout API
 * answers at the same paths; only the base URL, keys and account number differ.
 */
export interface RazorpayXSettings {
  keyId: string;
  keySecret: string;
  /** The secret payout webhooks are signed with (not the API key secret); empty means none is accepted. */
  webhookSecret: string;
  /** Origin plus path prefix, without `/v1`; e.g. `http://127.0.0.1:3000/sandbox/razorpay`. */
  baseUrl: string;
  /** Our RazorpayX account, the one payouts are made from; null when payouts are not configured. */
  accountNumber: string | null;
  /** A call without an answer after this long is abandoned as "outcome unknown". */
  timeoutMs: number;
}

type Entity = Record<string, unknown>;

const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const num = (value: unknown): number => (typeof value === 'number' ? value : Number(value ?? 0));

/**
 * RazorpayX's payout statuses onto ours. `scheduled` waits to be sent like `queued`. A status not in the table is an
 * error to look at, never a guess: the call fails, and its caller retries or reconciles later.
 */
const PAYOUT_STATUSES: Record<string, ProviderPayoutStatus> = {
  queued: 'queued',
  scheduled: 'queued',
  pending: 'pending',
  processing: 'processing',
  processed: 'processed',
  reversed: 'reversed',
  failed: 'failed',
  rejected: 'rejected',
  cancelled: 'cancelled',
};
const PAYOUT_MODES: Record<string, PayoutMode> = { IMPS: 'IMPS', NEFT: 'NEFT', RTGS: 'RTGS', UPI: 'UPI' };
/** The statuses in which money did not (or no longer) reach the beneficiary: these carry a reason. */
const UNPAID: ReadonlySet<ProviderPayoutStatus> = new Set(['failed', 'reversed', 'rejected', 'cancelled']);

function mapped<T>(table: Record<string, T>, value: unknown, what: string): T {
  const result = typeof value === 'string' ? table[value] : undefined;
  if (result === undefined) throw new ProviderError(`RazorpayX sent an unknown payout ${what} "${String(value)}"`, null, 'unknown_status', false);
  return result;
}

export function toPayout(e: Entity): ProviderPayout {
  const status = mapped(PAYOUT_STATUSES, e.status, 'status');
  const details = (e.status_details ?? null) as { description?: unknown; reason?: unknown } | null;
  return {
    id: String(e.id),
    fundAccountId: String(e.fund_account_id),
    amountPaise: num(e.amount),
    status,
    mode: mapped(PAYOUT_MODES, e.mode, 'mode'),
    referenceId: str(e.reference_id) ?? '',
    utr: str(e.utr),
    failureReason: UNPAID.has(status) ? (str(details?.description) ?? str(e.failure_reason) ?? str(details?.reason) ?? status) : null,
    createdAt: num(e.created_at),
  };
}

/** A verified payout webhook (`{event: 'payout.processed', payload: {payout: {entity}}}`); `event` stays RazorpayX's name. */
export function parseRazorpayXWebhook(body: Entity): ProviderPayoutWebhook {
  const event = String(body.event ?? 'unknown');
  const entity = ((body.payload as Entity | undefined)?.payout as { entity?: Entity } | undefined)?.entity;
  if (event.startsWith('payout.') && entity) return { kind: 'payout', event, payout: toPayout(entity) };
  return { kind: 'other', event };
}

/** RazorpayX narrations: up to 30 letters, digits and spaces; anything else is dropped rather than refused. */
export const narrationFor = (text: string) =>
  text
    .replace(/[^A-Za-z0-9 ]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 30)
    .trim();

function fundAccountBody(contactId: string, details: FundAccountDetails): Entity {
  if (details.kind === 'vpa') return { contact_id: contactId, account_type: 'vpa', vpa: { address: details.address } };
  return { contact_id: contactId, account_type: 'bank_account', bank_account: { name: details.holderName, ifsc: details.ifsc, account_number: details.accountNumber } };
}

interface Request {
  method: 'GET' | 'POST';
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: Entity;
  headers?: Record<string, string>;
}

/**
 * One call. A 4xx is a refusal (nothing happened: `outcomeUnknown` false, with RazorpayX's code and description);
 * a 5xx, a timeout, a reset or refused connection, or an answer cut short means the call may or may not have taken
 * effect (`outcomeUnknown` true): retry with the same idempotency key, then ask.
 */
function httpClient(settings: RazorpayXSettings) {
  const base = `${settings.baseUrl.replace(/\/$/, '')}/v1`;
  const authorization = `Basic ${Buffer.from(`${settings.keyId}:${settings.keySecret}`).toString('base64')}`;
  return async function send(request: Request): Promise<Entity> {
    const url = new URL(`${base}${request.path}`);
    for (const [name, value] of Object.entries(request.query ?? {})) if (value !== undefined) url.searchParams.set(name, String(value));
    let status: number;
    let text: string;
    try {
      const response = await fetch(url, {
        method: request.method,
        headers: { Authorization: authorization, Accept: 'application/json', ...(request.body ? { 'Content-Type': 'application/json' } : {}), ...request.headers },
        body: request.body ? JSON.stringify(request.body) : undefined,
        redirect: 'error',
        signal: AbortSignal.timeout(settings.timeoutMs),
      });
      status = response.status;
      text = await response.text();
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
      const what = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError') ? `no answer within ${settings.timeoutMs} ms` : `${error instanceof Error ? error.message : String(error)}${cause}`;
      throw new ProviderError(`RazorpayX ${request.method} ${request.path}: ${what}`, null, null, true);
    }
    let body: Entity | null = null;
    try {
      body = JSON.parse(text) as Entity;
    } catch {
      body = null;
    }
    if (status >= 200 && status < 300) {
      if (body && typeof body === 'object') return body;
      throw new ProviderError(`RazorpayX ${request.method} ${request.path}: an answer that is not JSON`, status, null, true);
    }
    const error = (body?.error ?? null) as { code?: unknown; description?: unknown } | null;
    throw new ProviderError(str(error?.description) ?? `RazorpayX answered ${status}`, status, str(error?.code), status >= 500);
  };
}

export function createRazorpayXProvider(settings: RazorpayXSettings): PayoutProvider {
  const send = httpClient(settings);
  const account = (): string => {
    if (!settings.accountNumber) throw new ProviderError('Payouts need RAZORPAYX_ACCOUNT_NUMBER (our RazorpayX account)', null, 'not_configured', false);
    return settings.accountNumber;
  };

  return {
    async createContact(input) {
      const body = { name: input.name.trim().slice(0, 50), email: input.email, type: 'vendor', reference_id: input.referenceId.slice(0, 40) };
      return { id: String((await send({ method: 'POST', path: '/contacts', body })).id) };
    },

    async createFundAccount(input) {
      return { id: String((await send({ method: 'POST', path: '/fund_accounts', body: fundAccountBody(input.contactId, input.details) })).id) };
    },

    // The body depends only on the input, so a retry with the same key sends the identical body.
    async createPayout(input) {
      const body = {
        account_number: account(),
        fund_account_id: input.fundAccountId,
        amount: input.amountPaise,
        currency: 'INR',
        mode: input.mode,
        purpose: 'payout',
        queue_if_low_balance: true,
        reference_id: input.referenceId,
        narration: narrationFor(input.narration) || undefined,
      };
      return toPayout(await send({ method: 'POST', path: '/payouts', body, headers: { 'X-Payout-Idempotency': input.idempotencyKey } }));
    },

    fetchPayout: async (payoutId) => toPayout(await send({ method: 'GET', path: `/payouts/${encodeURIComponent(payoutId)}` })),

    cancelPayout: async (payoutId) => toPayout(await send({ method: 'POST', path: `/payouts/${encodeURIComponent(payoutId)}/cancel` })),

    async listPayouts(period) {
      const range = periodInSeconds(period);
      if (!range) return [];
      const accountNumber = account();
      return allPages(async (skip) => {
        const page = await send({ method: 'GET', path: '/payouts', query: { account_number: accountNumber, ...range, count: LIST_PAGE_SIZE, skip } });
        return ((page.items as Entity[] | undefined) ?? []).map(toPayout);
      });
    },

    // Over the raw bytes received, with the payout webhook secret; without a secret nothing verifies.
    verifyWebhookSignature: (rawBody, signature) => settings.webhookSecret !== '' && hmacMatches(settings.webhookSecret, rawBody, signature),

    parseWebhook: parseRazorpayXWebhook,
  };
}
