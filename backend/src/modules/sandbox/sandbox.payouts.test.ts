import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usingServerPostgres } from '../../db/test-database.js';
import { clock, fixedClock, setClock } from '../../lib/clock.js';
import { hmacHex } from '../../lib/signatures.js';
import { SANDBOX_TEST_ACCOUNT, SANDBOX_TEST_KEYS, startSandboxGateway, type Delivery, type SandboxGateway } from '../../test-support/sandbox-gateway.js';
import { SANDBOX_BALANCE_PAISE } from './sandbox.payouts.js';
import { sandboxContacts, sandboxFundAccounts, sandboxPayouts, sandboxWebhooks } from './sandbox.tables.js';
import { runSandboxPass } from './sandbox.worker.js';

const ID = (prefix: string) => new RegExp(`^${prefix}_[0-9A-Za-z]{14}$`);
const UTR = /^[0-9A-Za-z]{12,}$/;

let keyCounter = 0;
const newKey = () => `key-${Date.now().toString(36)}-${++keyCounter}`;

async function count(g: SandboxGateway, table: typeof sandboxPayouts | typeof sandboxContacts | typeof sandboxFundAccounts | typeof sandboxWebhooks): Promise<number> {
  const [row] = await g.database.db.select({ n: sql<number>`count(*)::int` }).from(table);
  return Number(row!.n);
}

async function newContact(g: SandboxGateway, overrides: Record<string, unknown> = {}) {
  const res = await g.api('POST', '/v1/contacts', { body: { name: 'Asha Rao', email: 'asha@example.com', type: 'vendor', reference_id: `mentor-${++keyCounter}`, ...overrides } });
  expect(res.status).toBe(200);
  return res.body as { id: string };
}

const bankBody = (contactId: string, bank: Record<string, unknown> = {}) => ({
  contact_id: contactId,
  account_type: 'bank_account',
  bank_account: { name: 'Asha Rao', ifsc: 'HDFC0000001', account_number: '123456789012', ...bank },
});

async function newBankAccount(g: SandboxGateway) {
  const contact = await newContact(g);
  const res = await g.api('POST', '/v1/fund_accounts', { body: bankBody(contact.id) });
  expect(res.status).toBe(200);
  return res.body as { id: string };
}

async function newVpaAccount(g: SandboxGateway) {
  const contact = await newContact(g);
  const res = await g.api('POST', '/v1/fund_accounts', { body: { contact_id: contact.id, account_type: 'vpa', vpa: { address: 'asha.rao@okhdfc' } } });
  expect(res.status).toBe(200);
  return res.body as { id: string };
}

const payoutBody = (fundAccountId: string, overrides: Record<string, unknown> = {}) => ({
  account_number: SANDBOX_TEST_ACCOUNT,
  fund_account_id: fundAccountId,
  amount: 50_000,
  currency: 'INR',
  mode: 'IMPS',
  purpose: 'payout',
  queue_if_low_balance: true,
  reference_id: `wd-${++keyCounter}`,
  narration: 'Mentor Connect payout',
  ...overrides,
});

const postPayout = (g: SandboxGateway, body: unknown, key: string | null = newKey(), extra: { auth?: boolean } = {}) =>
  g.api('POST', '/v1/payouts', { body, headers: key === null ? {} : { 'X-Payout-Idempotency': key }, ...extra });

async function newPayout(g: SandboxGateway, fundAccountId: string, overrides: Record<string, unknown> = {}) {
  const res = await postPayout(g, payoutBody(fundAccountId, overrides));
  expect(res.status).toBe(200);
  return res.body as Record<string, unknown> & { id: string; status: string; utr: string | null };
}

const simulate = (g: SandboxGateway, payoutId: string, body: unknown) => g.api('POST', `/v1/payouts/${payoutId}/simulate`, { body, auth: false });

/** Delivers what is due now and returns the payout webhooks about `payoutId`, in delivery order. */
async function payoutEvents(g: SandboxGateway, payoutId: string, at = clock.now()): Promise<Delivery[]> {
  await runSandboxPass(g.database.db, g.settings, at, g.logger);
  return g.deliveries.filter((d) => d.endpoint === 'payouts' && d.json.payload.payout?.entity.id === payoutId);
}

const expectRefusal = (res: { status: number; body: Record<string, unknown> }, field: string | null) => {
  expect(res.status).toBe(400);
  expect(res.body.error).toMatchObject({ code: 'BAD_REQUEST_ERROR', description: expect.any(String) });
  if (field !== null) expect((res.body.error as { field?: string }).field).toBe(field);
};

