import { describe, expect, it } from 'vitest';
import { parseConfig } from './config.js';
import { gatewaySettings, sandboxCredentials, sandboxEnabled } from './gateway-settings.js';
import { createTestApp } from './test-support/test-app.js';

const base = { DATA_DIR: '/tmp/mc-gateway-settings', JWT_SECRET: 'pV3q9ZsLx2Rk7TnWb4HyJc8Md6Fg1Qe5', PAYOUT_DETAILS_KEY: `k1:${Buffer.alloc(32, 3).toString('base64')}` };
const realKeys = {
  RAZORPAY_KEY_ID: 'rzp_test_AbCdEf123456',
  RAZORPAY_KEY_SECRET: 'real-secret-123',
  RAZORPAY_WEBHOOK_SECRET: 'hook-secret-123',
  RAZORPAYX_ACCOUNT_NUMBER: '7878780080316316',
  RAZORPAY_PAYOUT_WEBHOOK_SECRET: 'payout-hook-secret',
};

describe('which gateway', () => {
  it('when no keys are set, then the sandbox on this server is used, with keys derived from the JWT secret', () => {
    const config = parseConfig({ ...base, PORT: '4100' });
    expect(sandboxEnabled(config)).toBe(true);
    const settings = gatewaySettings(config);
    expect(settings).toMatchObject({ provider: 'sandbox', baseUrl: 'http://127.0.0.1:4100/sandbox/razorpay' });
    expect(settings.keyId).toMatch(/^rzp_test_[0-9A-Za-z]{14}$/);
    expect(sandboxCredentials(parseConfig({ ...base, PORT: '4100' }))).toEqual(sandboxCredentials(config));
    expect(sandboxCredentials(parseConfig({ ...base, JWT_SECRET: 'Kq7Wz2Lp9Xv4Nc8Rb3Ty6Hm1Jd5Gf0Sa' })).keySecret).not.toBe(settings.keySecret);
  });

  it('when real keys are set, then Razorpay is used and the sandbox is off', () => {
    const config = parseConfig({ ...base, ...realKeys });
    expect(gatewaySettings(config)).toMatchObject({ provider: 'razorpay', keyId: realKeys.RAZORPAY_KEY_ID, baseUrl: 'https://api.razorpay.com' });
    expect(sandboxEnabled(config)).toBe(false);
    expect(sandboxEnabled(parseConfig({ ...base, ...realKeys, SANDBOX_ENABLED: '1' }))).toBe(false);
  });

  it('when in production, then the sandbox is off unless the deployment is a declared demo; asking for it otherwise stops start-up', () => {
    expect(sandboxEnabled(parseConfig({ ...base, NODE_ENV: 'production' }))).toBe(false);
    expect(() => parseConfig({ ...base, NODE_ENV: 'production', SANDBOX_ENABLED: '1' })).toThrow(/SANDBOX_ENABLED: .*DEMO_MODE=true/);
    expect(sandboxEnabled(parseConfig({ ...base, NODE_ENV: 'production', DEMO_MODE: 'true' }))).toBe(true);
    expect(sandboxEnabled(parseConfig({ ...base, NODE_ENV: 'production', DEMO_MODE: 'true', SANDBOX_ENABLED: '0' }))).toBe(false);
    expect(sandboxEnabled(parseConfig({ ...base, SANDBOX_ENABLED: '0' }))).toBe(false);
  });

  it('when only one key, or keys without a webhook secret, are set, then start-up stops naming the variable', () => {
    expect(() => parseConfig({ ...base, RAZORPAY_KEY_ID: realKeys.RAZORPAY_KEY_ID })).toThrow(/RAZORPAY_KEY_SECRET/);
    expect(() => parseConfig({ ...base, RAZORPAY_KEY_ID: realKeys.RAZORPAY_KEY_ID, RAZORPAY_KEY_SECRET: 'x-secret-123' })).toThrow(/RAZORPAY_WEBHOOK_SECRET/);
    expect(() => parseConfig({ ...base, RAZORPAY_KEY_ID: 'not-a-key', RAZORPAY_KEY_SECRET: 'x-secret-123' })).toThrow(/RAZORPAY_KEY_ID/);
  });

  it('when the sandbox is off, then its routes answer 404', async () => {
    const t = await createTestApp({ NODE_ENV: 'production', PAYOUT_DETAILS_KEY: base.PAYOUT_DETAILS_KEY });
    try {
      const res = await t.http().post('/sandbox/razorpay/v1/checkout/pay').send({ order_id: 'order_x', outcome: 'success' });
      expect(res.status).toBe(404);
      expect((await t.http().get('/sandbox/razorpay/v1/orders/order_x')).status).toBe(404);
    } finally {
      await t.close();
    }
  });
});
