import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import express from 'express';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../config.js';
import { payoutSettings, SANDBOX_PAYOUT_ACCOUNT_NUMBER, sandboxCredentials, sandboxSettings } from '../../gateway-settings.js';
import { clock } from '../../lib/clock.js';
import { hmacHex } from '../../lib/signatures.js';
import { SANDBOX_TEST_ACCOUNT, startSandboxGateway, type SandboxGateway } from '../../test-support/sandbox-gateway.js';
import { createTestApp } from '../../test-support/test-app.js';
import { sandboxPayouts } from '../sandbox/sandbox.tables.js';
import { runSandboxPass } from '../sandbox/sandbox.worker.js';
import { ProviderError } from './payment-provider.js';
import type { PayoutProvider, ProviderPayout } from './payout-provider.js';
import { createRazorpayXProvider, narrationFor, parseRazorpayXWebhook, toPayout, type RazorpayXSettings } from './razorpayx.provider.js';

const ID = (prefix: string) => new RegExp(`^${prefix}_[0-9A-Za-z]{14}$`);
const UTR = /^[0-9A-Za-z]{12,}$/;

let counter = 0;
const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${++counter}`;

const settingsFor = (g: SandboxGateway, overrides: Partial<RazorpayXSettings> = {}): RazorpayXSettings => ({
  keyId: g.settings.keyId,
  keySecret: g.settings.keySecret,
  webhookSecret: g.settings.webhookSecret,
  baseUrl: g.baseUrl,
  accountNumber: SANDBOX_TEST_ACCOUNT,
  timeoutMs: 5_000,
  ...overrides,
});

/** The error a call rejected with (fails the test if it resolved). */
async function providerError(call: Promise<unknown>): Promise<ProviderError> {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

async function bankFundAccount(provider: PayoutProvider, accountNumber = '123456789012'): Promise<string> {
  const contact = await provider.createContact({ name: 'Asha Rao', email: 'asha@example.com', referenceId: unique('mentor') });
  return (await provider.createFundAccount({ contactId: contact.id, details: { kind: 'bank_account', holderName: 'Asha Rao', ifsc: 'HDFC0000001', accountNumber } })).id;
}

const payoutInput = (fundAccountId: string, overrides: Partial<Parameters<PayoutProvider['createPayout']>[0]> = {}) => {
  const id = unique('wd');
  return { fundAccountId, amountPaise: 50_000, mode: 'IMPS' as const, referenceId: id, narration: 'Mentor Connect payout', idempotencyKey: id, ...overrides };
};

const simulate = (g: SandboxGateway, payoutId: string, outcome: string) => g.api('POST', `/v1/payouts/${payoutId}/simulate`, { body: { outcome }, auth: false });

describe('the RazorpayX adapter against the sandbox', () => {
  let g: SandboxGateway;
  let provider: PayoutProvider;
  let fundAccountId: string;
  beforeAll(async () => {
    g = await startSandboxGateway({ payoutDelayMs: 3_600_000 });
    provider = createRazorpayXProvider(settingsFor(g));
    fundAccountId = await bankFundAccount(provider);
  });
  afterEach(() => {
    g.settings.faultRate = 0;
    g.settings.latencyMs = 0;
    g.draws.length = 0;
  });
  afterAll(async () => {
    await g.close();
  });

  it('when a contact and fund accounts are created, then their ids come back, and identical details give the same fund account', async () => {
    const contact = await provider.createContact({ name: 'Ravi Kumar', email: 'ravi@example.com', referenceId: unique('mentor') });
    expect(contact.id).toMatch(ID('cont'));
    const bank = { kind: 'bank_account' as const, holderName: 'Ravi Kumar', ifsc: 'SBIN0001234', accountNumber: '000123456789' };
    const first = await provider.createFundAccount({ contactId: contact.id, details: bank });
    expect(first.id).toMatch(ID('fa'));
    expect((await provider.createFundAccount({ contactId: contact.id, details: bank })).id).toBe(first.id);
    const upi = await provider.createFundAccount({ contactId: contact.id, details: { kind: 'vpa', address: 'ravi@okaxis' } });
    expect(upi.id).toMatch(ID('fa'));
    expect(upi.id).not.toBe(first.id);
    const refused = await providerError(provider.createFundAccount({ contactId: contact.id, details: { ...bank, ifsc: 'SBIN1001234' } }));
    expect(refused).toMatchObject({ statusCode: 400, code: 'BAD_REQUEST_ERROR', outcomeUnknown: false });
  });

  it('when a payout is created, then it maps onto ours (processing, no UTR) and the body carried the key, our account and a clean narration', async () => {
    const input = payoutInput(fundAccountId, { narration: 'Payout #42 — thanks, Asha!' });
    const payout = await provider.createPayout(input);
    expect(payout).toEqual({
      id: expect.stringMatching(ID('pout')),
      fundAccountId,
      amountPaise: 50_000,
      status: 'processing',
      mode: 'IMPS',
      referenceId: input.referenceId,
      utr: null,
      failureReason: null,
      createdAt: expect.any(Number),
    } satisfies ProviderPayout);
    const [row] = await g.database.db.select().from(sandboxPayouts).where(eq(sandboxPayouts.id, payout.id));
    expect(row).toMatchObject({ idempotencyKey: input.idempotencyKey, referenceId: input.referenceId });
    expect(row!.entity).toMatchObject({ narration: 'Payout 42 thanks Asha', purpose: 'payout', currency: 'INR' });
    expect(await provider.fetchPayout(payout.id)).toEqual(payout);
  });

  it('when a payout is sent again with the same key, then the same payout; with the same key and another amount, a refusal (not unknown)', async () => {
    const input = payoutInput(fundAccountId);
    const first = await provider.createPayout(input);
    expect(await provider.createPayout(input)).toEqual(first);
    const refused = await providerError(provider.createPayout({ ...input, amountPaise: 50_001 }));
    expect(refused).toMatchObject({ statusCode: 400, code: 'BAD_REQUEST_ERROR', outcomeUnknown: false });
    expect(await g.database.db.select().from(sandboxPayouts).where(eq(sandboxPayouts.idempotencyKey, input.idempotencyKey))).toHaveLength(1);
  });

  it('when the bank processes, fails or reverses a payout, then fetchPayout tells it: a UTR, or the reason', async () => {
    const processed = await provider.createPayout(payoutInput(fundAccountId));
    await simulate(g, processed.id, 'processed');
    expect(await provider.fetchPayout(processed.id)).toMatchObject({ status: 'processed', utr: expect.stringMatching(UTR), failureReason: null });

    const failed = await provider.createPayout(payoutInput(fundAccountId));
    await simulate(g, failed.id, 'failed');
    expect(await provider.fetchPayout(failed.id)).toMatchObject({ status: 'failed', utr: null, failureReason: expect.stringMatching(/invalid/) });

    const reversed = await provider.createPayout(payoutInput(fundAccountId));
    await simulate(g, reversed.id, 'reversed');
    expect(await provider.fetchPayout(reversed.id)).toMatchObject({ status: 'reversed', utr: expect.stringMatching(UTR), failureReason: expect.stringMatching(/reversed/) });
  });

  it('when a payout is cancelled, then only a queued one is; a processing one is refused', async () => {
    const queued = await provider.createPayout(payoutInput(fundAccountId, { amountPaise: 1_000_000_001, mode: 'NEFT' }));
    expect(queued.status).toBe('queued');
    expect(await provider.cancelPayout(queued.id)).toMatchObject({ id: queued.id, status: 'cancelled', failureReason: expect.any(String) });
    const processing = await provider.createPayout(payoutInput(fundAccountId));
    expect(await providerError(provider.cancelPayout(processing.id))).toMatchObject({ statusCode: 400, outcomeUnknown: false });
  });

  it('when the gateway refuses (unknown ids, wrong keys), then the error says so and is not "outcome unknown"', async () => {
    const unknown = await providerError(provider.createPayout(payoutInput('fa_00000000000000')));
    expect(unknown).toMatchObject({ statusCode: 400, code: 'BAD_REQUEST_ERROR', outcomeUnknown: false, message: 'The id provided does not exist' });
    expect(await providerError(provider.fetchPayout('pout_00000000000000'))).toMatchObject({ statusCode: 400, outcomeUnknown: false });
    const wrongKeys = createRazorpayXProvider(settingsFor(g, { keySecret: 'not-the-secret' }));
    expect(await providerError(wrongKeys.fetchPayout('pout_00000000000000'))).toMatchObject({ statusCode: 401, outcomeUnknown: false });
    const noAccount = createRazorpayXProvider(settingsFor(g, { accountNumber: null }));
    expect(await providerError(noAccount.createPayout(payoutInput(fundAccountId)))).toMatchObject({ code: 'not_configured', outcomeUnknown: false });
  });

  it('when the gateway answers 5xx, then the outcome is unknown and nothing was created', async () => {
    const input = payoutInput(fundAccountId);
    g.settings.faultRate = 0.5;
    g.draws.push(0.1);
    expect(await providerError(provider.createPayout(input))).toMatchObject({ statusCode: 500, code: 'SERVER_ERROR', outcomeUnknown: true });
    expect(await g.database.db.select().from(sandboxPayouts).where(eq(sandboxPayouts.idempotencyKey, input.idempotencyKey))).toEqual([]);
  });

  it('when the answer never comes (connection dropped after the work), then the outcome is unknown; a retry with the same key finds the payout made', async () => {
    const input = payoutInput(fundAccountId);
    g.settings.faultRate = 0.5;
    g.draws.push(0.4);
    expect(await providerError(provider.createPayout(input))).toMatchObject({ statusCode: null, code: null, outcomeUnknown: true });
    const [made] = await g.database.db.select().from(sandboxPayouts).where(eq(sandboxPayouts.idempotencyKey, input.idempotencyKey));
    expect(made).toBeDefined();
    const retried = await provider.createPayout(input);
    expect(retried.id).toBe(made!.id);
  });

  it('when the gateway is slower than the timeout, then the outcome is unknown; the payout it still made is found by the retry', async () => {
    const impatient = createRazorpayXProvider(settingsFor(g, { timeoutMs: 100 }));
    const input = payoutInput(fundAccountId);
    g.settings.latencyMs = 600;
    const error = await providerError(impatient.createPayout(input));
    expect(error).toMatchObject({ statusCode: null, outcomeUnknown: true });
    expect(error.message).toMatch(/no answer within 100 ms/);
    g.settings.latencyMs = 0;
    const deadline = Date.now() + 5_000;
    while ((await g.database.db.select().from(sandboxPayouts).where(eq(sandboxPayouts.idempotencyKey, input.idempotencyKey))).length === 0) {
      if (Date.now() > deadline) throw new Error('the slow request never reached the sandbox');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const [made] = await g.database.db.select().from(sandboxPayouts).where(eq(sandboxPayouts.idempotencyKey, input.idempotencyKey));
    expect((await provider.createPayout(input)).id).toBe(made!.id);
  });

  it('when nothing listens at the base URL, then the outcome is unknown (a refused connection)', async () => {
    const probe = express().listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => probe.once('listening', () => resolve()));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    const nowhere = createRazorpayXProvider(settingsFor(g, { baseUrl: `http://127.0.0.1:${port}/sandbox/razorpay` }));
    expect(await providerError(nowhere.fetchPayout('pout_00000000000000'))).toMatchObject({ statusCode: null, code: null, outcomeUnknown: true });
  });

  it('when payout webhooks arrive, then the signature verifies over the raw bytes with the webhook secret only, and parseWebhook reads them', async () => {
    const payout = await provider.createPayout(payoutInput(fundAccountId));
    await simulate(g, payout.id, 'reversed');
    await runSandboxPass(g.database.db, g.settings, clock.now(), g.logger);
    const events = g.deliveries.filter((d) => d.endpoint === 'payouts' && d.json.payload.payout?.entity.id === payout.id);
    expect(events.map((e) => e.json.event)).toEqual(['payout.initiated', 'payout.processed', 'payout.reversed']);
    for (const event of events) {
      expect(provider.verifyWebhookSignature(event.raw, event.signature)).toBe(true);
      expect(provider.verifyWebhookSignature(Buffer.from(event.raw.toString('utf8').replace('"payout"', '"payout" ')), event.signature)).toBe(false);
      expect(provider.verifyWebhookSignature(event.raw, hmacHex(g.settings.keySecret, event.raw))).toBe(false);
    }
    const noSecret = createRazorpayXProvider(settingsFor(g, { webhookSecret: '' }));
    expect(noSecret.verifyWebhookSignature(events[0]!.raw, hmacHex('', events[0]!.raw))).toBe(false);

    const parsed = events.map((e) => provider.parseWebhook(JSON.parse(e.raw.toString('utf8'))));
    expect(parsed.map((p) => (p.kind === 'payout' ? [p.event, p.payout.status] : p.kind))).toEqual([
      ['payout.initiated', 'processing'],
      ['payout.processed', 'processed'],
      ['payout.reversed', 'reversed'],
    ]);
    const processed = parsed[1]!;
    expect(processed.kind === 'payout' && processed.payout.utr).toMatch(UTR);
    expect(provider.parseWebhook({ event: 'payment.captured', payload: { payment: { entity: {} } } })).toEqual({ kind: 'other', event: 'payment.captured' });
    expect(provider.parseWebhook({ event: 'payout.processed', payload: {} })).toEqual({ kind: 'other', event: 'payout.processed' });
  });

  it('when payouts are listed for a period, then every one created in [from, to) comes back, across pages of 100', async () => {
    const lister = await startSandboxGateway();
    try {
      const x = createRazorpayXProvider(settingsFor(lister));
      const fund = await bankFundAccount(x);
      const made: string[] = [];
      for (let batch = 0; batch < 7; batch++) {
        made.push(...(await Promise.all(Array.from({ length: 15 }, () => x.createPayout(payoutInput(fund))))).map((p) => p.id));
      }
      const now = clock.now().getTime();
      const listed = await x.listPayouts({ from: new Date(now - 3_600_000), to: new Date(now + 1_000) });
      expect(listed).toHaveLength(105);
      expect(new Set(listed.map((p) => p.id))).toEqual(new Set(made));
      expect(await x.listPayouts({ from: new Date(now + 60_000), to: new Date(now + 120_000) })).toEqual([]);
      expect(await x.listPayouts({ from: new Date(now), to: new Date(now) })).toEqual([]);
    } finally {
      await lister.close();
    }
  });
});