describe('RazorpayX in the sandbox: contacts and fund accounts', () => {
  let g: SandboxGateway;
  beforeAll(async () => {
    g = await startSandboxGateway();
  });
  afterAll(async () => {
    await g.close();
  });

  it('when a contact is created, then it is returned as RazorpayX shapes it, and the same details again return it', async () => {
    const body = { name: 'Ravi Kumar', email: 'ravi@example.com', contact: '+919876543210', type: 'vendor', reference_id: 'mentor-ravi' };
    const first = await g.api('POST', '/v1/contacts', { body });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      id: expect.stringMatching(ID('cont')),
      entity: 'contact',
      name: 'Ravi Kumar',
      contact: '+919876543210',
      email: 'ravi@example.com',
      type: 'vendor',
      reference_id: 'mentor-ravi',
      batch_id: null,
      active: true,
      notes: [],
      created_at: expect.any(Number),
    });
    expect(Math.abs((first.body.created_at as number) - clock.now().getTime() / 1000)).toBeLessThan(60);
    expect((await g.api('POST', '/v1/contacts', { body })).body.id).toBe(first.body.id);
    const other = await g.api('POST', '/v1/contacts', { body: { ...body, email: 'ravi.k@example.com' } });
    expect(other.body.id).not.toBe(first.body.id);
  });

  it('when a contact body is invalid, then 400 names the field and nothing is created', async () => {
    const before = await count(g, sandboxContacts);
    expectRefusal(await g.api('POST', '/v1/contacts', { body: { email: 'x@example.com' } }), 'name');
    expectRefusal(await g.api('POST', '/v1/contacts', { body: { name: 'A', email: 'not-an-email' } }), 'email');
    expectRefusal(await g.api('POST', '/v1/contacts', { body: { name: 'A', contact: '12' } }), 'contact');
    expectRefusal(await g.api('POST', '/v1/contacts', { body: { name: 'A', type: 'friend' } }), 'type');
    expectRefusal(await g.api('POST', '/v1/contacts', { body: { name: 'A', nickname: 'a' } }), 'nickname');
    expectRefusal(await g.api('POST', '/v1/contacts', { body: { name: 'A', reference_id: 'r'.repeat(41) } }), 'reference_id');
    expect(await count(g, sandboxContacts)).toBe(before);
  });

  it('when the API keys are missing or wrong, then 401 and nothing is created', async () => {
    const before = await count(g, sandboxContacts);
    const missing = await g.api('POST', '/v1/contacts', { body: { name: 'Asha' }, auth: false });
    expect(missing.status).toBe(401);
    expect(missing.body.error).toMatchObject({ code: 'BAD_REQUEST_ERROR', description: 'The api key provided is invalid' });
    const wrong = await g.api('POST', '/v1/contacts', { body: { name: 'Asha' }, auth: false, headers: { Authorization: `Basic ${Buffer.from(`${SANDBOX_TEST_KEYS.keyId}:wrong`).toString('base64')}` } });
    expect(wrong.status).toBe(401);
    expect((await g.api('GET', '/v1/payouts?account_number=1', { auth: false })).status).toBe(401);
    expect((await g.api('GET', '/v1/payouts/pout_00000000000000', { auth: false })).status).toBe(401);
    expect((await g.api('POST', '/v1/payouts/pout_00000000000000/cancel', { auth: false })).status).toBe(401);
    expect(await count(g, sandboxContacts)).toBe(before);
  });

  it('when a bank account is added, then a fund account is returned with the bank’s name, and identical details return the same one', async () => {
    const contact = await newContact(g);
    const first = await g.api('POST', '/v1/fund_accounts', { body: bankBody(contact.id) });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      id: expect.stringMatching(ID('fa')),
      entity: 'fund_account',
      contact_id: contact.id,
      account_type: 'bank_account',
      bank_account: { ifsc: 'HDFC0000001', bank_name: 'HDFC Bank', name: 'Asha Rao', notes: [], account_number: '123456789012' },
      batch_id: null,
      active: true,
      created_at: first.body.created_at,
    });
    expect(typeof first.body.created_at).toBe('number');
    expect((await g.api('POST', '/v1/fund_accounts', { body: bankBody(contact.id) })).body.id).toBe(first.body.id);
    // Other details, or the same details for another contact, are another fund account.
    const otherNumber = await g.api('POST', '/v1/fund_accounts', { body: bankBody(contact.id, { account_number: '123456789013' }) });
    const otherContact = await g.api('POST', '/v1/fund_accounts', { body: bankBody((await newContact(g)).id) });
    expect(new Set([first.body.id, otherNumber.body.id, otherContact.body.id]).size).toBe(3);
  });

  it('when a UPI id is added, then a vpa fund account splits it into username and handle', async () => {
    const contact = await newContact(g);
    const res = await g.api('POST', '/v1/fund_accounts', { body: { contact_id: contact.id, account_type: 'vpa', vpa: { address: 'asha.rao-1_x@okicici' } } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: expect.stringMatching(ID('fa')), account_type: 'vpa', vpa: { username: 'asha.rao-1_x', handle: 'okicici', address: 'asha.rao-1_x@okicici' } });
    expect(res.body.bank_account).toBeUndefined();
  });

  it('when account details are malformed, then 400 names the field and nothing is created; the edges of each format are accepted', async () => {
    const contact = await newContact(g);
    const before = await count(g, sandboxFundAccounts);
    const bank = (details: Record<string, unknown>) => g.api('POST', '/v1/fund_accounts', { body: bankBody(contact.id, details) });
    const vpa = (address: unknown) => g.api('POST', '/v1/fund_accounts', { body: { contact_id: contact.id, account_type: 'vpa', vpa: { address } } });
    for (const ifsc of ['hdfc0000001', 'HDFC1000001', 'HDFC000001', 'HDFC00000012', 'HDF00000001', 'HDFC0-00001', 42]) expectRefusal(await bank({ ifsc }), 'bank_account.ifsc');
    for (const accountNumber of ['12345678', '1234567890123456789', '12345678901a', '', ' 123456789', 123456789012]) expectRefusal(await bank({ account_number: accountNumber }), 'bank_account.account_number');
    expectRefusal(await bank({ name: '' }), 'bank_account.name');
    for (const address of ['asha', 'a@okhdfc', 'asha@ok1', 'asha@o', 'as ha@okhdfc', 'asha@@okhdfc', '']) expectRefusal(await vpa(address), 'vpa.address');
    expectRefusal(await g.api('POST', '/v1/fund_accounts', { body: { contact_id: contact.id, account_type: 'card', card: {} } }), 'account_type');
    expectRefusal(await g.api('POST', '/v1/fund_accounts', { body: { contact_id: contact.id, account_type: 'bank_account' } }), 'bank_account');
    expectRefusal(await g.api('POST', '/v1/fund_accounts', { body: { contact_id: contact.id, account_type: 'vpa', vpa: { address: 'ab@okhdfc', extra: 1 } } }), 'extra');
    expectRefusal(await g.api('POST', '/v1/fund_accounts', { body: bankBody('cont_00000000000000') }), 'contact_id');
    expect(await count(g, sandboxFundAccounts)).toBe(before);

    for (const accountNumber of ['123456789', '123456789012345678', '000000000']) expect((await bank({ account_number: accountNumber })).status).toBe(200);
    expect((await bank({ ifsc: 'SBIN0ABC123' })).status).toBe(200);
    for (const address of ['ab@ok', `${'a'.repeat(256)}@${'b'.repeat(64)}`]) expect((await vpa(address)).status).toBe(200);
  });
});

