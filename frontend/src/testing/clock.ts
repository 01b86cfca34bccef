import { afterEach, beforeEach, vi } from 'vitest';
import { apiClient } from '@/lib/api-client';

/** Tuesday 10 November 2026, 11:30 in Kolkata (06:00Z): "now" in the availability, booking and payment tests. */
export const TEST_NOW = new Date('2026-11-10T06:00:00.000Z');

/** The timers a test can move on itself; React's scheduler and promises are left alone. */
const TIMERS = ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] as const;

/**
 * Call inside a `describe`: before each test the API client holds no access token and `Date` stands at
 * `now`. Only the clock is fixed; timers stay real, so the UI's own waits and polls work as usual.
 * After each test, real time is back.
 *
 * With `timers: 'jumpable'`, timers are fake too but keep pace with real time (so findBy and the
 * UI's own waits still work), and a test can also leap ahead with `vi.advanceTimersByTimeAsync`: a
 * heartbeat every 30 s, a countdown reaching its instant.
 */
export function startEachTestAt(now: Date = TEST_NOW, { timers = 'real' }: { timers?: 'real' | 'jumpable' } = {}) {
  beforeEach(() => {
    apiClient.setAccessToken(null);
    if (timers === 'jumpable') vi.useFakeTimers({ toFake: [...TIMERS], shouldAdvanceTime: true });
    else vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(now);
  });

  afterEach(() => {
    vi.useRealTimers();
  });
}