describe('RazorpayX payout entities onto ours', () => {
  const entity = (overrides: Record<string, unknown> = {}) => ({
    id: 'pout_00000000000001',
    fund_account_id: 'fa_00000000000001',
    amount: 70_000,
    status: 'processed',
    mode: 'NEFT',
    reference_id: 'wd-1',
    utr: 'SBXN000000000001',
    status_details: { description: 'Payout is processed.', reason: 'payout_processed', source: 'beneficiary_bank' },
    created_at: 1_900_000_000,
    ...overrides,
  });

  it('when every RazorpayX status comes, then it maps by the table; scheduled waits like queued; an unknown status is an error, never a guess', () => {
    const expected: Record<string, ProviderPayout['status']> = {
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
    for (const [status, ours] of Object.entries(expected)) expect(toPayout(entity({ status })).status).toBe(ours);
    for (const status of ['settled', '', null, 'PROCESSED']) expect(() => toPayout(entity({ status }))).toThrow(ProviderError);
    expect(() => toPayout(entity({ mode: 'CARD' }))).toThrow(/unknown payout mode/);
    expect(() => parseRazorpayXWebhook({ event: 'payout.updated', payload: { payout: { entity: entity({ status: 'mystery' }) } } })).toThrow(/unknown payout status/);
  });

  it('when a payout did not pay out, then its reason comes from status_details; a paid one has none', () => {
    expect(toPayout(entity()).failureReason).toBeNull();
    expect(toPayout(entity({ status: 'failed', utr: null, status_details: { description: 'Beneficiary bank is down.', reason: 'bank_down' } })).failureReason).toBe('Beneficiary bank is down.');
    expect(toPayout(entity({ status: 'rejected', status_details: { reason: 'compliance' } })).failureReason).toBe('compliance');
    expect(toPayout(entity({ status: 'reversed', status_details: null, failure_reason: 'Reversed by bank' })).failureReason).toBe('Reversed by bank');
    expect(toPayout(entity({ status: 'cancelled', status_details: null })).failureReason).toBe('cancelled');
    expect(toPayout(entity({ reference_id: null, utr: '' }))).toMatchObject({ referenceId: '', utr: null });
  });

  it('when a narration has characters RazorpayX refuses, then they are dropped and it is cut to 30 characters', () => {
    expect(narrationFor('Mentor Connect payout')).toBe('Mentor Connect payout');
    expect(narrationFor('Payout #42 — thanks!')).toBe('Payout 42 thanks');
    expect(narrationFor('a'.repeat(40))).toBe('a'.repeat(30));
    expect(narrationFor('₹₹₹')).toBe('');
  });
});

describe('payout settings from the configuration', () => {
  const base = { DATA_DIR: '/tmp/mc-payout-settings', JWT_SECRET: 'pV3q9ZsLx2Rk7TnWb4HyJc8Md6Fg1Qe5' };
  const realKeys = { RAZORPAY_KEY_ID: 'rzp_live_AbCdEf123456', RAZORPAY_KEY_SECRET: 'real-secret-123', RAZORPAY_WEBHOOK_SECRET: 'hook-secret-123' };

  it('when no keys are set, then payouts go to the sandbox with its keys, its webhook secret and its fixed account number', () => {
    const config = parseConfig({ ...base, PORT: '4200', GATEWAY_TIMEOUT_MS: '2500' });
    const credentials = sandboxCredentials(config);
    expect(payoutSettings(config)).toEqual({
      keyId: credentials.keyId,
      keySecret: credentials.keySecret,
      webhookSecret: credentials.webhookSecret,
      baseUrl: 'http://127.0.0.1:4200/sandbox/razorpay',
      accountNumber: SANDBOX_PAYOUT_ACCOUNT_NUMBER,
      timeoutMs: 2500,
    });
    expect(sandboxSettings(config)).toMatchObject({
      payoutWebhookUrl: 'http://127.0.0.1:4200/api/payouts/webhook',
      payoutDelayMs: 3000,
      accountNumber: SANDBOX_PAYOUT_ACCOUNT_NUMBER,
      faultRate: 0,
      latencyMs: 0,
    });
    expect(
      sandboxSettings(parseConfig({ ...base, SANDBOX_PAYOUT_WEBHOOK_URL: 'http://example.test/hooks', SANDBOX_PAYOUT_DELAY_MS: '10', SANDBOX_FAULT_RATE: '0.3', SANDBOX_LATENCY_MS: '40' })),
    ).toMatchObject({ payoutWebhookUrl: 'http://example.test/hooks', payoutDelayMs: 10, faultRate: 0.3, latencyMs: 40 });
  });

  it('when real keys are set, then RazorpayX with our account and the payout webhook secret; without them start-up stops, and the adapter verifies nothing and refuses to send', async () => {
    const config = parseConfig({ ...base, ...realKeys, RAZORPAYX_ACCOUNT_NUMBER: '7878780080316316', RAZORPAY_PAYOUT_WEBHOOK_SECRET: 'payout-hook-secret' });
    expect(payoutSettings(config)).toEqual({
      keyId: realKeys.RAZORPAY_KEY_ID,
      keySecret: realKeys.RAZORPAY_KEY_SECRET,
      webhookSecret: 'payout-hook-secret',
      baseUrl: 'https://api.razorpay.com',
      accountNumber: '7878780080316316',
      timeoutMs: 15_000,
    });
    // Start-up refuses real keys without them; the adapter still refuses to guess if it is ever built so.
    expect(() => parseConfig({ ...base, ...realKeys })).toThrow(/RAZORPAYX_ACCOUNT_NUMBER:/);
    expect(() => parseConfig({ ...base, ...realKeys, RAZORPAYX_ACCOUNT_NUMBER: '7878780080316316' })).toThrow(/RAZORPAY_PAYOUT_WEBHOOK_SECRET:/);
    const bare = { ...payoutSettings(config), webhookSecret: '', accountNumber: null };
    const provider = createRazorpayXProvider(bare);
    expect(provider.verifyWebhookSignature(Buffer.from('{}'), hmacHex('', '{}'))).toBe(false);
    expect(await providerError(provider.listPayouts({ from: new Date(0), to: new Date(1_000_000) }))).toMatchObject({ code: 'not_configured' });
  });
});

describe('the app’s own sandbox pays out through the adapter', () => {
  it('when a payout is made with the app’s payout settings, then the sandbox worker processes it on its own (no delay in tests) with a UTR', async () => {
    const t = await createTestApp();
    try {
      const provider = createRazorpayXProvider(payoutSettings(t.config));
      const fund = await bankFundAccount(provider);
      const payout = await provider.createPayout(payoutInput(fund));
      expect(['processing', 'processed']).toContain(payout.status);
      await t.settle();
      expect(await provider.fetchPayout(payout.id)).toMatchObject({ status: 'processed', utr: expect.stringMatching(UTR) });
    } finally {
      await t.close();
    }
  });
});