describe('RazorpayX in the sandbox: payouts', () => {
  let g: SandboxGateway;
  let bank: { id: string };
  beforeAll(async () => {
    g = await startSandboxGateway({ payoutDelayMs: 60_000 });
    bank = await newBankAccount(g);
  });
  afterAll(async () => {
    await g.close();
  });

  it('when a payout is created, then it is processing without a UTR, and payout.initiated is delivered signed to the payout endpoint', async () => {
    const body = payoutBody(bank.id, { reference_id: 'wd-shape-1', notes: { withdrawal_id: 'wd-shape-1' } });
    const res = await postPayout(g, body);
    expect(res.status).toBe(200);
    const payout = res.body;
    expect(payout).toEqual({
      id: expect.stringMatching(ID('pout')),
      entity: 'payout',
      fund_account_id: bank.id,
      amount: 50_000,
      currency: 'INR',
      notes: { withdrawal_id: 'wd-shape-1' },
      fees: expect.any(Number),
      tax: expect.any(Number),
      status: 'processing',
      purpose: 'payout',
      utr: null,
      mode: 'IMPS',
      reference_id: 'wd-shape-1',
      narration: 'Mentor Connect payout',
      batch_id: null,
      failure_reason: null,
      created_at: expect.any(Number),
      fee_type: '',
      status_details: { description: expect.any(String), source: expect.any(String), reason: expect.any(String) },
      merchant_id: expect.any(String),
      status_details_id: null,
      error: expect.objectContaining({ description: null }),
    });
    expect(payout.fees as number).toBeGreaterThan(payout.tax as number);
    expect(Math.abs((payout.created_at as number) - clock.now().getTime() / 1000)).toBeLessThan(60);
    expect((await g.api('GET', `/v1/payouts/${payout.id as string}`)).body).toEqual(payout);

    const events = await payoutEvents(g, payout.id as string);
    expect(events.map((e) => e.json.event)).toEqual(['payout.initiated']);
    const [event] = events;
    expect(event!.signature).toBe(hmacHex(SANDBOX_TEST_KEYS.webhookSecret, event!.raw));
    expect(event!.eventId).toMatch(ID('evt'));
    expect(event!.json).toEqual({ entity: 'event', account_id: expect.stringMatching(ID('acc')), event: 'payout.initiated', contains: ['payout'], payload: { payout: { entity: payout } }, created_at: expect.any(Number) });
    expect(g.deliveries.filter((d) => d.endpoint === 'payments')).toEqual([]);
  });

  it('when a payout id does not exist, then 400 "The id provided does not exist"', async () => {
    const res = await g.api('GET', '/v1/payouts/pout_00000000000000');
    expectRefusal(res, null);
    expect((res.body.error as { description: string }).description).toBe('The id provided does not exist');
  });

  it('when X-Payout-Idempotency is missing or malformed, then 400 names it and nothing is created; its edges are accepted', async () => {
    const before = await count(g, sandboxPayouts);
    expectRefusal(await postPayout(g, payoutBody(bank.id), null), 'X-Payout-Idempotency');
    for (const key of ['', 'abc', 'k'.repeat(37), 'bad.key', 'bad/key', 'café-key']) expectRefusal(await postPayout(g, payoutBody(bank.id), key), 'X-Payout-Idempotency');
    expect(await count(g, sandboxPayouts)).toBe(before);
    for (const key of ['abcd', 'k'.repeat(36), `with space_and-dash ${keyCounter++}`]) expect((await postPayout(g, payoutBody(bank.id), key)).status).toBe(200);
  });

  it('when the same key comes with the same body (in any key order), then the same payout; with another body, 400 and nothing changes', async () => {
    const key = newKey();
    const body = payoutBody(bank.id);
    const first = await postPayout(g, body, key);
    expect(first.status).toBe(200);
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const again = await postPayout(g, reordered, key);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    for (const change of [{ amount: 50_001 }, { reference_id: 'another' }, { narration: 'Other narration' }, { queue_if_low_balance: false }]) {
      const res = await postPayout(g, { ...body, ...change }, key);
      expectRefusal(res, 'X-Payout-Idempotency');
    }
    const rows = await g.database.db.select().from(sandboxPayouts).where(eq(sandboxPayouts.idempotencyKey, key));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.entity).toEqual(first.body);
    expect((await payoutEvents(g, first.body.id as string)).map((e) => e.json.event)).toEqual(['payout.initiated']);
  });

  it('when a payout body is invalid, then 400 names the field and nothing is created', async () => {
    const upi = await newVpaAccount(g);
    const before = await count(g, sandboxPayouts);
    const cases: [Record<string, unknown>, string][] = [
      [{ amount: 99 }, 'amount'],
      [{ amount: 100.5 }, 'amount'],
      [{ amount: '50000' }, 'amount'],
      [{ currency: 'USD' }, 'currency'],
      [{ mode: 'CARD' }, 'mode'],
      [{ mode: 'UPI' }, 'mode'], // a bank account is paid by IMPS/NEFT/RTGS
      [{ fund_account_id: upi.id }, 'mode'], // a UPI id only by UPI
      [{ account_number: '9999999999' }, 'account_number'],
      [{ account_number: undefined }, 'account_number'],
      [{ fund_account_id: 'fa_00000000000000' }, 'fund_account_id'],
      [{ purpose: '' }, 'purpose'],
      [{ narration: 'Payout #42' }, 'narration'],
      [{ narration: 'n'.repeat(31) }, 'narration'],
      [{ reference_id: 'r'.repeat(41) }, 'reference_id'],
      [{ queue_if_low_balance: 'yes' }, 'queue_if_low_balance'],
      [{ beneficiary: 'x' }, 'beneficiary'],
    ];
    for (const [change, field] of cases) expectRefusal(await postPayout(g, payoutBody(bank.id, change)), field);
    expect(await count(g, sandboxPayouts)).toBe(before);
    expect((await postPayout(g, payoutBody(upi.id, { mode: 'UPI', amount: 100 }))).status).toBe(200);
  });

  it('when the balance is too low, then a payout is queued (payout.queued) or, without queue_if_low_balance, refused', async () => {
    const big = SANDBOX_BALANCE_PAISE + 1;
    expectRefusal(await postPayout(g, payoutBody(bank.id, { amount: big, mode: 'NEFT', queue_if_low_balance: false })), 'amount');
    const queued = await newPayout(g, bank.id, { amount: big, mode: 'NEFT' });
    expect(queued.status).toBe('queued');
    expect(queued.status_details).toMatchObject({ reason: 'low_balance' });
    expect((await payoutEvents(g, queued.id)).map((e) => e.json.event)).toEqual(['payout.queued']);
  });

  it('when a queued payout is cancelled, then it is cancelled once; a processing one cannot be', async () => {
    const queued = await newPayout(g, bank.id, { amount: SANDBOX_BALANCE_PAISE + 100, mode: 'RTGS' });
    const cancelled = await g.api('POST', `/v1/payouts/${queued.id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ id: queued.id, status: 'cancelled', utr: null });
    expectRefusal(await g.api('POST', `/v1/payouts/${queued.id}/cancel`), null);
    const processing = await newPayout(g, bank.id);
    expectRefusal(await g.api('POST', `/v1/payouts/${processing.id}/cancel`), null);
    expect((await g.api('GET', `/v1/payouts/${processing.id}`)).body.status).toBe('processing');
    expectRefusal(await g.api('POST', '/v1/payouts/pout_00000000000000/cancel'), null);
    // A cancelled payout is never processed by the worker.
    await runSandboxPass(g.database.db, g.settings, new Date(clock.now().getTime() + g.settings.payoutDelayMs + 1000), g.logger);
    expect((await g.api('GET', `/v1/payouts/${queued.id}`)).body.status).toBe('cancelled');
  });
});

describe('RazorpayX in the sandbox: the bank’s outcome (simulate)', () => {
  let g: SandboxGateway;
  let bank: { id: string };
  beforeAll(async () => {
    g = await startSandboxGateway({ payoutDelayMs: 3_600_000 });
    bank = await newBankAccount(g);
  });
  afterAll(async () => {
    await g.close();
  });

  it('when a payout is simulated processed (without API keys), then it has a UTR and payout.processed is delivered, signed', async () => {
    const payout = await newPayout(g, bank.id);
    const res = await simulate(g, payout.id, { outcome: 'processed' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: payout.id, status: 'processed', utr: expect.stringMatching(UTR), failure_reason: null, status_details: { reason: 'payout_processed' } });
    expect((await g.api('GET', `/v1/payouts/${payout.id}`)).body).toEqual(res.body);
    const events = await payoutEvents(g, payout.id);
    expect(events.map((e) => e.json.event)).toEqual(['payout.initiated', 'payout.processed']);
    expect(events[1]!.json.payload.payout!.entity).toEqual(res.body);
    for (const event of events) expect(event.signature).toBe(hmacHex(SANDBOX_TEST_KEYS.webhookSecret, event.raw));
  });

  it('when a payout is simulated failed, then it has no UTR, a reason in status_details, and payout.failed is delivered', async () => {
    const payout = await newPayout(g, bank.id);
    const res = await simulate(g, payout.id, { outcome: 'failed' });
    expect(res.body).toMatchObject({ status: 'failed', utr: null, failure_reason: expect.any(String), status_details: { reason: expect.any(String), description: expect.any(String), source: 'beneficiary_bank' } });
    expect((res.body.status_details as { description: string }).description).toBe(res.body.failure_reason);
    expect((await payoutEvents(g, payout.id)).map((e) => e.json.event)).toEqual(['payout.initiated', 'payout.failed']);
  });

  it('when a payout is simulated reversed, then it was processed with a UTR first: payout.processed, then payout.reversed, same UTR', async () => {
    const payout = await newPayout(g, bank.id);
    const res = await simulate(g, payout.id, { outcome: 'reversed' });
    expect(res.body).toMatchObject({ status: 'reversed', utr: expect.stringMatching(UTR), failure_reason: expect.any(String) });
    const events = await payoutEvents(g, payout.id);
    expect(events.map((e) => e.json.event)).toEqual(['payout.initiated', 'payout.processed', 'payout.reversed']);
    expect(events[1]!.json.payload.payout!.entity.utr).toBe(res.body.utr);
    expect(events[2]!.json.payload.payout!.entity).toEqual(res.body);
  });

  it('when a processed payout is reversed later, then only payout.reversed is added; a settled payout cannot take another outcome; repeating one changes nothing', async () => {
    const payout = await newPayout(g, bank.id);
    const processed = (await simulate(g, payout.id, { outcome: 'processed' })).body;
    const again = await simulate(g, payout.id, { outcome: 'processed' });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(processed);
    expectRefusal(await simulate(g, payout.id, { outcome: 'failed' }), 'outcome');
    const reversed = await simulate(g, payout.id, { outcome: 'reversed' });
    expect(reversed.body).toMatchObject({ status: 'reversed', utr: processed.utr });
    expectRefusal(await simulate(g, payout.id, { outcome: 'processed' }), 'outcome');
    expect((await payoutEvents(g, payout.id)).map((e) => e.json.event)).toEqual(['payout.initiated', 'payout.processed', 'payout.reversed']);

    const failed = await newPayout(g, bank.id);
    await simulate(g, failed.id, { outcome: 'failed' });
    expectRefusal(await simulate(g, failed.id, { outcome: 'processed' }), 'outcome');
    expectRefusal(await simulate(g, failed.id, { outcome: 'reversed' }), 'outcome');
  });

  it('when a queued payout is simulated, then it is initiated first, then takes the outcome', async () => {
    const queued = await newPayout(g, bank.id, { amount: SANDBOX_BALANCE_PAISE + 1, mode: 'NEFT' });
    const res = await simulate(g, queued.id, { outcome: 'processed' });
    expect(res.body).toMatchObject({ status: 'processed', utr: expect.stringMatching(/^[0-9A-Za-z]{16}$/) });
    expect((await payoutEvents(g, queued.id)).map((e) => e.json.event)).toEqual(['payout.queued', 'payout.initiated', 'payout.processed']);
  });

  it('when the outcome is missing or invalid, or the payout unknown, then 400 and nothing changes', async () => {
    const payout = await newPayout(g, bank.id);
    const missing = await simulate(g, payout.id, {});
    expectRefusal(missing, 'outcome');
    expect((missing.body.error as { description: string }).description).toBe('The outcome field is required.');
    for (const outcome of ['success', 'PROCESSED', 1, null]) expectRefusal(await simulate(g, payout.id, { outcome }), 'outcome');
    const unknown = await simulate(g, 'pout_00000000000000', { outcome: 'processed' });
    expectRefusal(unknown, null);
    expect((unknown.body.error as { description: string }).description).toBe('The id provided does not exist');
    expect((await g.api('GET', `/v1/payouts/${payout.id}`)).body).toMatchObject({ status: 'processing', utr: null });
  });
});

describe('RazorpayX in the sandbox: payouts move on by themselves', () => {
  let g: SandboxGateway;
  let bank: { id: string };
  beforeAll(async () => {
    g = await startSandboxGateway({ payoutDelayMs: 5_000 });
    bank = await newBankAccount(g);
  });
  afterAll(async () => {
    await g.close();
  });

  it('when the payout delay passes, then the worker’s pass processes the payout once, with a UTR and one payout.processed', async () => {
    const t0 = new Date('2031-03-03T10:00:00.000Z');
    const previous = setClock(fixedClock(t0));
    let payout: Awaited<ReturnType<typeof newPayout>>;
    try {
      payout = await newPayout(g, bank.id);
    } finally {
      setClock(previous);
    }
    const early = await runSandboxPass(g.database.db, g.settings, new Date(t0.getTime() + 4_999), g.logger);
    expect(early.payoutsProcessed).toBe(0);
    expect(early.nextDueAt?.getTime()).toBeLessThanOrEqual(t0.getTime() + 5_000);
    expect((await g.api('GET', `/v1/payouts/${payout.id}`)).body.status).toBe('processing');

    const due = await runSandboxPass(g.database.db, g.settings, new Date(t0.getTime() + 5_000), g.logger);
    expect(due.payoutsProcessed).toBe(1);
    const processed = (await g.api('GET', `/v1/payouts/${payout.id}`)).body;
    expect(processed).toMatchObject({ status: 'processed', utr: expect.stringMatching(/^[1-9][0-9]{11}$/) });

    await runSandboxPass(g.database.db, g.settings, new Date(t0.getTime() + 3_600_000), g.logger);
    const events = await payoutEvents(g, payout.id, new Date(t0.getTime() + 3_600_000));
    expect(events.map((e) => e.json.event)).toEqual(['payout.initiated', 'payout.processed']);
    expect(events[1]!.json.payload.payout!.entity).toEqual(processed);
  });

  it('when the worker runs on its own, then a due payout is processed and its webhooks delivered without anyone driving the clock', async () => {
    const live = await startSandboxGateway({ payoutDelayMs: 50, runningWorker: true });
    try {
      const fund = await newBankAccount(live);
      const payout = await newPayout(live, fund.id);
      const deadline = Date.now() + 10_000;
      while (live.deliveries.filter((d) => d.json.event === 'payout.processed').length === 0) {
        if (Date.now() > deadline) throw new Error('the payout was not processed in time');
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      expect((await live.api('GET', `/v1/payouts/${payout.id}`)).body).toMatchObject({ status: 'processed', utr: expect.stringMatching(UTR) });
      expect(live.deliveries.map((d) => d.json.event)).toEqual(['payout.initiated', 'payout.processed']);
    } finally {
      await live.close();
    }
  });
});

describe('RazorpayX in the sandbox: chaos', () => {
  it('when chaos is on, then some payout events are delivered twice with the same id and bytes, and some late', async () => {
    const g = await startSandboxGateway({ chaos: true });
    try {
      const fund = await newBankAccount(g);
      for (let i = 0; i < 20; i++) expect((await simulate(g, (await newPayout(g, fund.id)).id, { outcome: 'processed' })).status).toBe(200);
      await runSandboxPass(g.database.db, g.settings, clock.now(), g.logger);
      const onTime = g.deliveries.length;
      await runSandboxPass(g.database.db, g.settings, new Date(clock.now().getTime() + 2_000), g.logger);
      expect(g.deliveries.length).toBeGreaterThan(onTime); // some were held back
      const byId = new Map<string, Delivery[]>();
      for (const d of g.deliveries) byId.set(d.eventId, [...(byId.get(d.eventId) ?? []), d]);
      expect(byId.size).toBe(40); // payout.initiated and payout.processed for each
      const twice = [...byId.values()].filter((copies) => copies.length > 1);
      expect(twice.length).toBeGreaterThan(0);
      for (const copies of twice) expect(new Set(copies.map((c) => c.raw.toString('utf8'))).size).toBe(1);
      expect(g.deliveries.every((d) => d.endpoint === 'payouts' && d.signature === hmacHex(SANDBOX_TEST_KEYS.webhookSecret, d.raw))).toBe(true);
    } finally {
      await g.close();
    }
  });
});

describe('RazorpayX in the sandbox: listing payouts', () => {
  let g: SandboxGateway;
  let bank: { id: string };
  const t0 = new Date('2031-05-01T00:00:00.000Z');
  const at = (hours: number) => new Date(t0.getTime() + hours * 3_600_000);
  const seconds = (d: Date) => Math.floor(d.getTime() / 1000);
  const made: { id: string; hours: number; reference: string }[] = [];

  beforeAll(async () => {
    g = await startSandboxGateway();
    bank = await newBankAccount(g);
    for (const hours of [0, 1, 2, 3, 4, 5]) {
      const restore = setClock(fixedClock(at(hours)));
      try {
        const reference = `list-${hours}`;
        made.push({ id: (await newPayout(g, bank.id, { reference_id: reference })).id, hours, reference });
      } finally {
        setClock(restore);
      }
    }
  });
  afterAll(async () => {
    await g.close();
  });

  const list = (query: string) => g.api('GET', `/v1/payouts?account_number=${SANDBOX_TEST_ACCOUNT}&${query}`);
  const ids = (res: { body: Record<string, unknown> }) => (res.body.items as { id: string }[]).map((p) => p.id);
  const byHours = (...hours: number[]) => hours.map((h) => made.find((m) => m.hours === h)!.id);

  it('when listed with from and to, then the payouts created in that window (both ends included), newest first', async () => {
    const res = await list(`from=${seconds(at(1))}&to=${seconds(at(3))}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ entity: 'collection', count: 3 });
    expect(ids(res)).toEqual(byHours(3, 2, 1));
    expect(ids(await list(`from=${seconds(at(1)) + 1}&to=${seconds(at(3)) - 1}`))).toEqual(byHours(2));
    expect(ids(await list(`from=${seconds(at(5))}`))).toEqual(byHours(5));
    expect(ids(await list(`to=${seconds(at(0))}`))).toEqual(byHours(0));
  });

  it('when paged with count and skip, then every payout once, in order', async () => {
    const window = `from=${seconds(at(0))}&to=${seconds(at(5))}`;
    const pages = [await list(`${window}&count=4&skip=0`), await list(`${window}&count=4&skip=4`), await list(`${window}&count=4&skip=8`)];
    expect(pages.map((p) => p.body.count)).toEqual([4, 2, 0]);
    expect(pages.flatMap(ids)).toEqual(byHours(5, 4, 3, 2, 1, 0));
  });

  it('when filtered by reference_id, then only that payout', async () => {
    expect(ids(await list('reference_id=list-2'))).toEqual(byHours(2));
    expect(ids(await list('reference_id=nothing'))).toEqual([]);
  });

  it('when the account number or paging is wrong, then 400 names the field', async () => {
    expectRefusal(await g.api('GET', '/v1/payouts'), 'account_number');
    expectRefusal(await g.api('GET', '/v1/payouts?account_number=1234567890'), 'account_number');
    expectRefusal(await list('count=101'), 'count');
    expectRefusal(await list('count=0'), 'count');
    expectRefusal(await list('skip=-1'), 'skip');
    expectRefusal(await list('from=yesterday'), 'from');
    expectRefusal(await list('to=1.5'), 'to');
  });
});

