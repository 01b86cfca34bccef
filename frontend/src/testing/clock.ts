import { afterEach, beforeEach, vi } from 'vitest';
import { apiClient } from '@/lib/api-client';

/** Tuesday 10 November 2026, 11:30 in Kolkata (06:00Z): "now" in the availability, booking and payment tests. */
export const TEST_NOW = new Date('2026-11-10T06:00:00.000Z');

/**
 * Call inside a `describe`: before each test the API client holds no access token and `Date` stands at
 * `now`. Only the clock is fixed; timers stay real, so the UI's own waits and polls work as usual.
 * After each test, real time is back.
 */
export function startEachTestAt(now: Date = TEST_NOW) {
  beforeEach(() => {
    apiClient.setAccessToken(null);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(now);
  });

  afterEach(() => {
    vi.useRealTimers();
  });
}