describe.runIf(usingServerPostgres())('RazorpayX in the sandbox under concurrency (server PostgreSQL)', () => {
  let g: SandboxGateway;
  let bank: { id: string };
  beforeAll(async () => {
    g = await startSandboxGateway({ payoutDelayMs: 0 });
    bank = await newBankAccount(g);
  });
  afterAll(async () => {
    await g.close();
  });

  it('when 20 requests with one key and one body race, then one payout is created and every answer is that payout', async () => {
    const key = newKey();
    const body = payoutBody(bank.id);
    const answers = await Promise.all(Array.from({ length: 20 }, () => postPayout(g, body, key)));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(await g.database.db.select().from(sandboxPayouts).where(eq(sandboxPayouts.idempotencyKey, key))).toHaveLength(1);
    const webhooks = await g.database.db.select().from(sandboxWebhooks).where(eq(sandboxWebhooks.event, 'payout.initiated'));
    expect(webhooks.filter((w) => w.body.includes(answers[0]!.body.id as string))).toHaveLength(1);
  });

  it('when 20 requests with one key but two bodies race, then one payout; the requests with its body get it, the others 400', async () => {
    const key = newKey();
    const bodies = [payoutBody(bank.id, { amount: 60_000 }), payoutBody(bank.id, { amount: 70_000 })];
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => postPayout(g, bodies[i % 2], key).then((res) => ({ res, amount: bodies[i % 2]!.amount }))));
    const rows = await g.database.db.select().from(sandboxPayouts).where(eq(sandboxPayouts.idempotencyKey, key));
    expect(rows).toHaveLength(1);
    for (const { res, amount } of answers) {
      if (amount === rows[0]!.amount) expect(res.body.id).toBe(rows[0]!.id);
      else expectRefusal(res, 'X-Payout-Idempotency');
    }
  });

  it('when several instances run their passes at once, then each due payout is processed once', async () => {
    const payouts = await Promise.all(Array.from({ length: 30 }, () => newPayout(g, bank.id)));
    const now = new Date(clock.now().getTime() + 1_000);
    const passes = await Promise.all(Array.from({ length: 4 }, () => runSandboxPass(g.database.db, g.settings, now, g.logger)));
    expect(passes.reduce((sum, p) => sum + p.payoutsProcessed, 0)).toBeGreaterThanOrEqual(30);
    const processedEvents = await g.database.db.select().from(sandboxWebhooks).where(eq(sandboxWebhooks.event, 'payout.processed'));
    for (const payout of payouts) {
      expect(processedEvents.filter((w) => w.body.includes(payout.id))).toHaveLength(1);
      expect((await g.api('GET', `/v1/payouts/${payout.id}`)).body.status).toBe('processed');
    }
  });
});
